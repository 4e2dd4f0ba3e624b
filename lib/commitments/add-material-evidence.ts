import 'server-only';
import { eq } from 'drizzle-orm';
import { canViewMaterial } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { materials } from '@/lib/db/schema';
import { ValidationError } from '@/lib/errors';
import { single } from '@/lib/materials/material-access';
import type { Services } from '@/lib/services';
import { parseUuid } from '@/lib/text/uuid';
import { addEvidence } from './add-evidence';

const notOneOfOurs = () =>
  new ValidationError([{ field: 'material', message: "Choose one of your council's published materials" }]);

/**
 * Attaches one of the council's own materials as evidence (canAddCommitmentEvidence): published, and
 * one the viewer may see. Any other id (another council's material, a draft, a withdrawn one, one that
 * does not exist, not an id at all) is refused with the same message, so nothing is learnt about
 * materials the viewer cannot see. Attaching the same material twice changes nothing.
 */
export async function addMaterialEvidence(services: Services, viewer: Viewer, commitmentId: unknown, fields: Record<string, unknown>): Promise<void> {
  await addEvidence(services, viewer, commitmentId, async (tx, user, commitment) => {
    const materialId = parseUuid(String(single(fields.material) ?? '').trim());
    if (!materialId) throw new ValidationError([{ field: 'material', message: 'Choose a material' }]);
    const [material] = await tx
      .select({ id: materials.id, title: materials.title, status: materials.status, visibility: materials.visibility, organisationId: materials.organisationId })
      .from(materials)
      .where(eq(materials.id, materialId));
    if (!material || material.status !== 'published' || material.organisationId !== commitment.organisationId || !canViewMaterial(user, material)) {
      throw notOneOfOurs();
    }
    return { values: { materialId: material.id }, audit: { materialId: material.id, title: material.title } };
  });
}
