import { clamp, cleanFilters, emptyCounts, facetLists } from './facet-lists';
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { visibleMaterialsSql } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import type { Database } from '@/lib/db/client';
import { queryRows } from '@/lib/db/query-rows';
import {
  plain,
  splitHighlights,
  summaryHeadlineOptions,
  titleHeadlineOptions,
  withEllipses,
  withoutMarkers,
} from './postgres/highlights';
import { filterConditions, publishedCondition, textCondition } from './postgres/conditions';
import { planSearch, type SearchPlan } from './postgres/plan';
import { queryCte, rankWithClauses, withMatching } from './postgres/plan-sql';
import { materialHit, type MaterialHitRow } from './postgres/material-hit-row';
import { relatedInPostgres } from './postgres/related';
import { searchProjectsInPostgres } from './postgres/project-search';
import type { ProjectSearchQuery, ProjectSearchResults } from './project-search-types';
import { rankSql } from './postgres/ranking';
import { snippetHighlights, snippetLateralSql, snippetSettings } from './postgres/snippets';
import { isBlankQuery } from './query/parse-query';
import {
  facetNames,
  maxPageSize,
  type EngineResults,
  type FacetName,
  type SearchEngine,
  type RelatedSource,
  type SearchFilters,
  type SearchHit,
  type SearchQuery,
} from './search-engine';

/**
 * The built-in search engine: Postgres full-text search on `materials.search_vector`, which the
 * materials_search_vector trigger keeps up to date (title A, summary B, tags/topic labels/council C,
 * the latest file's text D).
 *
 * - What was typed is parsed (lib/search/query/parse-query.ts: words, "phrases", -exclusions, or),
 *   widened with council synonyms and typo corrections (lib/search/postgres/plan.ts) and turned into
 *   a tsquery from bound parameters only (lib/search/postgres/tsquery.ts).
 * - Relevance is configured in lib/search/postgres/ranking.ts; snippets from inside the file are made
 *   for the page's hits only (lib/search/postgres/snippets.ts).
 * - Every value from outside is a bound parameter; the only SQL text is written here and in postgres/.
 * - Facet counts are disjunctive: each facet is counted with every filter except its own, so people
 *   can widen a selection within a facet.
 * - What may be seen is decided by lib/auth/permissions.ts (`visibleMaterialsSql`), for hits and counts alike.
 *
 * Works the same on PGlite and on Postgres 15+.
 */
