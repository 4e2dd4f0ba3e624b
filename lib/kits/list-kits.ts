import 'server-only';
import { sql } from 'drizzle-orm';
import { visibleKitsSql, visibleMaterialsSql } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import type { Services } from '@/lib/services';

export interface KitListItem {
  id: string;
  title: string;
  description: string;
  council: { slug: string; name: string } | null;
  /** How many of its materials this viewer may see (never how many there are in all). */
  itemCount: number;
  updatedAt: Date;
}

/**
 * The kits the viewer may see, the hub's starter kits first, then the most recently changed. Each
 * counts only the items the viewer may see, so a count never hints at hidden materials. `offset`
 * skips that many (the API's pages; the order ends on the id, so pages neither repeat nor skip while
 * nothing changes).
 */
export async function listKits(services: Services, viewer: Viewer, options: { limit?: number; offset?: number } = {}): Promise<KitListItem[]> {
  const rows = await queryRows<{ id: string; title: string; description: string; council_slug: string | null; council_name: string | null; item_count: number; updated_at: Date | string }>(
    services.db,
    sql`SELECT k.id, k.title, k.description, o.slug AS council_slug, o.name AS council_name, k.updated_at,
               (SELECT count(*)::int FROM kit_items ki JOIN materials m ON m.id = ki.material_id
                WHERE ki.kit_id = k.id AND ${visibleMaterialsSql(viewer)}) AS item_count
        FROM kits k LEFT JOIN organisations o ON o.id = k.organisation_id
        WHERE ${visibleKitsSql(viewer)}
        ORDER BY (k.organisation_id IS NULL) DESC, k.updated_at DESC, k.id
        LIMIT ${options.limit ?? 500} OFFSET ${options.offset ?? 0}`,
  );
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    description: row.description,
    council: row.council_slug && row.council_name ? { slug: row.council_slug, name: row.council_name } : null,
    itemCount: Number(row.item_count),
    updatedAt: new Date(row.updated_at),
  }));
}

/**
 * The kits the viewer may add a material to ("Add to a kit" on a material's page): their own
 * council's kits (and, for a site admin, every kit), newest first.
 */
export async function kitChoices(services: Services, viewer: Viewer): Promise<{ value: string; label: string }[]> {
  if (viewer.kind !== 'user') return [];
  const organisationId = viewer.organisation?.id ?? null;
  if (!viewer.isSiteAdmin && !organisationId) return [];
  const mine = viewer.isSiteAdmin ? sql`TRUE` : sql`k.organisation_id = ${organisationId}`;
  const rows = await queryRows<{ id: string; title: string }>(
    services.db,
    sql`SELECT k.id, k.title FROM kits k WHERE ${mine} ORDER BY k.updated_at DESC, k.id LIMIT 200`,
  );
  return rows.map((row) => ({ value: row.id, label: row.title }));
}
