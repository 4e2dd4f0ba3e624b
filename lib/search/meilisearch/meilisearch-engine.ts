import { clamp, cleanFilters, emptyCounts, facetLists } from '../facet-lists';
import 'server-only';
import { sql } from 'drizzle-orm';
import type { MultiSearchQuery, MultiSearchResult } from 'meilisearch';
import { visibleMaterialsSql } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import type { Database } from '@/lib/db/client';
import { queryRows } from '@/lib/db/query-rows';
import { splitHighlights } from '../postgres/highlights';
import {
  facetNames,
  maxPageSize,
  type EngineResults,
  type FacetName,
  type HighlightedText,
  maxRelated,
  type RelatedSource,
  type SearchEngine,
  type SearchFilters,
  type SearchHit,
  type SearchQuery,
} from '../search-engine';
import { equals, facetAttributes, searchFilter, visibilityFilter } from './filters';
import { sourceWords } from '../related-words';
import { isUnreachable, type MeiliGateway } from './gateway';
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

export const highlightPreTag = '\u0002';
export const highlightPostTag = '\u0003';
/** Put where Meilisearch cut text off; becomes "… " or " …". */
const cropMarker = '\u0001';
/** Words of the summary and of the in-file snippet shown around the matches. */
const summaryCropWords = 40;
const textCropWords = 30;

/** Fields each hit brings back: what a result shows, not the extracted text. */
const attributesToRetrieve = [
  'id',
  'title',
  'summary',
  'phases',
  'artefactType',
  'kind',
  'topics',
  'tags',
  'licence',
  'councilSlug',
  'councilName',
  'format',
  'fileName',
  'sizeBytes',
  'createdAtIso',
];

export interface SearchRequest {
  text: string;
  filters: SearchFilters;
  page: number;
  pageSize: number;
  /** The main query first, then one per facet with a selection, in `facetQueries` order. */
  queries: MultiSearchQuery[];
  facetQueries: FacetName[];
}

/** The multi-search for one search: pure, so its shape can be tested without a server. */
export function buildSearchRequest(indexUid: string, viewer: Viewer, query: SearchQuery): SearchRequest {
  // Control characters mean nothing to a search (and \u0002/\u0003 are the highlight markers).
  const text = query.text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  const pageSize = clamp(Math.floor(query.pageSize) || 1, 1, maxPageSize);
  const page = Math.max(1, Math.floor(query.page) || 1);
  const filters = cleanFilters(query.filters);
  // 'most-used' and 'most-downloaded' go newest first here: the counts are not in the index's
  // documents yet (they change with every download), so only the Postgres engine sorts by them.
  const byRelevance = query.sort === 'relevance' && text !== '';
  // 'some': Meilisearch drops the commonest words first and ranks materials with more of the words
  // higher (its "words" rule), as the Postgres engine does.
  const matchingStrategy = query.matching === 'some' ? 'frequency' : 'all';

  const main: MultiSearchQuery = {
    indexUid,
    q: text,
    filter: searchFilter(viewer, filters, undefined, query.published),
    ...(query.facets === false ? {} : { facets: facetNames.map((facet) => facetAttributes[facet]) }),
    page,
    hitsPerPage: pageSize,
    matchingStrategy,
    attributesToRetrieve,
    ...(byRelevance ? {} : { sort: ['createdAt:desc', 'id:asc'] }),
    ...(text === ''
      ? {}
      : {
          attributesToHighlight: ['title', 'summary', 'text'],
          attributesToCrop: [`summary:${summaryCropWords}`, `text:${textCropWords}`],
          cropMarker,
          highlightPreTag,
          highlightPostTag,
        }),
  };
  const facetQueries = query.facets === false ? [] : facetNames.filter((facet) => filters[facet].length > 0);
  const counts: MultiSearchQuery[] = facetQueries.map((facet) => ({
    indexUid,
    q: text,
    filter: searchFilter(viewer, filters, facet, query.published),
    facets: [facetAttributes[facet]],
    matchingStrategy,
    limit: 0,
  }));
  return { text, filters, page, pageSize, queries: [main, ...counts], facetQueries };
}

