import 'server-only';
import type { Viewer } from '@/lib/auth/viewer';
import { logger } from '@/lib/logging';
import { listThumbnails } from '@/lib/material-previews/list-thumbnails';
import { materialToView } from '@/lib/materials/material-access';
import { hubMetrics } from '@/lib/metrics';
import type { Services } from '@/lib/services';
import { searchEngine } from './index';
import { PostgresSearchEngine } from './postgres-search-engine';
import type { SearchHit } from './search-engine';

/** How many related materials a material's page lists. */
export const relatedOnPage = 5;

/**
 * "More like this" for a material's page: related materials the viewer may see, through the
 * configured search engine (SearchEngine.related), which applies the visibility rule itself. Only for
 * a material the viewer may see (throws 'not_found' otherwise), so the list never says anything about
 * one they may not. When Meilisearch cannot be reached the built-in engine answers, as for search.
 */
export async function relatedMaterials(services: Services, viewer: Viewer, materialId: string, limit = relatedOnPage): Promise<SearchHit[]> {
  const material = await materialToView(services.db, viewer, materialId);
  const source = { id: material.id, title: material.title, summary: material.summary, artefactType: material.artefactType, topics: material.topics };
  const preferred = searchEngine(services);
  let hits: SearchHit[];
  try {
    hits = await preferred.related(viewer, source, limit);
  } catch (error) {
    if (preferred.name === 'postgres') throw error;
    hubMetrics().searchFallbacks.inc({ engine: preferred.name });
    logger('search').error({ engine: preferred.name, err: error }, 'related materials failed, answering from Postgres instead');
    hits = await new PostgresSearchEngine(services.db).related(viewer, source, limit);
  }
  // Never the material itself, whatever an engine answered.
  hits = hits.filter((hit) => hit.id !== material.id);
  const thumbnails = await listThumbnails(services, hits.map((hit) => hit.id));
  return hits.map((hit) => {
    const thumbnail = thumbnails.get(hit.id);
    return thumbnail ? { ...hit, thumbnail } : hit;
  });
}
