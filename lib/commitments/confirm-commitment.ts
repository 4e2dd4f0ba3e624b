import 'server-only';
import { count, eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canConfirmCommitment } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { commitmentEvidence, commitments } from '@/lib/db/schema';
import { AppError, ValidationError } from '@/lib/errors';
import type { Services } from '@/lib/services';
import { commitmentFor, requireSignedIn } from './commitment-access';

/**
 * Confirms that the council kept its commitment: a member of that council (canConfirmCommitment), and
 * only once evidence is attached. Confirming one already kept changes nothing.
 */
export async function confirmCommitment(services: Services, viewer: Viewer, commitmentId: unknown): Promise<void> {
  await services.db.transaction(async (tx) => {
    const commitment = await commitmentFor(
      tx,
      viewer,
      commitmentId,
      canConfirmCommitment,
      () => new AppError('forbidden', 'Only members of the council that made this commitment can confirm it was kept.'),
      true,
    );
    const user = requireSignedIn(viewer, 'confirm a commitment');
    if (commitment.confirmedAt !== null) return;
    const [evidence] = await tx.select({ n: count() }).from(commitmentEvidence).where(eq(commitmentEvidence.commitmentId, commitment.id));
    if (Number(evidence?.n ?? 0) === 0) {
      throw new ValidationError([{ field: 'confirm', message: 'Add evidence before confirming that your council kept this commitment' }]);
    }
    const confirmedAt = new Date();
    await tx.update(commitments).set({ confirmedAt, confirmedBy: user.userId }).where(eq(commitments.id, commitment.id));
    await recordAuditEvent(tx, user, {
      action: 'commitment.confirmed',
      subjectType: 'commitment',
      subjectId: commitment.id,
      organisationId: commitment.organisationId,
      after: { confirmedAt: confirmedAt.toISOString() },
    });
  });
}
