import 'server-only';
import { and, count, eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canAddCommitmentEvidence } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { commitmentEvidence, commitments } from '@/lib/db/schema';
import { ValidationError } from '@/lib/errors';
import { single } from '@/lib/materials/material-access';
import type { Services } from '@/lib/services';
import { parseUuid } from '@/lib/text/uuid';
import { commitmentFor, requireSignedIn } from './commitment-access';
import { cannotAddEvidence } from './add-evidence';

/**
 * Removes one piece of evidence (the council's members, as for adding it). A kept commitment whose
 * last evidence is removed is no longer kept: kept always means confirmed with evidence.
 */
export async function removeEvidence(services: Services, viewer: Viewer, commitmentId: unknown, fields: Record<string, unknown>): Promise<void> {
  await services.db.transaction(async (tx) => {
    const commitment = await commitmentFor(tx, viewer, commitmentId, canAddCommitmentEvidence, cannotAddEvidence, true);
    // Anyone signed out was refused above (the rule needs a member): this only tells TypeScript.
    const user = requireSignedIn(viewer, 'remove evidence');
    const evidenceId = parseUuid(String(single(fields.evidence) ?? ''));
    const removed = evidenceId
      ? await tx
          .delete(commitmentEvidence)
          .where(and(eq(commitmentEvidence.id, evidenceId), eq(commitmentEvidence.commitmentId, commitment.id)))
          .returning()
      : [];
    if (removed.length === 0) throw new ValidationError([{ field: 'evidence', message: 'That evidence is not attached to this commitment' }]);
    const [left] = await tx.select({ n: count() }).from(commitmentEvidence).where(eq(commitmentEvidence.commitmentId, commitment.id));
    const unconfirmed = commitment.confirmedAt !== null && Number(left?.n ?? 0) === 0;
    if (unconfirmed) await tx.update(commitments).set({ confirmedAt: null, confirmedBy: null }).where(eq(commitments.id, commitment.id));
    const { id, materialId, url, title } = removed[0]!;
    await recordAuditEvent(tx, user, {
      action: 'commitment.evidence_removed',
      subjectType: 'commitment',
      subjectId: commitment.id,
      organisationId: commitment.organisationId,
      before: { evidenceId: id, materialId, url, title },
      after: unconfirmed ? { kept: false } : null,
    });
  });
}
