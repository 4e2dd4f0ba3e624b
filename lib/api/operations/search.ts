import 'server-only';
import { z } from 'zod';
import { searchMaterials } from '@/lib/search';
import { facetNames, maxPageSize, searchSorts, type SearchResults } from '@/lib/search/search-engine';
import { defaultPageSize, facetParams, type filterParams, filterValueLists, isCouncilFilterValue, maxFilterValues, maxPage, maxQueryLength, parseSearchParams } from '@/lib/search/search-params';
import { defineOperation } from '../api-operation';
import { cursorParam, pageNumberAt, readListCursor } from '../cursor';
import { limitParam } from '../schemas/common';
import { searchResponse } from '../schemas/search';
import type { ApiContext } from '../api-operation';

const filterWords: Record<(typeof filterParams)[number], string> = {
  phase: 'a phase',
  type: 'an artefact type',
  kind: 'a kind',
  topic: 'a topic',
  council: 'a council',
  licence: 'a licence',
};
const vocabularyOf: Record<(typeof filterParams)[number], string> = {
  phase: 'phases',
  type: 'artefact-types',
  kind: 'kinds',
  topic: 'topics',
  council: 'councils',
  licence: 'licences',
};

/**
 * The search page's parameters, refused rather than dropped when wrong. The allowed values are the
 * search page's own (filterValueLists in lib/search/search-params.ts); the SearchQuery itself is then
 * made by the search page's parseSearchParams, so the words, filters and sort mean exactly what they
 * mean on /search.
 */
function searchQueryShape() {
  const lists = filterValueLists();
  const filter = (param: (typeof filterParams)[number]) => {
    const list = lists[param];
    const message = `Use ${filterWords[param]} from ${param === 'council' ? '/api/v1/councils' : `/api/v1/vocabularies/${vocabularyOf[param]}`} for ${param}.`;
    const value = list ? z.enum(list as [string, ...string[]], { error: message }) : z.string().refine(isCouncilFilterValue, { error: message }).regex(/^[a-z0-9-]+$/);
    return z
      .array(value)
      .max(maxFilterValues, { error: `Give at most ${maxFilterValues} values for ${param}.` })
      .optional()
      .describe(`Only materials with ${filterWords[param]} given (repeat the parameter for either of several).`);
  };
  return {
    q: z.string().max(maxQueryLength, { error: `Search words must be ${maxQueryLength} characters or fewer.` }).optional().describe('The words, as typed in the search box: "a phrase" in quotes, -word to leave a word out.'),
    phase: filter('phase'),
    type: filter('type'),
    kind: filter('kind'),
    topic: filter('topic'),
    council: filter('council'),
    licence: filter('licence'),
    sort: z.enum(searchSorts, { error: `Sort by ${searchSorts.join(', ')}.` }).optional().describe('Default: relevance when there are words, newest when browsing.'),
    limit: limitParam(defaultPageSize, maxPageSize),
    cursor: cursorParam.optional(),
  };
}

let shape: ReturnType<typeof searchQueryShape> | undefined;
const searchShape = () => (shape ??= searchQueryShape());

export function searchOperation() {
  return defineOperation({
    operationId: 'searchMaterials',
    path: '/search',
    tag: 'Search',
    summary: 'Search materials',
    description:
      'The search page as data: the same words, filters, sorting, facet counts and snippets, and only the materials the viewer may see. Pages follow with `cursor`.',
    params: {},
    query: searchShape(),
    response: searchResponse,
    problems: [],
  });
}

export async function answerSearch({ services, viewer, url, query }: ApiContext<Record<string, never>, ReturnType<typeof searchQueryShape>>) {
  const pageSize = query.limit ?? defaultPageSize;
  const cursor = readListCursor(url, query.cursor);
  const page = pageNumberAt(cursor.offset, pageSize, maxPage, 'The cursor is past the last page.');
  // The search page's own parsing, from the checked parameters (no page: the cursor says where).
  const pageParams = new URLSearchParams(url.searchParams);
  for (const name of ['limit', 'cursor', 'page']) pageParams.delete(name);
  const searchQuery = { ...parseSearchParams(pageParams), page, pageSize };
  const results = await searchMaterials(services, viewer, searchQuery);
  // An estimated total may be a little short of the real one: then a full page means there may be more.
  const more =
    results.page === page && page < maxPage && (results.estimated?.total ? results.hits.length === pageSize : page * pageSize < results.total);
  const { next, nextUrl } = cursor.nextPage(more ? page * pageSize : null, '/api/v1/search');
  return {
    body: {
      total: results.total,
      estimated: results.estimated ?? { total: false, facets: false },
      sort: searchQuery.sort,
      // A page past the end (materials withdrawn since the last page) is empty, not another page again.
      results: (results.page === page ? results.hits : []).map((hit) => ({ ...hit, url: `/materials/${hit.id}`, apiUrl: `/api/v1/materials/${hit.id}` })),
      facets: facetsByParam(results),
      corrections: results.corrections,
      didYouMean: results.didYouMean,
      someWords: results.someWords,
      fallback: results.fallback,
      next,
      nextUrl,
    },
  };
}

function facetsByParam(results: SearchResults) {
  return Object.fromEntries(facetNames.map((name) => [facetParams[name], results.facets[name]])) as Record<(typeof filterParams)[number], SearchResults['facets'][keyof SearchResults['facets']]>;
}
