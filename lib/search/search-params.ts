import 'server-only';
import { z } from 'zod';
import { vocabularies } from '@/lib/taxonomy/vocabularies';
import { searchSorts, type FacetName, type SearchFilters, type SearchQuery, type SearchSort } from './search-engine';

/**
 * The /search page's URL, both ways: `parseSearchParams` turns whatever arrives in the query string
 * into a valid SearchQuery (never throws; anything unknown is dropped), `toSearchParams` /
 * `searchHref` build the links the page shows (pagination, removing a filter, browse links).
 *
 *   q        the words, at most 200 characters
 *   phase    type    kind    topic    council    licence      each repeatable
 *   sort     relevance | newest | most-used | most-downloaded  (default: relevance when there are words, newest when browsing)
 *   page     1, 2, …
 */

export const maxQueryLength = 200;
export const defaultPageSize = 20;
/** Deep enough for any real result list; stops absurd offsets. */
export const maxPage = 500;
/** More values than any vocabulary has; stops absurd query strings becoming absurd SQL. */
const maxValuesPerFilter = 50;

/** The URL parameter for each facet. */
export const facetParams: Record<FacetName, string> = {
  phases: 'phase',
  artefactTypes: 'type',
  kinds: 'kind',
  topics: 'topic',
  councils: 'council',
  licences: 'licence',
};

/** Organisation slugs: lower-case words joined by hyphens (the shape, not a lookup). */
const organisationSlug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type RawSearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const all = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

function allowedValues(isAllowed: (value: string) => boolean) {
  return z.preprocess(
    (value) =>
      [...new Set(all(value).filter((v): v is string => typeof v === 'string').map((v) => v.trim()))]
        .filter(isAllowed)
        .slice(0, maxValuesPerFilter),
    z.array(z.string()),
  );
}

/** The filter parameters of a search (URL parameter names). */
export const filterParams = ['phase', 'type', 'kind', 'topic', 'council', 'licence'] as const;
export type FilterParam = (typeof filterParams)[number];

/**
 * Which values each filter parameter accepts: a vocabulary's slugs, or (council: null) anything in the
 * shape of a council slug. The search page drops values that fail these; the JSON API
 * (lib/api/operations/search.ts) refuses them. One set of rules for both, so the two can never accept
 * different things.
 */
export function filterValueLists(): Record<FilterParam, readonly string[] | null> {
  const v = vocabularies();
  return {
    phase: v.phases.map((p) => p.slug),
    type: v.artefactTypes.map((a) => a.slug),
    kind: v.kinds.map((k) => k.slug),
    topic: v.topics.map((t) => t.slug),
    council: null,
    licence: v.licences.map((l) => l.spdx),
  };
}

/** A council slug's shape, as a filter value. */
export function isCouncilFilterValue(value: string): boolean {
  return value.length <= 100 && organisationSlug.test(value);
}

function filterValueRules(): Record<FilterParam, (value: string) => boolean> {
  const lists = filterValueLists();
  const rule = (list: readonly string[] | null) => {
    if (!list) return isCouncilFilterValue;
    const set = new Set(list);
    return (value: string) => set.has(value);
  };
  return Object.fromEntries(filterParams.map((param) => [param, rule(lists[param])])) as Record<FilterParam, (value: string) => boolean>;
}

/** The most values one filter parameter may have. */
export const maxFilterValues = maxValuesPerFilter;

/** The words as search uses them: control characters and runs of spaces made one space, trimmed, cut to length. */
function cleanSearchText(value: unknown): string {
  return typeof value === 'string' ? value.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim().slice(0, maxQueryLength).trim() : '';
}

