import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { queryRows } from '@/lib/db/query-rows';
import type { SearchHit, SearchQuery } from '../search-engine';
import { exactTextTest, matchingSql, type SearchScope } from './conditions';
import { plain, splitHighlights, summaryHeadlineOptions, titleHeadlineOptions, withEllipses, withoutMarkers } from './highlights';
import { materialHit, type MaterialHitRow } from './material-hit-row';
import { queryCte, rankWithClauses } from './plan-sql';
import { rankSql } from './ranking';
import { snippetHighlights, snippetLateralSql, snippetSettings } from './snippets';
import { blockRankSql, candidateCount, candidatesCte, orderSql } from './two-stage-hits';

/**
 * The Postgres engine's page of hits: the materials the viewer may see, in the order asked for, with
 * their council, latest file, highlights in the title and summary, and a snippet from inside the file
 * (snippets.ts). A large result by relevance is ranked in two stages (two-stage-hits.ts).
 */

export interface HitsRequest extends SearchScope {
  sort: SearchQuery['sort'];
  page: number;
  pageSize: number;
  /** More results (with the filters) than two-stage-hits.ts's minimumCandidates: rank in two stages. */
  large: boolean;
}

export async function findHits(db: Database, request: HitsRequest): Promise<SearchHit[]> {
  const { plan, sort, page, pageSize } = request;
  const words = plan.kind === 'words';
  const byRelevance = sort === 'relevance' && words;
  const rank = words ? rankWithClauses(plan.countedClauses, rankSql(sql`search_query.q`)) : sql`0::real`;
  // Inside `found` the rank is an output column; outside it is found's.
  // Most used / most downloaded: a count per material, worked out only for the materials found.
  const popularity =
    sort === 'most-used'
      ? sql`(SELECT count(*) FROM material_uses u WHERE u.material_id = m.id)::int`
      : sort === 'most-downloaded'
        ? sql`(SELECT coalesce(sum(d.downloads), 0) FROM material_download_days d WHERE d.material_id = m.id)::int`
        : sql`0`;
  const byPopularity = sort === 'most-used' || sort === 'most-downloaded';
  const order = (table: 'm' | 'found') =>
    sql.raw(
      (byRelevance ? `${table === 'm' ? 'rank' : 'found.rank'} DESC, ` : '') +
        (byPopularity ? `${table === 'm' ? 'popularity' : 'found.popularity'} DESC, ` : '') +
        `${table}.created_at DESC, ${table}.id`,
    );
  const from = sql`materials m LEFT JOIN organisations o ON o.id = m.organisation_id CROSS JOIN search_query`;
  const whereButWords = matchingSql(request, { filters: true, words: false });
  const where = matchingSql(request, { filters: true, words: true });
  // What the words' index answers, and the phrase test that must follow it (two-stage-hits.ts).
  const whereIndexed = matchingSql(request, { filters: true, words: 'index' });
  // A large result by relevance is ranked in two stages (two-stage-hits.ts); "some of the words" is
  // only ever asked for when few match, so it keeps the single stage.
  const twoStages = request.large && byRelevance && plan.kind === 'words' && !plan.countedClauses?.length;
  const excludes = plan.kind === 'words' && plan.excludes;
  const headline = (column: SQL, options: string) =>
    words ? sql`ts_headline('english', ${withoutMarkers(column)}, search_query.h, ${options})` : sql`NULL::text`;

  const rows = await queryRows<HitRow>(db, sql`
    WITH ${queryCte(plan, true)},
    ${twoStages ? sql`${candidatesCte({ from, whereIndexed, exact: exactTextTest(plan), whereButWords, words: plan.kind === 'words' ? plan.snippetWords : [] }, candidateCount(page, pageSize) * (excludes ? 2 : 1))},` : sql``}
    found AS (
      SELECT m.id, m.title, m.summary, m.phases, m.artefact_type, m.kind, m.topics, m.tags, m.licence,
             m.created_at, o.slug AS council_slug, o.name AS council_name, ${popularity} AS popularity,
             ${twoStages ? sql`c.block, c.position, ${blockRankSql(sql`c.block`, rank)} AS rank` : sql`0 AS block, NULL::bigint AS position, ${rank} AS rank`}
      FROM ${twoStages ? sql`candidates c JOIN ${from} ON m.id = c.id` : from}
      WHERE ${twoStages ? (excludes ? sql`(m.search_vector @@ search_query.q) IS TRUE` : sql`true`) : where}
      ORDER BY ${twoStages ? orderSql('m') : order('m')}
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}
    )
    SELECT found.id, found.title, found.summary, found.phases, found.artefact_type, found.kind, found.topics,
           found.tags, found.licence, found.council_slug, found.council_name,
           to_char(found.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
           latest.file_name, latest.format, latest.size_bytes::float8 AS size_bytes,
           ${headline(sql`found.title`, titleHeadlineOptions)} AS title_headline,
           ${headline(sql`found.summary`, summaryHeadlineOptions)} AS summary_headline,
           ${words ? sql`snippet.headline` : sql`NULL::text`} AS snippet_headline,
           ${words ? sql`snippet.passage` : sql`NULL::text`} AS snippet_passage,
           ${words ? sql`snippet.cut_before` : sql`false`} AS snippet_cut_before,
           ${words ? sql`snippet.cut_after` : sql`false`} AS snippet_cut_after
    FROM found
    CROSS JOIN search_query
    LEFT JOIN LATERAL (
      SELECT v.file_name, v.format, v.size_bytes,
             ${words ? sql`substr(v.text_content, 1, ${snippetSettings.searchChars})` : sql`NULL::text`} AS body
      FROM material_versions v
      WHERE v.material_id = found.id
      ORDER BY v.version_number DESC
      LIMIT 1
    ) latest ON true
    ${words ? snippetLateralSql(sql`latest.body`, sql`search_query.p`, sql`search_query.pp`, sql`search_query.h`) : sql``}
    ORDER BY ${twoStages ? orderSql('found') : order('found')}
  `);

  return rows.map((row) =>
    materialHit(row, {
      title: row.title_headline === null ? plain(row.title) : splitHighlights(row.title_headline),
      summary:
        row.summary_headline === null
          ? plain(row.summary)
          : withEllipses(splitHighlights(row.summary_headline), row.summary),
      text: snippetHighlights(row.snippet_headline, row.snippet_passage, {
        before: row.snippet_cut_before === true,
        after: row.snippet_cut_after === true,
      }),
    }),
  );
}

interface HitRow extends MaterialHitRow {
  title_headline: string | null;
  summary_headline: string | null;
  snippet_headline: string | null;
  snippet_passage: string | null;
  snippet_cut_before: boolean | null;
  snippet_cut_after: boolean | null;
}
