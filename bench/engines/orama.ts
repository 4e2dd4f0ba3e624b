/**
 * Orama (https://docs.orama.com/docs/orama-js) full-text search with its documented typo tolerance:
 * title, summary and text indexed, title boosted 2×, tolerance 1 (one edit per term), BM25 with its
 * default parameters and threshold, English stemming off (its default). Filters are Orama `where`
 * clauses on enum fields and the facet counts Orama's own `facets`. The query is passed as typed.
 * With no words it lists every document, newest first.
 */
import { create, insertMultiple, search, type Orama } from '@orama/orama';
import type { FacetName } from '@/lib/search/search-engine';
import type { EngineDocument, EngineFactory, EngineResults } from './engine';
import { pageOf } from './engine';

const schema = {
  id: 'string',
  title: 'string',
  summary: 'string',
  text: 'string',
  phases: 'enum[]',
  artefactType: 'enum',
  kind: 'enum',
  topics: 'enum[]',
  licence: 'enum',
  council: 'enum',
  createdAt: 'number',
} as const;

type Database = Orama<typeof schema>;

/** The facet's field in the Orama schema, and whether it holds a list. */
const facetFields: Record<FacetName, { field: keyof typeof schema; list: boolean }> = {
  phases: { field: 'phases', list: true },
  artefactTypes: { field: 'artefactType', list: false },
  kinds: { field: 'kind', list: false },
  topics: { field: 'topics', list: true },
  councils: { field: 'council', list: false },
  licences: { field: 'licence', list: false },
};

export const oramaEngine: EngineFactory = {
  name: 'orama',
  async build(documents: EngineDocument[]) {
    const db: Database = create({ schema });
    await insertMultiple(db, documents, 500);
    return {
      settings: 'properties title (boost 2), summary, text; tolerance 1, default BM25 and threshold',
      async search(query) {
        const where: Record<string, unknown> = {};
        for (const [facet, { field, list }] of Object.entries(facetFields) as [FacetName, (typeof facetFields)[FacetName]][]) {
          const wanted = query.filters[facet];
          if (wanted.length) where[field] = list ? { containsAny: wanted } : { in: wanted };
        }
        const words = query.text.trim();
        const newest = words === '' || query.sort === 'newest';
        // Orama pages by itself, but ranks only what it returns: ask for everything up to this page.
        const result = await search(db, {
          term: words,
          properties: ['title', 'summary', 'text'],
          boost: { title: 2 },
          tolerance: 1,
          where: where as never,
          limit: query.page * query.pageSize,
          facets: Object.fromEntries(Object.values(facetFields).map(({ field }) => [field, { limit: 100 }])) as never,
          ...(newest ? { sortBy: { property: 'createdAt', order: 'DESC' as const } } : {}),
        });
        const ids = pageOf(
          result.hits.map((hit) => String(hit.document.id)),
          query,
        );
        const facets = {} as EngineResults['facets'];
        for (const [facet, { field }] of Object.entries(facetFields) as [FacetName, (typeof facetFields)[FacetName]][]) {
          facets[facet] = new Map(Object.entries(result.facets?.[field]?.values ?? {}));
        }
        return { ids, total: result.count, facets };
      },
    };
  },
};
