import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canChangeKit, canViewMaterial } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { kitItems, kits, materials } from '@/lib/db/schema';
import { ValidationError } from '@/lib/errors';
import { single } from '@/lib/materials/material-access';
import type { Services } from '@/lib/services';
import { parseUuid } from '@/lib/text/uuid';
import { kitFor, requireSignedIn } from './kit-access';
import { readKitNote } from './kit-input';

const noSuchMaterial = () => new ValidationError([{ field: 'material', message: 'Choose a published material you can see' }]);

/**
 * Adds a material to the end of a kit, with an optional note (canChangeKit). The material must be
 * published and one the viewer may see; any other id (a draft, a withdrawn material, another
 * council's council-only material, nothing at all) gets the same message, so nothing is learnt about
 * materials the viewer cannot see. A material already in the kit is refused, beside the kit choice.
 */
export async function addKitItem(services: Services, viewer: Viewer, fields: Record<string, unknown>): Promise<{ kitId: string }> {
  const kitId = parseUuid(String(single(fields.kit) ?? '').trim());
  if (!kitId) {
    requireSignedIn(viewer, 'add a material to a kit');
    throw new ValidationError([{ field: 'kit', message: 'Choose a kit' }]);
  }
  return services.db.transaction(async (tx) => {
    const kit = await kitFor(tx, viewer, kitId, canChangeKit, true);
    // Anyone signed out was refused above (the rule needs a member): this only tells TypeScript.
    const user = requireSignedIn(viewer, 'add a material to a kit');
    const note = readKitNote(fields);
    const materialId = parseUuid(String(single(fields.material) ?? '').trim());
    if (!materialId) throw noSuchMaterial();
    const [material] = await tx
      .select({ id: materials.id, title: materials.title, status: materials.status, visibility: materials.visibility, organisationId: materials.organisationId })
      .from(materials)
      .where(eq(materials.id, materialId));
    if (!material || material.status !== 'published' || !canViewMaterial(user, material)) throw noSuchMaterial();
    const [already] = await tx
      .select({ id: kitItems.id })
      .from(kitItems)
      .where(and(eq(kitItems.kitId, kit.id), eq(kitItems.materialId, material.id)));
    if (already) throw new ValidationError([{ field: 'kit', message: `‘${kit.title}’ already has this material` }]);
    const [last] = await tx
      .select({ position: sql<number>`coalesce(max(${kitItems.position}), 0)::int`.mapWith(Number) })
      .from(kitItems)
      .where(eq(kitItems.kitId, kit.id));
    await tx.insert(kitItems).values({ kitId: kit.id, materialId: material.id, position: (last?.position ?? 0) + 1, note, addedBy: user.userId });
    await tx.update(kits).set({ updatedAt: new Date() }).where(eq(kits.id, kit.id));
    await recordAuditEvent(tx, user, {
      action: 'kit.item_added',
      subjectType: 'kit',
      subjectId: kit.id,
      organisationId: kit.organisationId,
      after: { materialId: material.id, title: material.title, note },
    });
    return { kitId: kit.id };
  });
}