function schema() {
  const rules = filterValueRules();
  return z.object({
    q: z.preprocess((value) => cleanSearchText(first(value)), z.string().max(maxQueryLength)),
    phase: allowedValues(rules.phase),
    type: allowedValues(rules.type),
    kind: allowedValues(rules.kind),
    topic: allowedValues(rules.topic),
    council: allowedValues(rules.council),
    licence: allowedValues(rules.licence),
    sort: z.preprocess(first, z.enum(searchSorts).optional()).catch(undefined),
    page: z.preprocess(
      (value) => {
        const text = first(value);
        const number = typeof text === 'string' && /^\s*\d{1,9}\s*$/.test(text) ? Number(text) : 1;
        return Math.min(Math.max(number, 1), maxPage);
      },
      z.number().int(),
    ),
  });
}

let cachedSchema: ReturnType<typeof schema> | undefined;

/** The SearchQuery for a /search URL. Never throws: what cannot be used is left out. */
export function parseSearchParams(raw: RawSearchParams): SearchQuery {
  const input: Record<string, unknown> = {};
  if (raw instanceof URLSearchParams) {
    for (const key of new Set(raw.keys())) input[key] = raw.getAll(key);
  } else {
    Object.assign(input, raw);
  }
  cachedSchema ??= schema();
  const parsed = cachedSchema.safeParse(input);
  if (!parsed.success) return emptySearchQuery();
  const p = parsed.data;
  return {
    text: p.q,
    filters: {
      phases: p.phase,
      artefactTypes: p.type,
      kinds: p.kind,
      topics: p.topic,
      councils: p.council,
      licences: p.licence,
    },
    sort: p.sort ?? defaultSort(p.q),
    page: p.page,
    pageSize: defaultPageSize,
  };
}

export function defaultSort(text: string): SearchSort {
  return text.trim() === '' ? 'newest' : 'relevance';
}

export function emptyFilters(): SearchFilters {
  return { phases: [], artefactTypes: [], kinds: [], topics: [], councils: [], licences: [] };
}

/** Everything, newest first: the browse query. */
export function emptySearchQuery(overrides: Partial<SearchQuery> = {}): SearchQuery {
  return { text: '', filters: emptyFilters(), sort: 'newest', page: 1, pageSize: defaultPageSize, ...overrides };
}

/** The query string for a SearchQuery; defaults (first page, default sort) are left out. */
export function toSearchParams(query: Pick<SearchQuery, 'text' | 'filters' | 'sort' | 'page'>): URLSearchParams {
  const params = new URLSearchParams();
  const text = query.text.trim();
  if (text) params.set('q', text);
  for (const [facet, param] of Object.entries(facetParams) as [FacetName, string][]) {
    for (const value of query.filters[facet]) params.append(param, value);
  }
  if (query.sort !== defaultSort(text)) params.set('sort', query.sort);
  if (query.page > 1) params.set('page', String(query.page));
  return params;
}

/** `/search?…` for a query. */
export function searchHref(query: Pick<SearchQuery, 'text' | 'filters' | 'sort' | 'page'>): string {
  const params = toSearchParams(query).toString();
  return params ? `/search?${params}` : '/search';
}

/**
 * `/search/feed?…`: the Atom feed of a query. The same words and filters; no page and no sort, since
 * a feed is always the newest first.
 */
export function searchFeedHref(query: Pick<SearchQuery, 'text' | 'filters'>): string {
  const params = toSearchParams({ text: query.text, filters: query.filters, sort: defaultSort(query.text), page: 1 }).toString();
  return params ? `/search/feed?${params}` : '/search/feed';
}

/** The same query on another page. */
export function withPage(query: SearchQuery, page: number): SearchQuery {
  return { ...query, page };
}

/** The same query without one filter value, back on the first page. */
export function withoutFilter(query: SearchQuery, facet: FacetName, value: string): SearchQuery {
  return {
    ...query,
    filters: { ...query.filters, [facet]: query.filters[facet].filter((v) => v !== value) },
    page: 1,
  };
}

/** The same words with no filters, back on the first page. */
export function withoutFilters(query: SearchQuery): SearchQuery {
  return { ...query, filters: emptyFilters(), page: 1 };
}
