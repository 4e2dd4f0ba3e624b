import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canChangeKit } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { kitItems, kits } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { kitFor } from './kit-access';
import { readKitNote } from './kit-input';
import { chosenItem, editableItems } from './kit-item-access';

/** Changes the note beside one item (canChangeKit): why it is in the kit, how to use it. Audited as 'kit.note_changed'. */
export async function changeKitNote(services: Services, viewer: Viewer, kitId: unknown, fields: Record<string, unknown>): Promise<void> {
  await services.db.transaction(async (tx) => {
    const kit = await kitFor(tx, viewer, kitId, canChangeKit, true);
    const item = chosenItem(await editableItems(tx, viewer, kit.id), fields);
    const note = readKitNote(fields);
    await tx.update(kitItems).set({ note }).where(eq(kitItems.id, item.id));
    await tx.update(kits).set({ updatedAt: new Date() }).where(eq(kits.id, kit.id));
    await recordAuditEvent(tx, viewer, {
      action: 'kit.note_changed',
      subjectType: 'kit',
      subjectId: kit.id,
      organisationId: kit.organisationId,
      before: { materialId: item.material_id, note: item.note },
      after: { materialId: item.material_id, note },
    });
  });
}
