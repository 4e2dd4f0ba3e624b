import { clamp, facetLists } from '../facet-lists';
import 'server-only';
import { sql } from 'drizzle-orm';
import { visibleMaterialsSql } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import type { Database } from '@/lib/db/client';
import { queryRows } from '@/lib/db/query-rows';
import {
  type EngineResults,
  maxRelated,
  type RelatedSource,
  type SearchEngine,
  type SearchHit,
  type SearchQuery,
} from '../search-engine';
import { equals, visibilityFilter } from './filters';
import { sourceWords } from '../related-words';
import { isUnreachable, type MeiliGateway } from './gateway';
import { attributesToRetrieve, buildSearchRequest, facetCounts, toSearchHit, totalOf } from './material-request';
import { searchProjectsInMeilisearch } from './project-search';
import { projectsIndexUid } from './project-index';
import type { ProjectSearchQuery, ProjectSearchResults } from '../project-search-types';

/**
 * Search through Meilisearch, with the same answers' shape and rules as the Postgres engine:
 *
 * - The viewer's visibility filter (lib/auth/permissions.ts) is the first condition of every query,
 *   and the hits found are checked once more against the database (a change of visibility the index
 *   has not caught up with yet never shows a hit; counts may lag for the seconds the outbox takes).
 * - Disjunctive facets in one multi-search: the main query (hits, and the counts of every facet with
 *   no selection), plus one query per facet with a selection, filtered by every facet but its own,
 *   asking for counts only (limit 0).
 * - Words pass through as typed, bar control characters: Meilisearch reads "quoted phrases" and
 *   -exclusions itself; every word must match (matchingStrategy "all"), as in Postgres, or, when
 *   searchMaterials asks for some of the words, the commonest are dropped first ("frequency").
 * - The page is brought back within range as in Postgres (one more request when it was past the end).
 * - Highlights use \u0002…\u0003 markers, split into segments (never HTML); the in-file snippet is
 *   the cropped `text` attribute, shown only when the words occur in it.
 *
 * Any failure throws: lib/search/index.ts then answers from Postgres and says so. After a failure to
 * reach the server, searches fail at once for a few seconds rather than each waiting for the timeout.
 */
export class MeilisearchSearchEngine implements SearchEngine {
  readonly name = 'meilisearch';
  private unreachableUntil = 0;

  /** The projects index: `<materials index>_projects` unless given (projectsIndexUid). */
  private readonly projectsIndexUid: string;

  constructor(
    private readonly gateway: MeiliGateway,
    private readonly db: Database,
    private readonly indexUid: string,
    private readonly options: { retryAfterUnreachableMs: number; projectsIndexUid?: string } = { retryAfterUnreachableMs: 5_000 },
  ) {
    this.projectsIndexUid = options.projectsIndexUid ?? projectsIndexUid(indexUid);
  }

  search(viewer: Viewer, query: SearchQuery): Promise<EngineResults> {
    return this.guarded(() => this.run(viewer, query));
  }

  /** Projects, from the projects index (project-search.ts), with the same unreachable guard. */
  searchProjects(viewer: Viewer, query: ProjectSearchQuery): Promise<ProjectSearchResults> {
    return this.guarded(() => searchProjectsInMeilisearch(this.gateway, this.db, this.projectsIndexUid, viewer, query));
  }

  private async guarded<T>(ask: () => Promise<T>): Promise<T> {
    if (Date.now() < this.unreachableUntil) throw new Error('Meilisearch was unreachable moments ago; not trying again yet');
    try {
      return await ask();
    } catch (error) {
      if (isUnreachable(error)) this.unreachableUntil = Date.now() + this.options.retryAfterUnreachableMs;
      throw error;
    }
  }

