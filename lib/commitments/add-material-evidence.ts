import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canAddCommitmentEvidence, canViewMaterial } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { commitmentEvidence, materials } from '@/lib/db/schema';
import { AppError, ValidationError } from '@/lib/errors';
import { single } from '@/lib/materials/material-access';
import type { Services } from '@/lib/services';
import { parseUuid } from '@/lib/text/uuid';
import { commitmentFor, requireSignedIn } from './commitment-access';

export function cannotAddEvidence(): AppError {
  return new AppError('forbidden', 'Only members of the council that made this commitment can add evidence to it.');
}

const notOneOfOurs = () =>
  new ValidationError([{ field: 'material', message: "Choose one of your council's published materials" }]);

/**
 * Attaches one of the council's own materials as evidence (canAddCommitmentEvidence): published, and
 * one the viewer may see. Any other id (another council's material, a draft, a withdrawn one, one that
 * does not exist, not an id at all) is refused with the same message, so nothing is learnt about
 * materials the viewer cannot see. Attaching the same material twice changes nothing.
 */
export async function addMaterialEvidence(services: Services, viewer: Viewer, commitmentId: unknown, fields: Record<string, unknown>): Promise<void> {
  await services.db.transaction(async (tx) => {
    const commitment = await commitmentFor(tx, viewer, commitmentId, canAddCommitmentEvidence, cannotAddEvidence, true);
    // Anyone signed out was refused above (the rule needs a member): this only tells TypeScript.
    const user = requireSignedIn(viewer, 'add evidence');
    const materialId = parseUuid(String(single(fields.material) ?? '').trim());
    if (!materialId) throw new ValidationError([{ field: 'material', message: 'Choose a material' }]);
    const [material] = await tx
      .select({ id: materials.id, title: materials.title, status: materials.status, visibility: materials.visibility, organisationId: materials.organisationId })
      .from(materials)
      .where(eq(materials.id, materialId));
    if (!material || material.status !== 'published' || material.organisationId !== commitment.organisationId || !canViewMaterial(user, material)) {
      throw notOneOfOurs();
    }
    const added = await tx
      .insert(commitmentEvidence)
      .values({ commitmentId: commitment.id, materialId: material.id, addedBy: user.userId })
      .onConflictDoNothing()
      .returning({ id: commitmentEvidence.id });
    if (added.length === 0) return;
    await recordAuditEvent(tx, user, {
      action: 'commitment.evidence_added',
      subjectType: 'commitment',
      subjectId: commitment.id,
      organisationId: commitment.organisationId,
      after: { evidenceId: added[0]!.id, materialId: material.id, title: material.title },
    });
  });
}
