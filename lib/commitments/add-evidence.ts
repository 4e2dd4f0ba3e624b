import 'server-only';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canAddCommitmentEvidence } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { commitmentEvidence } from '@/lib/db/schema';
import type { Transaction } from '@/lib/db/transaction';
import { AppError } from '@/lib/errors';
import type { Services } from '@/lib/services';
import { commitmentFor, requireSignedIn, type CommitmentRow } from './commitment-access';

export function cannotAddEvidence(): AppError {
  return new AppError('forbidden', 'Only members of the council that made this commitment can add evidence to it.');
}

/** What one kind of evidence adds: its own columns of the row, and what its audit event records. */
export type ChosenEvidence = {
  values: Omit<typeof commitmentEvidence.$inferInsert, 'commitmentId' | 'addedBy'>;
  audit: Record<string, unknown>;
};

/**
 * The steps every kind of evidence (material, project, link) shares, in one transaction: the
 * commitment, locked, for its council's members only (canAddCommitmentEvidence); the kind's own
 * choice, checked by `choose`; the row (the same material or project twice changes nothing, through
 * the unique indexes); and its audit event.
 */
export async function addEvidence(
  services: Services,
  viewer: Viewer,
  commitmentId: unknown,
  choose: (tx: Transaction, user: Extract<Viewer, { kind: 'user' }>, commitment: CommitmentRow) => Promise<ChosenEvidence>,
): Promise<void> {
  await services.db.transaction(async (tx) => {
    const commitment = await commitmentFor(tx, viewer, commitmentId, canAddCommitmentEvidence, cannotAddEvidence, true);
    // Anyone signed out was refused above (the rule needs a member): this only tells TypeScript.
    const user = requireSignedIn(viewer, 'add evidence');
    const chosen = await choose(tx, user, commitment);
    const added = await tx
      .insert(commitmentEvidence)
      .values({ ...chosen.values, commitmentId: commitment.id, addedBy: user.userId })
      .onConflictDoNothing()
      .returning({ id: commitmentEvidence.id });
    if (added.length === 0) return;
    await recordAuditEvent(tx, user, {
      action: 'commitment.evidence_added',
      subjectType: 'commitment',
      subjectId: commitment.id,
      organisationId: commitment.organisationId,
      after: { evidenceId: added[0]!.id, ...chosen.audit },
    });
  });
}
