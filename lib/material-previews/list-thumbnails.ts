import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/query-rows';
import type { Services } from '@/lib/services';
import { isUuid } from '@/lib/text/uuid';

/** A thumbnail as lists show it: its address (the thumbnail route) and its size, for width and height. */
export interface ListThumbnail {
  url: string;
  width: number;
  height: number;
}

/**
 * The thumbnails of the current files of these materials, for lists and search results the viewer's
 * own permissions already filtered: one query, whatever the number of materials. Materials whose
 * current file has no thumbnail (not made yet, a document, a failure) are absent from the map.
 * The picture itself is served by the thumbnail route, which checks permission again.
 */
export async function listThumbnails(services: Services, materialIds: readonly string[]): Promise<Map<string, ListThumbnail>> {
  const ids = materialIds.filter(isUuid);
  const thumbnails = new Map<string, ListThumbnail>();
  if (ids.length === 0) return thumbnails;
  const rows = await queryRows<{ material_id: string; width: number | null; height: number | null }>(
    services.db,
    sql`SELECT DISTINCT ON (v.material_id) v.material_id,
               (p.content -> 'thumbnail' ->> 'width')::int AS width, (p.content -> 'thumbnail' ->> 'height')::int AS height
        FROM material_versions v
        LEFT JOIN file_previews p ON p.version_id = v.id AND p.status = 'ready'
        WHERE v.material_id IN (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})
        ORDER BY v.material_id, v.version_number DESC`,
  );
  for (const row of rows) {
    if (row.width && row.height) {
      thumbnails.set(row.material_id, { url: `/materials/${row.material_id}/preview/thumbnail`, width: row.width, height: row.height });
    }
  }
  return thumbnails;
}
