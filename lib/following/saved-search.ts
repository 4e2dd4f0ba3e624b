import 'server-only';
import { defaultSort, parseSearchParams, searchHref, toSearchParams } from '@/lib/search/search-params';
import type { SearchQuery } from '@/lib/search/search-engine';

/**
 * A followed search is kept as its validated query string: what /search would make of the URL
 * (lib/search/search-params.ts drops anything unknown), without page or sort, which a digest never
 * uses. The same words and filters always give the same string, so followers of the same search share
 * one query when digests are built.
 */
export function savedSearchTarget(raw: string): string {
  const questionMark = raw.indexOf('?');
  const queryString = questionMark === -1 ? raw : raw.slice(questionMark + 1);
  const query = parseSearchParams(new URLSearchParams(queryString));
  return toSearchParams({ text: query.text, filters: query.filters, sort: defaultSort(query.text), page: 1 }).toString();
}

/** The search a saved target stands for. */
export function savedSearchQuery(target: string): SearchQuery {
  return parseSearchParams(new URLSearchParams(target));
}

/** Its page on the hub. */
export function savedSearchHref(target: string): string {
  return searchHref(savedSearchQuery(target));
}
