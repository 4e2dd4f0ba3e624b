import 'server-only';
import { sql } from 'drizzle-orm';
import { visibleMaterialsSql } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import { listThumbnails } from '@/lib/material-previews/list-thumbnails';
import type { Services } from '@/lib/services';
import { materialListLimit, type MaterialListItem } from './material-list-item';

/**
 * The published materials of one organisation that the viewer may see, newest first, for its page:
 * public ones for anyone, 'councils' ones for people of any council, its private ones for its own
 * members. The rule is visibleMaterialsSql (lib/auth/permissions.ts), the same as search's.
 */
export async function listOrganisationMaterials(
  services: Services,
  viewer: Viewer,
  organisationSlug: string,
): Promise<{ items: MaterialListItem[]; total: number }> {
  const rows = await queryRows<{ id: string; title: string; status: string; visibility: string; organisation_name: string | null; updated_at: string | Date; total: number }>(
    services.db,
    sql`SELECT m.id, m.title, m.status, m.visibility, o.name AS organisation_name, m.updated_at, count(*) OVER ()::int AS total
          FROM materials m LEFT JOIN organisations o ON o.id = m.organisation_id
         WHERE o.slug = ${organisationSlug} AND ${visibleMaterialsSql(viewer)}
         ORDER BY m.created_at DESC, m.id DESC
         LIMIT ${materialListLimit}`,
  );
  // Thumbnails only for the rows the visibility rule let through, as search results have them.
  const thumbnails = await listThumbnails(services, rows.map((row) => row.id));
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((row) => {
      const thumbnail = thumbnails.get(row.id);
      return {
        id: row.id,
        title: row.title,
        status: row.status,
        visibility: row.visibility,
        organisationName: row.organisation_name,
        updatedAt: new Date(row.updated_at).toISOString(),
        ...(thumbnail ? { thumbnail } : {}),
      };
    }),
  };
}
