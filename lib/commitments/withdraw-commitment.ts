import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canChangeCommitment } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { commitments } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { commitmentFor, requireSignedIn } from './commitment-access';
import { auditView } from './record-commitment';

/**
 * Withdraws a commitment: deletes it with its evidence and reminders (canChangeCommitment). What it
 * said stays in the council's audit log ('commitment.withdrawn', with everything it held), so
 * withdrawing is never a silent way to forget a promise.
 */
export async function withdrawCommitment(services: Services, viewer: Viewer, commitmentId: unknown): Promise<{ organisationId: string }> {
  return services.db.transaction(async (tx) => {
    const row = await commitmentFor(tx, viewer, commitmentId, canChangeCommitment, undefined, true);
    // Anyone signed out was refused above (the rule needs a member): this only tells TypeScript.
    const user = requireSignedIn(viewer, 'withdraw a commitment');
    await tx.delete(commitments).where(eq(commitments.id, row.id));
    await recordAuditEvent(tx, user, {
      action: 'commitment.withdrawn',
      subjectType: 'commitment',
      subjectId: row.id,
      organisationId: row.organisationId,
      before: { ...auditView(row), confirmedAt: row.confirmedAt },
    });
    return { organisationId: row.organisationId };
  });
}
