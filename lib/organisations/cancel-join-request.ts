import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Viewer } from '@/lib/auth/viewer';
import { joinRequests } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { organisationProblems } from './messages';
import { notFound, refuse, requireSignedIn } from './organisation-common';

const cancelSchema = z.object({ requestId: z.uuid({ error: 'The request could not be found' }) });

/**
 * The person who asked to join withdraws their pending request. Only their own: anyone else's request
 * is not found, whoever asks.
 */
export async function cancelJoinRequest(services: Services, viewer: Viewer, input: unknown): Promise<void> {
  const user = requireSignedIn(viewer, 'Sign in to cancel your request.');
  const parsed = cancelSchema.safeParse(input);
  if (!parsed.success) throw notFound('request');
  const { requestId } = parsed.data;

  await services.db.transaction(async (tx) => {
    const [request] = await tx.select().from(joinRequests).where(eq(joinRequests.id, requestId)).for('update');
    if (!request || request.userId !== user.userId) throw notFound('request');
    if (request.status !== 'pending') throw refuse(organisationProblems.already_decided);
    await tx
      .update(joinRequests)
      .set({ status: 'cancelled', decidedAt: new Date() })
      .where(eq(joinRequests.id, requestId));
    await recordAuditEvent(tx, viewer, {
      action: 'join_request.cancelled',
      subjectType: 'join_request',
      subjectId: requestId,
      organisationId: request.organisationId,
      before: { status: 'pending' },
      after: { status: 'cancelled' },
    });
  });
}
