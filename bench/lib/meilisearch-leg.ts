/**
 * The Meilisearch leg of the search benchmarks, measured only when MEILI_HOST is set (no server can
 * run on the project's machine). It fills a fresh index (`dc_bench_…`, deleted afterwards) from the
 * hub's search outbox and hands back the engine.
 *
 * ADAPTER — TO FILL IN when lib/search/meilisearch/ lands: `createMeilisearchEngine(searchConfig, db)`
 * and the outbox drain `createSearchSync(...)` are called through `connect()` below, whose calls are
 * written against the names agreed in the brief; check their arguments against the real module.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { SearchConfig } from '@/lib/config';
import type { Database } from '@/lib/db/client';
import type { SearchEngine } from '@/lib/search/search-engine';
import { projectRoot } from './report';

export interface MeilisearchLeg {
  engine: SearchEngine;
  /** Documents sent through the outbox drain, and how long the drain took (to the index being searchable). */
  documents: number;
  seconds: number;
  close(): Promise<void>;
}

const modulePath = path.join(projectRoot, 'lib', 'search', 'meilisearch', 'index.ts');

/** Why the leg cannot run here, or null when it can. */
export function meilisearchUnavailable(): string | null {
  if (!process.env.MEILI_HOST) return 'not reachable: MEILI_HOST is not set';
  if (!fs.existsSync(modulePath)) return 'not measured: lib/search/meilisearch/index.ts is not there yet';
  return null;
}

/** Indexes everything in `db` into a fresh Meilisearch index through the outbox drain. */
export async function openMeilisearchLeg(db: Database): Promise<MeilisearchLeg> {
  const config: Extract<SearchConfig, { engine: 'meilisearch' }> = {
    engine: 'meilisearch',
    host: process.env.MEILI_HOST!,
    apiKey: process.env.MEILI_API_KEY,
    index: `dc_bench_${randomBytes(4).toString('hex')}`,
  };
  return connect(config, db);
}

// ---- ADAPTER: the only code that knows the Meilisearch module's API ---------------------------------------

async function connect(config: Extract<SearchConfig, { engine: 'meilisearch' }>, db: Database): Promise<MeilisearchLeg> {
  // A variable specifier keeps the type checker from requiring the module before it exists.
  const specifier = modulePath;
  const meili = (await import(specifier)) as Record<string, unknown>;
  const createEngine = meili.createMeilisearchEngine as ((c: typeof config, d: Database) => SearchEngine) | undefined;
  const createSync = meili.createSearchSync as ((...args: unknown[]) => { drain(): Promise<number> }) | undefined;
  if (typeof createEngine !== 'function' || typeof createSync !== 'function') {
    throw new Error('lib/search/meilisearch/index.ts has no createMeilisearchEngine / createSearchSync: fill in bench/lib/meilisearch-leg.ts');
  }
  const engine = createEngine(config, db);
  const sync = createSync(config, db); // TO CHECK: the drain's real arguments and return value.
  const started = performance.now();
  let documents = 0;
  for (;;) {
    const sent = await sync.drain();
    if (!sent) break;
    documents += sent;
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    engine,
    documents,
    seconds,
    async close() {
      const { Meilisearch } = await import('meilisearch');
      await new Meilisearch({ host: config.host, apiKey: config.apiKey }).deleteIndex(config.index).catch(() => undefined);
    },
  };
}
