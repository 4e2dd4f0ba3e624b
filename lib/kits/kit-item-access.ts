import 'server-only';
import { sql } from 'drizzle-orm';
import { visibleMaterialsSql } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import type { Database } from '@/lib/db/client';
import { queryRows } from '@/lib/db/query-rows';
import type { Transaction } from '@/lib/db/transaction';
import { ValidationError } from '@/lib/errors';
import { single } from '@/lib/materials/material-access';
import { parseUuid } from '@/lib/text/uuid';

/**
 * The kit's items that the viewer may see, in order, as the forms on the kit page act on them (remove,
 * move, change the note). An item whose material the viewer may not see is treated exactly as one that
 * is not in the kit: the same message, so a form cannot be used to probe for hidden materials.
 */
export interface EditableItem {
  id: string;
  material_id: string;
  position: number;
  note: string;
  title: string;
}

export async function editableItems(tx: Transaction, viewer: Viewer, kitId: string): Promise<EditableItem[]> {
  return queryRows<EditableItem>(
    tx as unknown as Database,
    sql`SELECT ki.id, ki.material_id, ki.position, ki.note, m.title FROM kit_items ki JOIN materials m ON m.id = ki.material_id
        WHERE ki.kit_id = ${kitId} AND ${visibleMaterialsSql(viewer)} ORDER BY ki.position, ki.added_at`,
  );
}

/** The item for the posted `material` field, among those the viewer may see. */
export function chosenItem(items: EditableItem[], fields: Record<string, unknown>): EditableItem {
  const materialId = parseUuid(String(single(fields.material) ?? '').trim());
  const item = materialId ? items.find((i) => i.material_id === materialId) : undefined;
  if (!item) throw new ValidationError([{ field: 'material', message: 'That material is not in this kit' }]);
  return item;
}
