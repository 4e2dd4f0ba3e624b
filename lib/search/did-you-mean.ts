import 'server-only';
import type { Viewer } from '@/lib/auth/viewer';
import type { Services } from '@/lib/services';
import type { SearchEngine, SearchQuery } from './search-engine';

/**
 * "Did you mean": when a search finds nothing, other words that would find something this viewer
 * may see, or null. (Placeholder: implemented with the typo dictionary in search_words.)
 */
export async function suggestCorrection(
  _services: Services,
  _engine: SearchEngine,
  _viewer: Viewer,
  _query: SearchQuery,
): Promise<string | null> {
  return null;
}
