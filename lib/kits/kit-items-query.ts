import 'server-only';
import { sql } from 'drizzle-orm';
import { visibleMaterialsSql } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import type { Database } from '@/lib/db/client';
import type { Transaction } from '@/lib/db/transaction';

/**
 * The items of a kit that this viewer may see, in order, each with its material's current published
 * file. The one query behind the kit page, the zip and its README and attribution: an item whose
 * material the viewer may not see (a draft, a withdrawn material, another council's council-only
 * material) is simply not there, so nothing about it can leak. The permission is the materials' own
 * rule (visibleMaterialsSql), applied in SQL against the live viewer.
 */
export interface KitItemRow {
  material_id: string;
  position: number;
  note: string;
  title: string;
  summary: string;
  licence: string;
  licence_title: string | null;
  licence_url: string | null;
  attribution: string | null;
  source_url: string | null;
  council_name: string | null;
  council_slug: string | null;
  /** The current published file; null when the material has none (not expected, but never assumed). */
  file_name: string | null;
  content_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  storage_key: string | null;
}

export async function visibleKitItems(db: Database | Transaction, viewer: Viewer, kitId: string): Promise<KitItemRow[]> {
  const rows = await queryRows<KitItemRow>(
    db as Database,
    sql`SELECT ki.material_id, ki.position, ki.note, m.title, m.summary, m.licence, l.label AS licence_title, l.url AS licence_url,
               m.attribution, m.source_url, o.name AS council_name, o.slug AS council_slug,
               v.file_name, v.content_type, v.size_bytes::bigint::text AS size_bytes, v.sha256, v.storage_key
        FROM kit_items ki
        JOIN materials m ON m.id = ki.material_id
        LEFT JOIN organisations o ON o.id = m.organisation_id
        LEFT JOIN licences l ON l.spdx = m.licence
        LEFT JOIN LATERAL (
          SELECT file_name, content_type, size_bytes, sha256, storage_key FROM material_versions mv
          WHERE mv.material_id = m.id AND mv.published_at IS NOT NULL
          ORDER BY mv.version_number DESC LIMIT 1
        ) v ON TRUE
        WHERE ki.kit_id = ${kitId} AND ${visibleMaterialsSql(viewer)}
        ORDER BY ki.position, ki.added_at`,
  );
  // Sizes come back as text from both drivers (bigint), so they are read the same way on each.
  return rows.map((row) => ({ ...row, size_bytes: row.size_bytes === null ? null : Number(row.size_bytes) }));
}
