import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canChangeKit } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { kitItems, kits } from '@/lib/db/schema';
import { ValidationError } from '@/lib/errors';
import { single } from '@/lib/materials/material-access';
import type { Services } from '@/lib/services';
import { kitFor } from './kit-access';
import { chosenItem, editableItems } from './kit-item-access';

/**
 * Moves an item one place up or down the kit (canChangeKit): plain "Move up" and "Move down" buttons,
 * which work without JavaScript and with a keyboard or screen reader, unlike dragging. It swaps places
 * with its neighbour among the items the viewer can see. Moving the first up, or the last down,
 * changes nothing.
 */
export async function moveKitItem(services: Services, viewer: Viewer, kitId: unknown, fields: Record<string, unknown>): Promise<void> {
  await services.db.transaction(async (tx) => {
    const kit = await kitFor(tx, viewer, kitId, canChangeKit, true);
    const direction = String(single(fields.direction) ?? '');
    if (direction !== 'up' && direction !== 'down') throw new ValidationError([{ field: 'direction', message: 'Choose up or down' }]);
    const items = await editableItems(tx, viewer, kit.id);
    const item = chosenItem(items, fields);
    const index = items.indexOf(item);
    const neighbour = items[direction === 'up' ? index - 1 : index + 1];
    if (!neighbour) return;
    // Equal positions (not expected) would make a swap a no-op: give the pair distinct ones.
    const [a, b] = neighbour.position === item.position ? [item.position, item.position + (direction === 'up' ? -1 : 1)] : [neighbour.position, item.position];
    await tx.update(kitItems).set({ position: a }).where(eq(kitItems.id, item.id));
    await tx.update(kitItems).set({ position: b }).where(eq(kitItems.id, neighbour.id));
    await tx.update(kits).set({ updatedAt: new Date() }).where(eq(kits.id, kit.id));
    await recordAuditEvent(tx, viewer, {
      action: 'kit.item_moved',
      subjectType: 'kit',
      subjectId: kit.id,
      organisationId: kit.organisationId,
      after: { materialId: item.material_id, direction },
    });
  });
}
