import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canChangeKit } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { kitItems, kits } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { kitFor } from './kit-access';
import { chosenItem, editableItems } from './kit-item-access';

/** Takes a material out of a kit (canChangeKit). The material itself is not touched. Audited as 'kit.item_removed'. */
export async function removeKitItem(services: Services, viewer: Viewer, kitId: unknown, fields: Record<string, unknown>): Promise<void> {
  await services.db.transaction(async (tx) => {
    const kit = await kitFor(tx, viewer, kitId, canChangeKit, true);
    const item = chosenItem(await editableItems(tx, viewer, kit.id), fields);
    await tx.delete(kitItems).where(eq(kitItems.id, item.id));
    await tx.update(kits).set({ updatedAt: new Date() }).where(eq(kits.id, kit.id));
    await recordAuditEvent(tx, viewer, {
      action: 'kit.item_removed',
      subjectType: 'kit',
      subjectId: kit.id,
      organisationId: kit.organisationId,
      before: { materialId: item.material_id, title: item.title, note: item.note },
    });
  });
}
