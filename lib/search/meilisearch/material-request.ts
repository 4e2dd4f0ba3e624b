import 'server-only';
import type { MultiSearchQuery, MultiSearchResult } from 'meilisearch';
import type { Viewer } from '@/lib/auth/viewer';
import { clamp, cleanFilters, emptyCounts } from '../facet-lists';
import { splitHighlights } from '../postgres/highlights';
import {
  facetNames,
  maxPageSize,
  type FacetName,
  type HighlightedText,
  type SearchFilters,
  type SearchHit,
  type SearchQuery,
} from '../search-engine';
import { facetAttributes, searchFilter } from './filters';

/**
 * The requests the Meilisearch engine sends for materials and how it reads their answers: the
 * multi-search for a page with disjunctive facets, the counts, and each hit with its highlights.
 * Pure functions, tested without a server (meilisearch-engine.integration.test.ts).
 */
export const highlightPreTag = '\u0002';
export const highlightPostTag = '\u0003';
/** Put where Meilisearch cut text off; becomes "… " or " …". */
const cropMarker = '\u0001';
/** Words of the summary and of the in-file snippet shown around the matches. */
const summaryCropWords = 40;
const textCropWords = 30;

/** Fields each hit brings back: what a result shows, not the extracted text. */
export const attributesToRetrieve = [
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

export type Counts = Record<FacetName, Map<string, number>>;

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

export function totalOf(response: MultiSearchResult<Record<string, unknown>>): number {
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

