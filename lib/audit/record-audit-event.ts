import 'server-only';
import type { Actor } from '@/lib/auth/viewer';
import type { Database } from '@/lib/db/client';
import { auditEvents } from '@/lib/db/schema';
import { personAndOrganisation } from '@/lib/text/display-name';

export interface AuditEventInput {
  /** What happened, as a verb phrase code: 'material.created', 'member.removed', … */
  action: string;
  subjectType: 'material' | 'organisation' | 'user' | 'join_request' | 'concern' | 'commitment' | 'kit' | 'project' | 'api_token';
  subjectId: string;
  /** The organisation the change concerns: its admins see the event in their log. */
  organisationId: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Records one change in the audit log. Call it inside the same transaction as the change, so the log
 * and the data never disagree. The actor is stored as an id and as a label ("Sam Jones, Bristol City
 * Council"); email addresses are never written to the log.
 */
export async function recordAuditEvent(db: Pick<Database, 'insert'>, actor: Actor, event: AuditEventInput): Promise<void> {
  await db.insert(auditEvents).values({
    actorUserId: actor.kind === 'user' ? actor.userId : null,
    actorLabel: actorLabel(actor),
    organisationId: event.organisationId,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    before: event.before ?? null,
    after: event.after ?? null,
  });
}

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'system':
      return actor.label;
    case 'anonymous':
      return 'Someone not signed in';
    case 'user':
      return personAndOrganisation(actor.name, actor.organisation?.name) ?? 'Someone who gave no name';
  }
}
