/**
 * Where a search's time goes: each query of the search benchmark's mix (bench/lib/search-queries.ts)
 * run through `searchMaterials` on a kept Postgres database (seed it once with
 * `BENCH_PG_DATABASE=<name> BENCH_MATERIALS=100000 BENCH_DRIVERS=pg BENCH_ENGINES=none npm run bench:search`),
 * with the time of every SQL statement it sends, so a change to the engine can be judged query by
 * query before the whole benchmark is run again. With BENCH_EXPLAIN=1 it also prints the plan
 * (EXPLAIN ANALYZE) of each query's slowest statement.
 *
 *   BENCH_PG_DATABASE=dc_search_100k npx tsx --conditions=react-server bench/search-profile.ts
 *
 * Settings: BENCH_PG_DATABASE (required), BENCH_ROUNDS (timed rounds after one warm-up, default 5),
 * BENCH_ONLY (run only the queries containing this text), BENCH_EXPLAIN, BENCH_DUMP (with BENCH_EXPLAIN:
 * a file to write the explained statement to, its values written in), TEST_DATABASE_URL.
 * It times statements by wrapping pg's Client#query in this process only. Never part of `npm test`.
 */
import os from 'node:os';
import pg from 'pg';
import { anonymous } from '@/lib/auth/viewer';
import { searchMaterials } from '@/lib/search';
import { parseSearchParams } from '@/lib/search/search-params';
import type { Services } from '@/lib/services';
import type { BlobStore } from '@/lib/storage/blob-store';
import { openKeptDatabase } from './lib/kept-database';
import { rerunWith } from './lib/report';
import { queries } from './lib/search-queries';

const databaseName = process.env.BENCH_PG_DATABASE ?? '';
const rounds = Number(process.env.BENCH_ROUNDS || 5);
const only = process.env.BENCH_ONLY ?? '';
const explain = process.env.BENCH_EXPLAIN === '1';

interface Statement {
  text: string;
  values: unknown[];
  ms: number;
}

/** Every statement this process sends, with its time, while `recording` is set. */
let recording: Statement[] | null = null;
const originalQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function timedQuery(this: pg.Client, ...args: unknown[]) {
  const result = originalQuery.apply(this, args);
  const log = recording;
  if (log && result instanceof Promise) {
    const config = args[0] as string | { text: string; values?: unknown[] };
    const text = typeof config === 'string' ? config : config.text;
    const values = ((typeof config === 'string' ? undefined : config.values) ?? args[1]) as unknown[] | undefined;
    const started = performance.now();
    void result.then(
      () => log.push({ text, values: values ?? [], ms: performance.now() - started }),
      () => undefined,
    );
  }
  return result;
} as typeof pg.Client.prototype.query;

const noStorage = new Proxy({} as BlobStore, {
  get(_target, property) {
    if (property === 'then') return undefined;
    throw new Error(`search touched storage (${String(property)})`);
  },
});

/** The start of a statement, on one line, to say which it is. */
function describe(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const cte = /WITH search_query AS .*?\)\s*,?\s*(\w+) AS/.exec(flat);
  return (cte ? `WITH … ${cte[1]} …` : flat).slice(0, 70);
}

async function main() {
  if (!databaseName) throw new Error('set BENCH_PG_DATABASE to a database seeded by bench/search-latency.ts');
  const database = await openKeptDatabase(databaseName);
  const services: Services = { db: database.db, storage: noStorage, maxUploadBytes: 1 };
  const chosen = queries.filter((q) => q.includes(only));
  console.log(`Search profile — ${new Date().toISOString()} — ${databaseName}, ${rounds} rounds, load ${os.loadavg()[0]!.toFixed(2)}`);
  const medians: number[] = [];
  for (const query of chosen) {
    const search = parseSearchParams(new URLSearchParams(query));
    recording = [];
    const first = await searchMaterials(services, anonymous, search);
    const times: number[] = [];
    const byStatement = new Map<string, number[]>();
    let slowest: Statement | null = null;
    for (let round = 0; round < rounds; round++) {
      recording = [];
      const started = performance.now();
      await searchMaterials(services, anonymous, search);
      times.push(performance.now() - started);
      await new Promise((resolve) => setImmediate(resolve));
      for (const statement of recording) {
        const key = describe(statement.text);
        byStatement.set(key, [...(byStatement.get(key) ?? []), statement.ms]);
        if (!slowest || statement.ms > slowest.ms) slowest = statement;
      }
    }
    recording = null;
    const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
    medians.push(median(times));
    console.log(`\n${(query || '(browse)').padEnd(60)} median ${median(times).toFixed(1)} ms, ${first.total} found`);
    for (const [key, list] of byStatement) {
      console.log(`    ${(median(list) * (list.length / rounds)).toFixed(1).padStart(7)} ms  ×${(list.length / rounds).toFixed(0)}  ${key}`);
    }
    if (explain && slowest) {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        await client.query('BEGIN');
        if (query.includes('q=')) await client.query('SET LOCAL enable_seqscan = off');
        // EXPLAIN takes no bound parameters: the values go in as quoted literals.
        const values = slowest.values;
        const literal = slowest.text.replace(/\$(\d+)/g, (_match, n: string) => client.escapeLiteral(String(values[Number(n) - 1])));
        if (process.env.BENCH_DUMP) await import('node:fs').then((fs) => fs.writeFileSync(process.env.BENCH_DUMP!, `${literal};\n`));
        const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${literal}`);
        for (const row of plan.rows as { 'QUERY PLAN': string }[]) console.log(`      ${row['QUERY PLAN']}`);
        await client.query('ROLLBACK');
      } finally {
        await client.end();
      }
    }
  }
  const sorted = [...medians].sort((a, b) => a - b);
  console.log(`\nmedians over the mix: p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, max ${sorted[sorted.length - 1]!.toFixed(1)} ms`);
  console.log(`rerun: ${rerunWith('npx tsx --conditions=react-server bench/search-profile.ts')}`);
  await database.close();
}

main().catch((error: unknown) => {
  console.error('[profile] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
