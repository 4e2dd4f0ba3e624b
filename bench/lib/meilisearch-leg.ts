/**
 * The Meilisearch leg of the search benchmarks, measured only when MEILI_HOST is set (no server can
 * run on the project's machine). With the hub's own code (lib/search/meilisearch: createMeilisearchEngine
 * and the outbox drain createSearchSync) it fills a fresh index `dc_bench_…` (deleted afterwards) from a
 * database the benchmark has loaded, in two timed steps:
 *   1. the first drain of a new index, which loads every published material (the bulk fill);
 *   2. changes through the outbox: up to `outboxMaterials` materials are touched (the triggers queue
 *      them in search_outbox) and drained until nothing is left: documents/s through the drain.
 * The module is imported by path at run time, so the benchmarks still build where it is missing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { SearchConfig } from '@/lib/config';
import type { Database } from '@/lib/db/client';
import { queryRows } from '@/lib/db/query-rows';
import type { SearchEngine } from '@/lib/search/search-engine';
import { projectRoot } from './report';

type MeilisearchConfig = Extract<SearchConfig, { engine: 'meilisearch' }>;

/** What the benchmarks use of lib/search/meilisearch/index.ts. */
interface MeilisearchModule {
  createMeilisearchEngine(config: SearchConfig, db: Database): SearchEngine | undefined;
  createSearchSync(config: SearchConfig, db: Database): { drain(): Promise<{ upserted: number; deleted: number; remaining: number; paused: boolean }> } | null;
}

export interface MeilisearchLeg {
  engine: SearchEngine;
  fill: { documents: number; seconds: number };
  outbox: { documents: number; seconds: number };
  close(): Promise<void>;
}

const modulePath = path.join(projectRoot, 'lib', 'search', 'meilisearch', 'index.ts');

/** Why the leg cannot run here, or null when it can. */
export function meilisearchUnavailable(): string | null {
  if (!process.env.MEILI_HOST) return 'not reachable: MEILI_HOST is not set';
  if (!fs.existsSync(modulePath)) return 'not measured: lib/search/meilisearch/index.ts is not there yet';
  return null;
}

const count = async (db: Database, query: ReturnType<typeof sql>) => Number((await queryRows<{ n: number | string }>(db, query))[0]?.n ?? 0);

/** Fills a fresh index from `db`, then measures the outbox drain on up to `outboxMaterials` changed materials. */
export async function openMeilisearchLeg(db: Database, outboxMaterials = 10_000): Promise<MeilisearchLeg> {
  const config: MeilisearchConfig = {
    engine: 'meilisearch',
    host: process.env.MEILI_HOST!,
    apiKey: process.env.MEILI_API_KEY,
    index: `dc_bench_${randomBytes(4).toString('hex')}`,
  };
  const specifier = modulePath; // a variable, so the type checker does not require the module
  const meili = (await import(specifier)) as MeilisearchModule;
  const engine = meili.createMeilisearchEngine(config, db);
  const sync = meili.createSearchSync(config, db);
  if (!engine || !sync) throw new Error('createMeilisearchEngine / createSearchSync answered nothing for a Meilisearch configuration');
  const close = async () => {
    const { Meilisearch } = await import('meilisearch');
    await new Meilisearch({ host: config.host, apiKey: config.apiKey }).deleteIndex(config.index).catch(() => undefined);
  };

  try {
    const drainAll = async () => {
      let documents = 0;
      for (;;) {
        const result = await sync.drain();
        documents += result.upserted + result.deleted;
        if (result.paused) await new Promise((resolve) => setTimeout(resolve, 500));
        else if (result.remaining === 0) return documents;
      }
    };
    // 1. The bulk fill: a new index is loaded with every published material by the first drain.
    await db.execute(sql`DELETE FROM search_outbox`);
    let started = performance.now();
    await drainAll();
    const fill = { documents: await count(db, sql`SELECT count(*)::int AS n FROM materials WHERE status = 'published'`), seconds: (performance.now() - started) / 1000 };

    // 2. Changes through the outbox (the touch re-runs the Postgres trigger too; not timed).
    await db.execute(sql`UPDATE materials SET text_indexed_at = now() WHERE id IN (SELECT id FROM materials ORDER BY id LIMIT ${outboxMaterials})`);
    started = performance.now();
    const documents = await drainAll();
    const outbox = { documents, seconds: (performance.now() - started) / 1000 };
    return { engine, fill, outbox, close };
  } catch (error) {
    await close();
    throw error;
  }
}
