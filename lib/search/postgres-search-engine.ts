import 'server-only';
import { sql } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/viewer';
import type { Database } from '@/lib/db/client';
import { queryRows } from '@/lib/db/query-rows';
import { clamp, cleanFilters, emptyCounts, facetLists } from './facet-lists';
import { publishedCondition } from './postgres/conditions';
import { countOnly, countWithFacets, noCounts, type Counts } from './postgres/facet-counts';
import { findHits } from './postgres/hits';
import { twoStage } from './postgres/two-stage-hits';
import { planSearch, type SearchPlan } from './postgres/plan';
import { withMatching } from './postgres/plan-sql';
import { relatedInPostgres } from './postgres/related';
import { searchProjectsInPostgres } from './postgres/project-search';
import type { ProjectSearchQuery, ProjectSearchResults } from './project-search-types';
import { isBlankQuery } from './query/parse-query';
import {
  facetNames,
  maxPageSize,
  type EngineResults,
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
 *   can widen a selection within a facet. Beyond a thousand matches the total and the counts are
 *   estimated from an even sample (lib/search/postgres/facet-counts.ts, sampling.ts), and the hits of
 *   any result of more than a hundred are ranked in two stages (lib/search/postgres/two-stage-hits.ts),
 *   so a search costs about the same at 100,000 materials as at 5,000.
 * - What may be seen is decided by lib/auth/permissions.ts (`visibleMaterialsSql`), for hits and counts alike.
 *
 * Works the same on PGlite and on Postgres 15+.
 */
export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres';

  constructor(private readonly db: Database) {}

  async search(viewer: Viewer, query: SearchQuery): Promise<EngineResults> {
    const text = typeof query.text === 'string' ? query.text : '';
    return this.db.transaction(async (tx) => {
      const db = tx as unknown as Database;
      const browsing = isBlankQuery(text);
      // For this transaction only:
      // - jit off: search's statements are short, but the planner's cost for them at 100,000 materials
      //   passes the threshold for compiling them to machine code, which took 100-200 ms a statement
      //   here, several times what running them takes.
      // - enable_seqscan off when there are words: a file's text makes search_vector large (TOASTed),
      //   so a sequential scan would decompress every row's vector to test it, while the GIN index
      //   answers without reading any. The planner does not count that cost and, for a word in a
      //   quarter of the materials, picks the scan (0.6 s for 100,000 materials, against 0.2 s).
      // In the same round trip: the planner's count of materials (kept by ANALYZE), which the size of
      // the sample counts are estimated from depends on (postgres/sampling.ts).
      const [settings] = await queryRows<{ table_rows: number | null }>(
        db,
        sql`SELECT set_config('jit', 'off', true), set_config('enable_seqscan', ${browsing ? 'on' : 'off'}, true),
                   (SELECT reltuples::float8 FROM pg_class WHERE oid = 'materials'::regclass) AS table_rows`,
      );
      const plan: SearchPlan = browsing ? { kind: 'browse' } : withMatching(await planSearch(db, text), query.matching ?? 'all');
      return this.run(db, viewer, plan, query, Math.max(0, Number(settings?.table_rows ?? 0)));
    });
  }

  related(viewer: Viewer, source: RelatedSource, limit: number): Promise<SearchHit[]> {
    return relatedInPostgres(this.db, viewer, source, limit);
  }

  searchProjects(viewer: Viewer, query: ProjectSearchQuery): Promise<ProjectSearchResults> {
    return searchProjectsInPostgres(this.db, viewer, query);
  }

  private async run(db: Database, viewer: Viewer, plan: SearchPlan, query: SearchQuery, tableRows: number): Promise<EngineResults> {
    const pageSize = clamp(Math.floor(query.pageSize) || 1, 1, maxPageSize);
    const filters = cleanFilters(query.filters);
    const published = publishedCondition(query.published);
    const scope = { viewer, plan, filters, published };
    const counts =
      plan.kind === 'nothing' ? noCounts() : query.facets === false ? await countOnly(db, scope) : await countWithFacets(db, scope, tableRows);
    const total = counts.total;
    // An estimated total may be a little short of the real one: any page may be asked for then (one
    // past the real end is just empty), so no material is out of reach.
    const lastPage = counts.estimated.total ? Number.MAX_SAFE_INTEGER : Math.max(1, Math.ceil(total / pageSize));
    const page = clamp(Math.floor(query.page) || 1, 1, lastPage);

    const hits =
      total === 0 ? [] : await findHits(db, { ...scope, sort: query.sort, page, pageSize, large: total > twoStage.minimumCandidates });
    const facets = await this.buildFacets(db, counts.byFacet, filters);
    const corrections = plan.kind === 'words' ? plan.corrections : [];
    const estimated = counts.estimated.total || counts.estimated.facets ? { estimated: counts.estimated } : {};
    return { total, ...estimated, page, pageSize, hits, facets, corrections };
  }

  /**
   * Facet lists: every vocabulary value with a count above zero, plus any selected value (even at
   * zero, so it can be unticked), sorted by count then label. Councils are labelled from the
   * organisations table.
   */
  private async buildFacets(
    db: Database,
    counts: FacetCounts,
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


type FacetCounts = Counts['byFacet'];
