import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canManageOrganisation } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { joinRequests, organisations, users } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { displayName } from '@/lib/text/display-name';
import { organisationProblems } from './messages';
import { notFound, parseInput, refuse, requireSignedIn } from './organisation-common';

const decisionSchema = z.object({
  requestId: z.uuid({ error: 'The request could not be found' }),
  decision: z.enum(['approve', 'refuse'], { error: 'Choose whether to approve or refuse the request' }),
});

export type JoinDecision = z.infer<typeof decisionSchema>['decision'];

export interface DecidedJoinRequest {
  id: string;
  status: 'approved' | 'refused';
  requesterId: string;
  requesterName: string;
}

/**
 * An organisation admin (or a site admin) approves or refuses a pending request to join. Approving
 * makes the person a member; it is refused if they have meanwhile joined another organisation.
 * Requests of organisations the viewer does not manage are not found.
 */
export async function decideJoinRequest(services: Services, viewer: Viewer, input: unknown): Promise<DecidedJoinRequest> {
  requireSignedIn(viewer);
  const idCheck = z.object({ requestId: z.uuid() }).safeParse(input);
  if (!idCheck.success) throw notFound('request');
  const { requestId, decision } = parseInput(decisionSchema, input);

  return services.db.transaction(async (tx) => {
    const [request] = await tx.select().from(joinRequests).where(eq(joinRequests.id, requestId)).for('update');
    if (!request || !canManageOrganisation(viewer, request.organisationId)) throw notFound('request');
    if (request.status !== 'pending') throw refuse(organisationProblems.already_decided);
    const [person] = await tx.select().from(users).where(eq(users.id, request.userId)).for('update');
    const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, request.organisationId));
    if (!person || !organisation) throw notFound('request');
    const requesterName = displayName(person.name);

    const status = decision === 'approve' ? 'approved' : 'refused';
    if (decision === 'approve' && person.organisationId !== null && person.organisationId !== organisation.id) {
      throw refuse(organisationProblems.belongs_elsewhere);
    }
    const alreadyMember = person.organisationId === organisation.id;

    await tx
      .update(joinRequests)
      .set({ status, decidedBy: viewer.kind === 'user' ? viewer.userId : null, decidedAt: new Date() })
      .where(eq(joinRequests.id, requestId));
    await recordAuditEvent(tx, viewer, {
      action: `join_request.${status}`,
      subjectType: 'join_request',
      subjectId: requestId,
      organisationId: organisation.id,
      before: { requester: requesterName, status: 'pending' },
      after: { requester: requesterName, status },
    });

    if (decision === 'approve' && !alreadyMember) {
      await tx.update(users).set({ organisationId: organisation.id, role: 'member' }).where(eq(users.id, person.id));
      await recordAuditEvent(tx, viewer, {
        action: 'member.added',
        subjectType: 'user',
        subjectId: person.id,
        organisationId: organisation.id,
        before: { member: requesterName, organisation: null, role: null },
        after: { member: requesterName, organisation: organisation.name, role: 'member' },
      });
    }
    return { id: requestId, status, requesterId: person.id, requesterName };
  });
}
