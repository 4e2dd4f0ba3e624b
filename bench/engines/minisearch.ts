/**
 * MiniSearch (https://lucaong.github.io/minisearch/) with the settings its README suggests for a search
 * box: title, summary and text indexed, title boosted 2×, prefix search on and fuzzy 0.2 (a term may
 * differ by up to 20% of its length), terms combined with OR (its default), BM25+ ranking. The query
 * is passed as typed: MiniSearch has no phrases, exclusions or synonyms. With no words it lists every
 * document (newest first), as a page would have to.
 */
import MiniSearch from 'minisearch';
import { countFacets, matchesFilters, pageOf, type EngineDocument, type EngineFactory } from './engine';

export const miniSearchEngine: EngineFactory = {
  name: 'minisearch',
  async build(documents: EngineDocument[]) {
    const byId = new Map(documents.map((d) => [d.id, d]));
    const index = new MiniSearch<EngineDocument>({
      fields: ['title', 'summary', 'text'],
      searchOptions: { boost: { title: 2 }, prefix: true, fuzzy: 0.2 },
    });
    index.addAll(documents);
    const newestFirst = [...documents].sort((a, b) => b.createdAt - a.createdAt);
    return {
      settings: 'fields title (boost 2), summary, text; prefix true, fuzzy 0.2, OR',
      async search(query) {
        let found: EngineDocument[];
        if (query.text.trim() === '') {
          found = newestFirst.filter((d) => matchesFilters(d, query.filters));
        } else {
          found = index
            .search(query.text, { filter: (result) => matchesFilters(byId.get(String(result.id))!, query.filters) })
            .map((result) => byId.get(String(result.id))!);
          if (query.sort === 'newest') found.sort((a, b) => b.createdAt - a.createdAt);
        }
        return { ids: pageOf(found, query).map((d) => d.id), total: found.length, facets: countFacets(found) };
      },
    };
  },
};
