import 'server-only';
import type { Viewer } from '@/lib/auth/viewer';
import type { Services } from '@/lib/services';
import { PostgresSearchEngine } from './postgres-search-engine';
import type { SearchEngine, SearchQuery, SearchResults } from './search-engine';

export type * from './search-engine';

/**
 * The search engine to use. Today always the built-in Postgres engine; when a Meilisearch engine
 * exists it is chosen here from config (MEILI_HOST), falling back to Postgres when it is unreachable.
 * Either way the engine applies the visibility rules itself.
 */
export function searchEngine(services: Services): SearchEngine {
  return new PostgresSearchEngine(services.db);
}

/** Finds materials the viewer may see, with facet counts. Pages call this, never the tables. */
export function searchMaterials(services: Services, viewer: Viewer, query: SearchQuery): Promise<SearchResults> {
  return searchEngine(services).search(viewer, query);
}