type Counts = Record<FacetName, Map<string, number>>;

/** Each facet's counts: from its own query when it has a selection, else from the main query. */
export function facetCounts(request: SearchRequest, responses: MultiSearchResult<Record<string, unknown>>[]): Counts {
  const main = responses[0];
  const counts = emptyCounts();
  for (const facet of facetNames) {
    const position = request.facetQueries.indexOf(facet);
    const response = position === -1 ? main : responses[position + 1];
    if (!response) throw new Error(`Meilisearch left out the counts for ${facet}`);
    const distribution = response.facetDistribution?.[facetAttributes[facet]] ?? {};
    for (const [value, count] of Object.entries(distribution)) if (count > 0) counts[facet].set(value, count);
  }
  return counts;
}

function totalOf(response: MultiSearchResult<Record<string, unknown>>): number {
  const total = response.totalHits ?? response.estimatedTotalHits;
  if (typeof total !== 'number') throw new Error('Meilisearch answered without a total');
  return total;
}

const asString = (value: unknown): string => (typeof value === 'string' ? value : '');
const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** One Meilisearch hit as a SearchHit. `withWords`: the search had words, so `_formatted` is there. */
export function toSearchHit(hit: Record<string, unknown>, withWords: boolean): SearchHit {
  const title = asString(hit.title);
  const summary = asString(hit.summary);
  const formatted = (withWords && typeof hit._formatted === 'object' && hit._formatted !== null ? hit._formatted : {}) as Record<string, unknown>;
  const councilSlug = typeof hit.councilSlug === 'string' ? hit.councilSlug : null;
  const councilName = typeof hit.councilName === 'string' ? hit.councilName : null;
  return {
    id: String(hit.id),
    title,
    summary,
    phases: asStrings(hit.phases),
    artefactType: asString(hit.artefactType),
    kind: asString(hit.kind),
    topics: asStrings(hit.topics),
    tags: asStrings(hit.tags),
    licence: asString(hit.licence),
    council: councilSlug && councilName ? { slug: councilSlug, name: councilName } : null,
    format: typeof hit.format === 'string' ? hit.format : null,
    fileName: typeof hit.fileName === 'string' ? hit.fileName : null,
    sizeBytes: typeof hit.sizeBytes === 'number' ? hit.sizeBytes : null,
    createdAt: asString(hit.createdAtIso),
    highlights: {
      title: typeof formatted.title === 'string' ? highlighted(formatted.title) : plain(title),
      summary: typeof formatted.summary === 'string' ? highlighted(formatted.summary) : plain(summary),
      // Only a snippet where the words were found: Meilisearch crops the start of the text otherwise.
      text: typeof formatted.text === 'string' && formatted.text.includes(highlightPreTag) ? highlighted(oneLine(formatted.text)) : [],
    },
  };
}

/** Marked text as segments, with "…" where Meilisearch cropped words off either end. */
export function highlighted(marked: string): HighlightedText {
  const croppedStart = marked.startsWith(cropMarker);
  const croppedEnd = marked.length > 1 && marked.endsWith(cropMarker);
  const segments = splitHighlights(marked.replaceAll(cropMarker, '').trim());
  if (segments.length === 0) return segments;
  if (croppedStart) {
    const first = segments[0]!;
    if (!first.matched) first.text = `… ${first.text.trimStart()}`;
    else segments.unshift({ text: '… ', matched: false });
  }
  if (croppedEnd) {
    const last = segments[segments.length - 1]!;
    if (!last.matched) last.text = `${last.text.trimEnd()} …`;
    else segments.push({ text: ' …', matched: false });
  }
  return segments;
}

/** Line breaks, tabs and other control characters of extracted text as single spaces (markers kept). */
function oneLine(marked: string): string {
  return marked.replace(/[\s\u0000\u0004-\u001f\u007f]+/g, ' ');
}

function plain(text: string): HighlightedText {
  return text === '' ? [] : [{ text, matched: false }];
}