  private async run(viewer: Viewer, query: SearchQuery): Promise<EngineResults> {
    const request = buildSearchRequest(this.indexUid, viewer, query);
    const responses = await this.gateway.multiSearch(request.queries);
    let main = responses[0];
    if (!main) throw new Error('Meilisearch answered a multi-search with no results');
    const total = totalOf(main);
    const page = clamp(request.page, 1, Math.max(1, Math.ceil(total / request.pageSize)));
    if (page !== request.page && total > 0) {
      const [again] = await this.gateway.multiSearch([{ ...request.queries[0]!, page }]);
      if (!again) throw new Error('Meilisearch answered a multi-search with no results');
      main = again;
    }

    const counts = facetCounts(request, responses);
    const councilSlugs = [...new Set([...counts.councils.keys(), ...request.filters.councils])];
    const hitIds = main.hits.map((hit) => String(hit.id));
    const [visibleIds, councilNames] = await Promise.all([this.stillVisible(viewer, hitIds), this.councilNames(councilSlugs)]);

    const hits = main.hits
      .filter((hit) => visibleIds.has(String(hit.id)))
      .map((hit) => toSearchHit(hit, request.text !== ''));
    return {
      total: Math.max(0, total - (hitIds.length - hits.length)),
      page,
      pageSize: request.pageSize,
      hits,
      facets: facetLists(counts, request.filters, councilNames),
      // Meilisearch forgives typos without saying which words it changed.
      corrections: [],
    };
  }

  /**
   * "More like this" (the contract is on SearchEngine.related): the source's title and summary words
   * as the query, dropping the commonest words first until something matches ("frequency"), filtered
   * by the viewer's visibility and by the same type or a shared service area. Meilisearch cannot
   * filter on ids, so the source is left out of the answer here; those with none of the words come
   * after, newest first, from a second query; every hit is checked against the database again.
   */
  async related(viewer: Viewer, source: RelatedSource, limit: number): Promise<SearchHit[]> {
    const count = Math.max(0, Math.min(maxRelated, Math.floor(limit) || 0));
    if (count === 0) return [];
    const alike = [equals('artefactType', source.artefactType), ...source.topics.map((topic) => equals('topics', topic))];
    const filter = [visibilityFilter(viewer), alike];
    const base = { indexUid: this.indexUid, filter, limit: count + 1, attributesToRetrieve };
    const words = sourceWords(source);
    const [byWords, newest] = await this.gateway.multiSearch([
      { ...base, q: words, matchingStrategy: 'frequency' },
      { ...base, q: '', sort: ['createdAt:desc', 'id:asc'] },
    ]);
    const seen = new Set<string>([source.id]);
    const candidates: Record<string, unknown>[] = [];
    for (const hit of [...(words ? (byWords?.hits ?? []) : []), ...(newest?.hits ?? [])]) {
      const id = String(hit.id);
      if (seen.has(id)) continue;
      seen.add(id);
      candidates.push(hit);
    }
    const visible = await this.stillVisible(viewer, candidates.map((hit) => String(hit.id)));
    return candidates.filter((hit) => visible.has(String(hit.id))).slice(0, count).map((hit) => toSearchHit(hit, false));
  }

  /** The hits' ids the viewer may still see, by the database's rule (the source of truth). */
  private async stillVisible(viewer: Viewer, ids: string[]): Promise<Set<string>> {
    const valid = ids.filter((id) => uuidPattern.test(id));
    if (valid.length === 0) return new Set();
    const rows = await queryRows<{ id: string }>(
      this.db,
      sql`SELECT m.id FROM materials m WHERE m.id IN (${sql.join(valid.map((id) => sql`${id}::uuid`), sql`, `)}) AND ${visibleMaterialsSql(viewer)}`,
    );
    return new Set(rows.map((row) => row.id));
  }

  private async councilNames(slugs: string[]): Promise<Map<string, string>> {
    if (slugs.length === 0) return new Map();
    const rows = await queryRows<{ slug: string; name: string }>(
      this.db,
      sql`SELECT slug, name FROM organisations WHERE slug IN (${sql.join(slugs.map((slug) => sql`${slug}`), sql`, `)})`,
    );
    return new Map(rows.map((row) => [row.slug, row.name]));
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
