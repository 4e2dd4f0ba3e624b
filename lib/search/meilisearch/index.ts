import 'server-only';
import type { SearchConfig } from '@/lib/config';
import type { Database } from '@/lib/db/client';
import { createMeiliGateway, type MeiliGateway } from './gateway';
import { MeilisearchSearchEngine } from './meilisearch-engine';
import { SearchSync } from './sync';

export { MeilisearchSearchEngine } from './meilisearch-engine';
export type { DrainResult, DrainOptions } from './sync';

/** Searches give up after this long, so the Postgres fallback answers while the page is still wanted. */
export const searchTimeoutMs = 2_000;
/** Writes and reads of the sync, reindex and reconcile (a batch of documents can be large). */
export const writeTimeoutMs = 60_000;

type MeilisearchConfig = Extract<SearchConfig, { engine: 'meilisearch' }>;

/** The engine for `services.search`; undefined when search runs on Postgres alone. */
export function createMeilisearchEngine(searchConfig: SearchConfig, db: Database): MeilisearchSearchEngine | undefined {
  if (searchConfig.engine !== 'meilisearch') return undefined;
  return new MeilisearchSearchEngine(searchGateway(searchConfig), db, searchConfig.index);
}

/**
 * The outbox drain for the worker's sync-search job; null when Meilisearch is not configured (the
 * job then has nothing to do). `drain()` throws when Meilisearch fails, leaving the outbox rows for
 * the retry; `paused` in its result means a reindex is running and it should try again later.
 */
export function createSearchSync(searchConfig: SearchConfig, db: Database): SearchSync | null {
  if (searchConfig.engine !== 'meilisearch') return null;
  return new SearchSync(writeGateway(searchConfig), db, searchConfig.index);
}

export function searchGateway(searchConfig: MeilisearchConfig): MeiliGateway {
  return createMeiliGateway(searchConfig, { requestTimeoutMs: searchTimeoutMs });
}

export function writeGateway(searchConfig: MeilisearchConfig): MeiliGateway {
  return createMeiliGateway(searchConfig, { requestTimeoutMs: writeTimeoutMs });
}
