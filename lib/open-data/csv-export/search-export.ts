import 'server-only';
import { sql } from 'drizzle-orm';
import { visibleMaterialsSql } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import { searchMaterials, type SearchHit, type SearchQuery } from '@/lib/search';
import { maxPageSize } from '@/lib/search/search-engine';
import type { Services } from '@/lib/services';
import { csvRow } from './csv-cells';
import { csvExportLimit } from './export-limit';

/**
 * A search's results as CSV, in the columns of the bulk import's manifest.csv (lib/import/README.md),
 * so the rows (with the files, downloaded separately) can be imported into another hub. Unlike the
 * feeds, this follows the viewer, like the search page: what they may see, found by the same engine
 * with the same rule (visibleMaterialsSql), in the page's order. At most `csvExportLimit` rows, written
 * a page of results at a time.
 */

export { csvExportLimit };

/** The manifest's own columns, in its order (lib/import/manifest.ts). */
export const manifestColumns = ['file', 'title', 'summary', 'phases', 'artefact_type', 'kind', 'topics', 'tags', 'council', 'licence', 'source_url', 'sha256', 'attribution'] as const;

export async function* searchExportCsv(services: Services, viewer: Viewer, query: SearchQuery, limit = csvExportLimit): AsyncGenerator<string> {
  yield csvRow(manifestColumns);
  let written = 0;
  for (let page = 1; written < limit; page += 1) {
    const results = await searchMaterials(services, viewer, { ...query, page, pageSize: maxPageSize });
    // The engine brings a page past the end back to the last one: stop rather than repeat it.
    if (results.page !== page || results.hits.length === 0) return;
    const hits = results.hits.slice(0, limit - written);
    for (const row of await manifestRows(services, viewer, hits)) yield row;
    written += hits.length;
    // A short page is the last; the total alone may be an estimate (SearchResults.estimated).
    if (results.hits.length < results.pageSize || (!results.estimated?.total && page * results.pageSize >= results.total)) return;
  }
}

/**
 * What a manifest needs that a search hit does not carry (source, attribution, the file's SHA-256),
 * for hits the viewer may still see (checked again with their rule), with the newest published file.
 */
async function manifestRows(services: Services, viewer: Viewer, hits: SearchHit[]): Promise<string[]> {
  const rows = await queryRows<{ id: string; source_url: string | null; attribution: string | null; file_name: string | null; sha256: string | null }>(
    services.db,
    sql`SELECT m.id, m.source_url, m.attribution, v.file_name, v.sha256
          FROM materials m
          LEFT JOIN LATERAL (
               SELECT file_name, sha256 FROM material_versions
                WHERE material_id = m.id AND published_at IS NOT NULL
                ORDER BY version_number DESC LIMIT 1
          ) v ON true
         WHERE m.id IN (${sql.join(
           hits.map((hit) => sql`${hit.id}`),
           sql`, `,
         )})
           AND ${visibleMaterialsSql(viewer)}`,
  );
  const extra = new Map(rows.map((row) => [row.id, row]));
  return hits.flatMap((hit) => {
    const more = extra.get(hit.id);
    if (!more) return [];
    return [
      csvRow([
        more.file_name ?? hit.fileName ?? '',
        hit.title,
        hit.summary,
        hit.phases.join('|'),
        hit.artefactType,
        hit.kind,
        hit.topics.join('|'),
        hit.tags.join(', '),
        hit.council?.slug ?? '',
        hit.licence,
        more.source_url ?? '',
        more.sha256 ?? '',
        more.attribution ?? '',
      ]),
    ];
  });
}
