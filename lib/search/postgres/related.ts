import 'server-only';
import { sql } from 'drizzle-orm';
import { visibleMaterialsSql } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import type { Database } from '@/lib/db/client';
import { queryRows } from '@/lib/db/query-rows';
import { isUuid } from '@/lib/text/uuid';
import { maxRelated, type RelatedSource, type SearchHit } from '../search-engine';
import { rankSql } from './ranking';
import { plain } from './highlights';
import { materialHit, type MaterialHitRow } from './material-hit-row';
import { sourceWords } from '../related-words';

/**
 * "More like this" for the Postgres engine (the contract is on SearchEngine.related).
 *
 * The source's title and summary become an either-or tsquery of their stemmed words (plainto_tsquery
 * joins them with &; each & becomes |), matched against the other materials' search vectors, which
 * hold their titles, summaries, tags and files' text: ts_rank_cd then ranks those with more of the
 * words, and the words in their titles, higher. Only materials of the same type or with a service
 * area in common are candidates, through the same visibility rule as search (visibleMaterialsSql).
 * Every value is a bound parameter.
 */
export async function relatedInPostgres(db: Database, viewer: Viewer, source: RelatedSource, limit: number): Promise<SearchHit[]> {
  const count = Math.max(0, Math.min(maxRelated, Math.floor(limit) || 0));
  if (count === 0 || !isUuid(source.id)) return [];
  const words = sourceWords(source);
  const topics = source.topics.length > 0 ? sql`ARRAY[${sql.join(source.topics.map((t) => sql`${t}`), sql`, `)}]::text[]` : sql`ARRAY[]::text[]`;
  const rows = await queryRows<MaterialHitRow>(db, sql`
    WITH source AS (
      SELECT replace(plainto_tsquery('english', ${words})::text, ' & ', ' | ')::tsquery AS q
    )
    SELECT m.id, m.title, m.summary, m.phases, m.artefact_type, m.kind, m.topics, m.tags, m.licence,
           o.slug AS council_slug, o.name AS council_name,
           to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
           latest.file_name, latest.format, latest.size_bytes::float8 AS size_bytes
    FROM materials m
    LEFT JOIN organisations o ON o.id = m.organisation_id
    CROSS JOIN source
    LEFT JOIN LATERAL (
      SELECT v.file_name, v.format, v.size_bytes FROM material_versions v
      WHERE v.material_id = m.id ORDER BY v.version_number DESC LIMIT 1
    ) latest ON true
    WHERE ${visibleMaterialsSql(viewer)}
      AND m.id <> ${source.id}::uuid
      AND (m.artefact_type = ${source.artefactType} OR m.topics && ${topics})
    ORDER BY
      (CASE WHEN numnode(source.q) > 0 AND m.search_vector @@ source.q THEN ${rankSql(sql`source.q`)} ELSE 0 END) DESC,
      ((m.artefact_type = ${source.artefactType})::int + (m.topics && ${topics})::int) DESC,
      m.created_at DESC, m.id
    LIMIT ${count}
  `);
  return rows.map((row) => materialHit(row, { title: plain(row.title), summary: plain(row.summary), text: [] }));
}