export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres';

  constructor(private readonly db: Database) {}

  async search(viewer: Viewer, query: SearchQuery): Promise<EngineResults> {
    const text = typeof query.text === 'string' ? query.text : '';
    if (isBlankQuery(text)) return this.run(this.db, viewer, { kind: 'browse' }, query);
    return this.db.transaction(async (tx) => {
      const db = tx as unknown as Database;
      // A file's text makes search_vector large (TOASTed): a sequential scan would decompress every
      // row's vector to test it, while the GIN index answers without reading any. The planner does
      // not count that cost and, for a word in a quarter of the materials, picks the scan (0.6 s for
      // 100,000 materials here, against 0.2 s through the index). For this transaction only.
      await db.execute(sql`SET LOCAL enable_seqscan = off`);
      return this.run(db, viewer, withMatching(await planSearch(db, text), query.matching ?? 'all'), query);
    });
  }

  related(viewer: Viewer, source: RelatedSource, limit: number): Promise<SearchHit[]> {
    return relatedInPostgres(this.db, viewer, source, limit);
  }

  searchProjects(viewer: Viewer, query: ProjectSearchQuery): Promise<ProjectSearchResults> {
    return searchProjectsInPostgres(this.db, viewer, query);
  }

  private async run(db: Database, viewer: Viewer, plan: SearchPlan, query: SearchQuery): Promise<EngineResults> {
    const pageSize = clamp(Math.floor(query.pageSize) || 1, 1, maxPageSize);
    const filters = cleanFilters(query.filters);
    const published = publishedCondition(query.published);
    const counts =
      plan.kind === 'nothing'
        ? noCounts()
        : query.facets === false
          ? await this.countOnly(db, viewer, plan, filters, published)
          : await this.countFacets(db, viewer, plan, filters, published);
    const total = counts.total;
    const lastPage = Math.max(1, Math.ceil(total / pageSize));
    const page = clamp(Math.floor(query.page) || 1, 1, lastPage);

    const hits = total === 0 ? [] : await this.findHits(db, viewer, plan, filters, published, query.sort, page, pageSize);
    const facets = await this.buildFacets(db, counts.byFacet, filters);
    const corrections = plan.kind === 'words' ? plan.corrections : [];
    return { total, page, pageSize, hits, facets, corrections };
  }

  /** Only the total, for callers that need no facet counts (SearchQuery.facets false). */
  private async countOnly(db: Database, viewer: Viewer, plan: SearchPlan, filters: SearchFilters, published: SQL): Promise<Counts> {
    const conditions = filterConditions(filters);
    const [row] = await queryRows<{ count: number }>(db, sql`
      WITH ${queryCte(plan, false)}
      SELECT count(*)::int AS count
      FROM materials m
      LEFT JOIN organisations o ON o.id = m.organisation_id
      CROSS JOIN search_query
      WHERE ${visibleMaterialsSql(viewer)} AND ${textCondition(plan)} AND ${published} AND ${sql.join(Object.values(conditions), sql` AND `)}
    `);
    return { ...noCounts(), total: Number(row?.count ?? 0) };
  }

  /** The total and, for each facet, the count per value (computed with every other facet's filter). */
  private async countFacets(db: Database, viewer: Viewer, plan: SearchPlan, filters: SearchFilters, published: SQL) {
    const conditions = filterConditions(filters);
    const allExcept = (facet: FacetName | null) =>
      sql.join(
        facetNames.filter((name) => name !== facet).map((name) => sql.raw(`f_${name}`)),
        sql` AND `,
      );

    const rows = await queryRows<{ facet: string; value: string | null; label: string | null; count: number }>(db, sql`
      WITH ${queryCte(plan, false)},
      base AS (
        SELECT m.phases, m.artefact_type, m.kind, m.topics, m.licence,
               o.slug AS council_slug, o.name AS council_name,
               ${conditions.phases} AS f_phases,
               ${conditions.artefactTypes} AS f_artefactTypes,
               ${conditions.kinds} AS f_kinds,
               ${conditions.topics} AS f_topics,
               ${conditions.councils} AS f_councils,
               ${conditions.licences} AS f_licences
        FROM materials m
        LEFT JOIN organisations o ON o.id = m.organisation_id
        CROSS JOIN search_query
        WHERE ${visibleMaterialsSql(viewer)} AND ${textCondition(plan)} AND ${published}
      )
      SELECT 'total' AS facet, NULL AS value, NULL AS label, count(*)::int AS count
        FROM base WHERE ${allExcept(null)}
      UNION ALL
      SELECT 'phases', phase, NULL, count(*)::int
        FROM base CROSS JOIN LATERAL unnest(base.phases) AS phase
        WHERE ${allExcept('phases')} GROUP BY phase
      UNION ALL
      SELECT 'artefactTypes', artefact_type, NULL, count(*)::int
        FROM base WHERE ${allExcept('artefactTypes')} GROUP BY artefact_type
      UNION ALL
      SELECT 'kinds', kind, NULL, count(*)::int
        FROM base WHERE ${allExcept('kinds')} GROUP BY kind
      UNION ALL
      SELECT 'topics', topic, NULL, count(*)::int
        FROM base CROSS JOIN LATERAL unnest(base.topics) AS topic
        WHERE ${allExcept('topics')} GROUP BY topic
      UNION ALL
      SELECT 'councils', council_slug, min(council_name), count(*)::int
        FROM base WHERE council_slug IS NOT NULL AND ${allExcept('councils')} GROUP BY council_slug
      UNION ALL
      SELECT 'licences', licence, NULL, count(*)::int
        FROM base WHERE ${allExcept('licences')} GROUP BY licence
    `);

    const counts = noCounts();
    for (const row of rows) {
      const count = Number(row.count);
      if (row.facet === 'total') counts.total = count;
      else if (isFacetName(row.facet) && row.value !== null) counts.byFacet[row.facet].set(row.value, { count, label: row.label });
    }
    return counts;
  }

  private async findHits(
    db: Database,
    viewer: Viewer,
    plan: SearchPlan,
    filters: SearchFilters,
    published: SQL,
    sort: SearchQuery['sort'],
    page: number,
    pageSize: number,
  ): Promise<SearchHit[]> {
    const conditions = filterConditions(filters);
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
    const headline = (column: SQL, options: string) =>
      words ? sql`ts_headline('english', ${withoutMarkers(column)}, search_query.h, ${options})` : sql`NULL::text`;

    const rows = await queryRows<HitRow>(db, sql`
      WITH ${queryCte(plan, true)},
      found AS (
        SELECT m.id, m.title, m.summary, m.phases, m.artefact_type, m.kind, m.topics, m.tags, m.licence,
               m.created_at, o.slug AS council_slug, o.name AS council_name, ${rank} AS rank, ${popularity} AS popularity
        FROM materials m
        LEFT JOIN organisations o ON o.id = m.organisation_id
        CROSS JOIN search_query
        WHERE ${visibleMaterialsSql(viewer)} AND ${textCondition(plan)} AND ${published} AND ${sql.join(Object.values(conditions), sql` AND `)}
        ORDER BY ${order('m')}
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
      ORDER BY ${order('found')}
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

  /**
   * Facet lists: every vocabulary value with a count above zero, plus any selected value (even at
   * zero, so it can be unticked), sorted by count then label. Councils are labelled from the
   * organisations table.
   */
  private async buildFacets(
    db: Database,
    counts: Record<FacetName, Map<string, { count: number; label: string | null }>>,
    filters: SearchFilters,
  ): Promise<EngineResults['facets']> {
    const numbers = emptyCounts();
    for (const facet of facetNames) for (const [value, { count }] of counts[facet]) numbers[facet].set(value, count);
    const councilNames = new Map([...counts.councils].map(([slug, { label }]) => [slug, label ?? slug]));
    // A selected council with nothing found is still listed, by name, so it can be unticked.
    const missing = filters.councils.filter((slug) => !counts.councils.has(slug));
    if (missing.length > 0) {
      const rows = await queryRows<{ slug: string; name: string }>(
        db,
        sql`SELECT slug, name FROM organisations WHERE slug IN (${sql.join(
          missing.map((slug) => sql`${slug}`),
          sql`, `,
        )})`,
      );
      for (const row of rows) councilNames.set(row.slug, row.name);
    }
    return facetLists(numbers, filters, councilNames);
  }
}

interface HitRow extends MaterialHitRow {
  title_headline: string | null;
  summary_headline: string | null;
  snippet_headline: string | null;
  snippet_passage: string | null;
  snippet_cut_before: boolean | null;
  snippet_cut_after: boolean | null;
}

type Counts = { total: number; byFacet: Record<FacetName, Map<string, { count: number; label: string | null }>> };

function noCounts(): Counts {
  const byFacet = Object.fromEntries(facetNames.map((name) => [name, new Map()])) as Counts['byFacet'];
  return { total: 0, byFacet };
}

// ---- Helpers -----------------------------------------------------------------------------------------

function isFacetName(value: string): value is FacetName {
  return (facetNames as readonly string[]).includes(value);
}

