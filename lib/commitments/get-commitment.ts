import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { canAddCommitmentEvidence, canChangeCommitment, canConfirmCommitment, canSeeCommitmentPeople } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { auditEvents, organisations, phases, users } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import type { Services } from '@/lib/services';
import { displayName } from '@/lib/text/display-name';
import { commitmentFor } from './commitment-access';
import { todayInLondon } from '@/lib/text/calendar-days';
import { commitmentStatus } from './commitment-status';
import type { CommitmentKind, CommitmentStatus } from './commitment-words';
import { readCommitmentEvidence, type CommitmentEvidenceItem } from './read-commitment-evidence';

export type { CommitmentEvidenceItem } from './read-commitment-evidence';

export interface CommitmentHistoryEntry {
  action: 'recorded' | 'updated' | 'evidence_added' | 'evidence_removed' | 'confirmed';
  at: Date;
  /** As the audit log recorded them ("Sam Jones, Bristol City Council"); only for the council's members and site admins. */
  who?: string;
  /** The evidence's title, for evidence added or removed. */
  evidenceTitle?: string;
}

export interface CommitmentView {
  id: string;
  council: { slug: string; name: string };
  kind: CommitmentKind;
  phase: { slug: string; label: string } | null;
  description: string;
  dueOn: string;
  evidenceExpected: string;
  visibility: string;
  status: CommitmentStatus;
  confirmedAt: Date | null;
  /** The contact's name; only for the council's members and site admins. */
  contact?: string;
  contactUserId: string | null;
  /** The evidence the viewer may see: materials and projects they may not see are left out and counted. */
  evidence: CommitmentEvidenceItem[];
  hiddenEvidenceCount: number;
  history: CommitmentHistoryEntry[];
  can: { change: boolean; addEvidence: boolean; confirm: boolean };
}

const historyActions = new Set(['recorded', 'updated', 'evidence_added', 'evidence_removed', 'confirmed']);

/**
 * A commitment as its page shows it, for anyone who may see it (canViewCommitment), or undefined.
 * Its status is worked out now, from today's date in London.
 */
export async function getCommitment(services: Services, viewer: Viewer, commitmentId: unknown, options: { now?: Date } = {}): Promise<CommitmentView | undefined> {
  let row;
  try {
    row = await commitmentFor(services.db, viewer, commitmentId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return undefined;
    throw error;
  }
  const db = services.db;
  const seesPeople = canSeeCommitmentPeople(viewer, row);
  const [[council], phaseRows, { evidence, hiddenCount: hiddenEvidenceCount, total: evidenceCount }, events, contactRows] = await Promise.all([
    db.select({ slug: organisations.slug, name: organisations.name }).from(organisations).where(eq(organisations.id, row.organisationId)),
    row.phase ? db.select({ slug: phases.slug, label: phases.label }).from(phases).where(eq(phases.slug, row.phase)) : Promise.resolve([]),
    readCommitmentEvidence(db, viewer, row.id),
    db
      .select({ action: auditEvents.action, at: auditEvents.createdAt, actor: auditEvents.actorLabel, after: auditEvents.after, before: auditEvents.before })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, 'commitment'), eq(auditEvents.subjectId, row.id)))
      .orderBy(asc(auditEvents.createdAt), asc(auditEvents.id)),
    seesPeople && row.contactUserId
      ? db.select({ name: users.name }).from(users).where(inArray(users.id, [row.contactUserId]))
      : Promise.resolve([]),
  ]);

  const visibleIds = new Set(evidence.flatMap((item) => (item.kind === 'material' ? [item.material.id] : item.kind === 'project' ? [item.project.id] : [])));
  const history: CommitmentHistoryEntry[] = events.flatMap((event) => {
    const action = event.action.replace(/^commitment\./, '');
    if (!historyActions.has(action)) return [];
    const entry: CommitmentHistoryEntry = { action: action as CommitmentHistoryEntry['action'], at: event.at };
    if (seesPeople) entry.who = event.actor;
    const about = (action === 'evidence_removed' ? event.before : event.after) as { title?: string; materialId?: string; projectId?: string } | null;
    // The title of a material or project the viewer cannot see (now) stays hidden in the history too.
    const hiddenThing = about?.materialId ?? about?.projectId;
    if (about?.title && (!hiddenThing || visibleIds.has(hiddenThing) || seesPeople)) entry.evidenceTitle = about.title;
    return [entry];
  });

  return {
    id: row.id,
    council: council!,
    kind: row.kind as CommitmentKind,
    phase: phaseRows[0] ?? null,
    description: row.description,
    dueOn: row.dueOn,
    evidenceExpected: row.evidenceExpected,
    visibility: row.visibility,
    status: commitmentStatus({ confirmedAt: row.confirmedAt, dueOn: row.dueOn, evidenceCount }, todayInLondon(options.now)),
    confirmedAt: row.confirmedAt,
    ...(seesPeople && contactRows[0] ? { contact: displayName(contactRows[0].name) } : {}),
    contactUserId: seesPeople ? row.contactUserId : null,
    evidence,
    hiddenEvidenceCount,
    history,
    can: { change: canChangeCommitment(viewer, row), addEvidence: canAddCommitmentEvidence(viewer, row), confirm: canConfirmCommitment(viewer, row) },
  };
}
