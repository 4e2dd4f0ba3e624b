import 'server-only';
import { listThumbnails } from '@/lib/material-previews/list-thumbnails';
import type { Viewer } from '@/lib/auth/viewer';
import { logger } from '@/lib/logging';
import { hubMetrics } from '@/lib/metrics';
import type { Services } from '@/lib/services';
import { suggestCorrection } from './did-you-mean';
import { PostgresSearchEngine } from './postgres-search-engine';
import { isBlankQuery, parseQuery } from './query/parse-query';
import type { EngineResults, SearchEngine, SearchQuery, SearchResults } from './search-engine';

export type * from './search-engine';

/**
 * The search engine to use: `services.search` when one is configured (Meilisearch, from MEILI_HOST),
 * else the built-in Postgres engine. Either way the engine applies the visibility rules itself.
 */
export function searchEngine(services: Services): SearchEngine {
  return services.search ?? new PostgresSearchEngine(services.db);
}

/**
 * Finds materials the viewer may see, with facet counts. Pages call this, never the tables.
 *
 * When the configured engine cannot be reached, the built-in Postgres engine answers instead (same
 * visibility rules, same filters) and the results say so. When nothing is found, a "did you mean"
 * suggestion is offered if other words would find something this viewer may see.
 */
export async function searchMaterials(services: Services, viewer: Viewer, query: SearchQuery): Promise<SearchResults> {
  const answered = await searchWithFallback(services, viewer, query);
  const { engine, fallback } = answered;
  let found = answered.found;
  // Few materials with every word: show those with some of the words too, after them. One word that
  // no relevant material happens to use ("housing repairs discovery report") should not hide the rest.
  let someWords: SearchResults['someWords'] = null;
  if (found.total < fewResults && query.matching === undefined && positiveClauseCount(query.text) >= 2) {
    const widened = await engine.search(viewer, { ...query, matching: 'some' });
    if (widened.total > found.total) {
      someWords = { allWordsTotal: found.total };
      found = widened;
    }
  }
  const didYouMean = found.total === 0 && query.text.trim() !== '' ? await suggestCorrection(services, engine, viewer, query) : null;
  // Thumbnails of the hits shown, in one query (the picture's own route checks permission again).
  const thumbnails = await listThumbnails(services, found.hits.map((hit) => hit.id));
  const hits = found.hits.map((hit) => {
    const thumbnail = thumbnails.get(hit.id);
    return thumbnail ? { ...hit, thumbnail } : hit;
  });
  return { ...found, hits, corrections: correctionsShown(found), didYouMean, fallback, someWords };
}

/**
 * The configured engine's answer, or, when it cannot be reached, the built-in Postgres engine's (same
 * visibility rules, same filters), saying which answered. Only what the engine finds: digests
 * (lib/following) call this directly, without the extras the search page adds.
 */
export async function searchWithFallback(
  services: Services,
  viewer: Viewer,
  query: SearchQuery,
): Promise<{ found: EngineResults; engine: SearchEngine; fallback: boolean }> {
  return askWithFallback(services, (engine) => engine.search(viewer, query));
}

/**
 * Asks the configured engine; when it fails (Meilisearch down or timing out), asks the built-in
 * Postgres engine instead, counting and logging the fallback. Materials and projects alike.
 */
export async function askWithFallback<T>(
  services: Services,
  ask: (engine: SearchEngine) => Promise<T>,
): Promise<{ found: T; engine: SearchEngine; fallback: boolean }> {
  const preferred = searchEngine(services);
  try {
    return { found: await ask(preferred), engine: preferred, fallback: false };
  } catch (error) {
    if (preferred.name === 'postgres') throw error;
    hubMetrics().searchFallbacks.inc({ engine: preferred.name });
    // Never the search words: they are the viewer's, and can name people.
    logger('search').error({ engine: preferred.name, err: error }, 'search engine failed, answering from Postgres instead');
    const engine = new PostgresSearchEngine(services.db);
    return { found: await ask(engine), engine, fallback: true };
  }
}

/** Below this many materials with every word, materials with some of the words are added. */
export const fewResults = 5;

/** How many words (or "phrases", or either-or groups) were typed that a result must contain. */
function positiveClauseCount(text: string): number {
  return isBlankQuery(text) ? 0 : parseQuery(text).clauses.length;
}

/**
 * The corrections worth telling the person about: close matches that are marked in the hits on this
 * page. The typo dictionary holds words of every material, so a close match that found nothing the
 * viewer may see is never named.
 */
function correctionsShown(found: EngineResults): EngineResults['corrections'] {
  const marked = new Set<string>();
  for (const hit of found.hits) {
    for (const segment of [...hit.highlights.title, ...hit.highlights.summary, ...hit.highlights.text]) {
      if (segment.matched) for (const word of segment.text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) marked.add(word);
    }
  }
  return found.corrections
    .map(({ typed, closeMatches }) => ({ typed, closeMatches: closeMatches.filter((word) => marked.has(word)) }))
    .filter((correction) => correction.closeMatches.length > 0);
}
