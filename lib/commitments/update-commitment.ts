import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canChangeCommitment } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { commitmentReminders, commitments } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { commitmentFor, requireSignedIn } from './commitment-access';
import { readCommitmentAnswers } from './commitment-input';
import { auditView } from './record-commitment';

/**
 * Changes a commitment's answers: its council's members and site admins (canChangeCommitment). A new
 * date forgets the reminders already sent, so the contact is reminded of the new one. Audited as
 * 'commitment.updated', before and after.
 */
export async function updateCommitment(
  services: Services,
  viewer: Viewer,
  commitmentId: unknown,
  fields: Record<string, unknown>,
  options: { now?: Date } = {},
): Promise<void> {
  await services.db.transaction(async (tx) => {
    const row = await commitmentFor(tx, viewer, commitmentId, canChangeCommitment, undefined, true);
    // Anyone signed out was refused above (the rule needs a member): this only tells TypeScript.
    const user = requireSignedIn(viewer, 'change a commitment');
    // The contact stays as it is unless another member is chosen (a site admin editing is not the contact).
    const answers = await readCommitmentAnswers(tx, fields, {
      organisationId: row.organisationId,
      recorderId: row.contactUserId ?? row.recordedBy ?? user.userId,
      keepDay: row.dueOn,
      now: options.now,
    });
    await tx
      .update(commitments)
      .set({ ...answers, updatedAt: new Date() })
      .where(eq(commitments.id, row.id));
    if (answers.dueOn !== row.dueOn) await tx.delete(commitmentReminders).where(eq(commitmentReminders.commitmentId, row.id));
    await recordAuditEvent(tx, user, {
      action: 'commitment.updated',
      subjectType: 'commitment',
      subjectId: row.id,
      organisationId: row.organisationId,
      before: auditView(row),
      after: auditView(answers),
    });
  });
}
