/**
 * Search latency benchmark: p50/p95 (and mean, max) of `searchMaterials` — the function the /search page
 * calls, hits and facet counts together — over 10,000 materials (100,000 with BENCH_MATERIALS=100000),
 * on both database drivers: PGlite in memory and Postgres in a fresh database (created on
 * TEST_DATABASE_URL's server and dropped after). It also reports how fast they were loaded and indexed.
 *
 *   npm run bench:search      (= npx tsx --conditions=react-server bench/search-latency.ts)
 *   BENCH_MATERIALS=100000 BENCH_DRIVERS=pg npm run bench:search
 *
 * Materials are inserted straight into the tables with drizzle (no files: search never reads them),
 * with titles, summaries and tags made from the words of the real corpus's Markdown files (CORPUS_DIR,
 * default ../shared/corpus) and phases, types, kinds, service areas, councils and licences from the
 * vocabularies. Each also carries extracted text (material_versions.text_content, 1–20 KB, mean about
 * 3.5 KB): runs of paragraphs of the real corpus's texts, extracted once with lib/extract. Each batch's
 * versions are written with text_status 'done', then its materials' text_indexed_at is touched, so the
 * search trigger folds the text into the vector, as the extract-text job does; that step is timed on
 * its own (the indexing throughput). The generators are seeded, so every run builds the same materials.
 * The same query mix is then timed, the same number of times, on the in-process engines of bench/engines
 * (MiniSearch, Orama) over the same materials (title, summary and extracted text, read back from the
 * database after seeding), each returning a page of hits, the total and plain facet counts; the hub's
 * p50 and p95 are printed as ratios of theirs (below 1: the hub is faster).
 * Settings (environment): BENCH_ENGINES (default "minisearch,orama"; "none" leaves them out),
 * BENCH_MATERIALS (default 10000), BENCH_PGLITE_MATERIALS (default the same,
 * at most 20000: PGlite holds everything in this process's memory), BENCH_TEXT (default 1; 0 leaves the
 * text out, as before), BENCH_ITERATIONS (timed searches per driver, default 200), BENCH_DRIVERS
 * (default "pglite,pg"), TEST_DATABASE_URL, CORPUS_DIR, BENCH_PG_DATABASE (a Postgres database kept between
 * runs: seeded when it does not hold the materials yet, reused as it is when it does; bench/lib/kept-database.ts).
 * Loopback only. Never part of `npm test`.
 */
import { anonymous } from '@/lib/auth/viewer';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { searchMaterials } from '@/lib/search';
import type { SearchQuery } from '@/lib/search/search-engine';
import { parseSearchParams } from '@/lib/search/search-params';
import type { Services } from '@/lib/services';
import type { BlobStore } from '@/lib/storage/blob-store';
import { syncVocabularies } from '@/lib/taxonomy/sync-vocabularies';
import { createTestDatabase, type TestDriver } from '@/lib/testing/databases';
import { testSettings } from '@/lib/testing/settings';
import { selectedEngines } from './engines/all';
import { loadEngineDocuments, type EngineDocument, type EngineFactory } from './engines/engine';
import { extractCorpus } from './lib/corpus';
import { textPool, type TextPool } from './lib/material-text';
import { readCorpus, seed, type CorpusText, type SeedTimes } from './lib/seed-materials';
import { meilisearchUnavailable, openMeilisearchLeg } from './lib/meilisearch-leg';
import { openKeptDatabase } from './lib/kept-database';
import { rerunWith, saveResults, stats, type Stats } from './lib/report';
import { queries } from './lib/search-queries';

const materialCount = Number(process.env.BENCH_MATERIALS || 10_000);
const pgliteMaterialCount = Number(process.env.BENCH_PGLITE_MATERIALS || Math.min(materialCount, 20_000));
const withText = !['0', 'false', 'no'].includes((process.env.BENCH_TEXT || '1').toLowerCase());
const iterations = Number(process.env.BENCH_ITERATIONS || 200);
const keptPgDatabase = process.env.BENCH_PG_DATABASE || '';
const drivers = (process.env.BENCH_DRIVERS || 'pglite,pg').split(',').map((d) => d.trim()) as TestDriver[];
const engineFactories = selectedEngines();
/**
 * The targets for p95: 10 ms for a hub of a few hundred materials; 50 ms at national scale (100,000
 * materials on Postgres, 20,000 on PGlite). Sizes between have no target of their own.
 */
function targetFor(materials: number): { p95Ms: number; size: string } | null {
  if (materials <= 1_000) return { p95Ms: 10, size: 'a hub of a few hundred materials' };
  if (materials >= 20_000) return { p95Ms: 50, size: 'national scale' };
  return null;
}
const warmUpRounds = 2;

const rerunCommand = rerunWith('npx tsx --conditions=react-server bench/search-latency.ts');


// ---- Timing ---------------------------------------------------------------------------------------------

const ms = (value: number) => value.toFixed(1).padStart(7);
const label = (r: { driver: TestDriver }) => (r.driver === 'pg' ? 'postgres' : 'pglite');

/** Storage is never touched by search; this makes sure of it. */
const noStorage = new Proxy({} as BlobStore, {
  get(_target, property) {
    if (property === 'then') return undefined;
    throw new Error(`search touched storage (${String(property)})`);
  },
});

interface DriverResult {
  driver: TestDriver;
  materials: number;
  seed: SeedTimes;
  /** Meilisearch indexing (pg only, when MEILI_HOST is set), or why it was not measured. */
  meilisearch: { fill: { documents: number; seconds: number }; outbox: { documents: number; seconds: number } } | string;
  /** Sizes after loading, in MB: materials (with its search vectors and indexes), versions (with text). */
  sizesMb: { materials: number; versions: number; searchWords: number };
  overall: Stats;
  perQuery: { query: string; total: number; stats: Stats }[];
  /** The in-process engines over this driver's materials. */
  engines: EngineTiming[];
}

interface EngineTiming {
  engine: string;
  settings: string;
  documents: number;
  indexSeconds: number;
  overall: Stats;
  perQuery: { query: string; total: number; stats: Stats }[];
}

/** The same queries, warm-up and number of timed searches as the hub's, on one in-process engine. */
async function timeEngine(factory: EngineFactory, documents: EngineDocument[], parsed: { query: string; search: SearchQuery }[]): Promise<EngineTiming> {
  const started = performance.now();
  const engine = await factory.build(documents);
  const indexSeconds = (performance.now() - started) / 1000;
  const totals = new Map<string, number>();
  for (let round = 0; round < warmUpRounds; round++) {
    for (const { query, search } of parsed) totals.set(query, (await engine.search(search)).total);
  }
  const samples: number[] = [];
  const perQuery = new Map<string, number[]>(parsed.map(({ query }) => [query, []]));
  for (let i = 0; i < iterations; i++) {
    const { query, search } = parsed[i % parsed.length]!;
    const begun = performance.now();
    await engine.search(search);
    const elapsed = performance.now() - begun;
    samples.push(elapsed);
    perQuery.get(query)!.push(elapsed);
  }
  console.log(`[bench] ${factory.name}: ${documents.length} documents indexed in ${indexSeconds.toFixed(1)} s, timed`);
  return {
    engine: factory.name,
    settings: engine.settings,
    documents: documents.length,
    indexSeconds,
    overall: stats(samples),
    perQuery: parsed.map(({ query }) => ({ query, total: totals.get(query) ?? 0, stats: stats(perQuery.get(query)!) })),
  };
}

async function runDriver(driver: TestDriver, corpus: CorpusText, pool: TextPool | null): Promise<DriverResult> {
  const opened = performance.now();
  const kept = driver === 'pg' && keptPgDatabase !== '';
  const database = kept ? await openKeptDatabase(keptPgDatabase) : await createTestDatabase(driver);
  try {
    await syncVocabularies(database.db);
    console.log(`[bench] ${driver}: database ready in ${((performance.now() - opened) / 1000).toFixed(1)} s${database.url ? ` (${database.url})` : ' (in memory)'}`);
    const services: Services = { db: database.db, storage: noStorage, maxUploadBytes: 100 * 1024 * 1024 };

    const count = driver === 'pglite' ? pgliteMaterialCount : materialCount;
    const seeded = kept ? await materialsIn(database.db) : 0;
    if (seeded !== 0 && seeded !== count) throw new Error(`BENCH_PG_DATABASE ${keptPgDatabase} holds ${seeded} materials, not ${count}: drop it or use another name`);
    console.log(seeded === count ? `[bench] ${driver}: reusing the ${count} materials already in ${keptPgDatabase}` : `[bench] ${driver}: seeding ${count} materials${pool ? ' with text' : ''}…`);
    const seedTimes = seeded === count ? { insertSeconds: 0, indexSeconds: 0, vacuumSeconds: 0, textBytes: 0 } : await seed(services, corpus, pool, count);
    const [countRow] = (
      (await database.db.execute(sql`
        SELECT count(*)::int AS n,
               (pg_total_relation_size('materials') / 1048576.0)::float8 AS materials_mb,
               (pg_total_relation_size('material_versions') / 1048576.0)::float8 AS versions_mb,
               (pg_total_relation_size('search_words') / 1048576.0)::float8 AS words_mb
        FROM materials`)) as unknown as { rows: { n: number | string; materials_mb: number; versions_mb: number; words_mb: number }[] }
    ).rows;
    const total = Number(countRow?.n ?? 0);
    const sizesMb = { materials: Number(countRow?.materials_mb), versions: Number(countRow?.versions_mb), searchWords: Number(countRow?.words_mb) };
    console.log(
      `[bench] ${driver}: ${total} materials seeded: insert ${seedTimes.insertSeconds.toFixed(1)} s, text indexing ${seedTimes.indexSeconds.toFixed(1)} s, VACUUM ANALYZE ${seedTimes.vacuumSeconds.toFixed(1)} s`,
    );

    let meilisearch: DriverResult['meilisearch'] = 'measured on the pg driver only';
    if (driver === 'pg') {
      meilisearch = meilisearchUnavailable() ?? (await meilisearchIndexing(database.db));
      console.log(`[bench] meilisearch indexing: ${typeof meilisearch === 'string' ? meilisearch : 'done'}`);
    }

    const parsed = queries.map((q) => ({ query: q, search: parseSearchParams(new URLSearchParams(q)) }));
    const totals = new Map<string, number>();
    for (let round = 0; round < warmUpRounds; round++) {
      for (const { query, search } of parsed) {
        const result = await searchMaterials(services, anonymous, search);
        totals.set(query, result.total);
      }
    }

    const samples: number[] = [];
    const perQuery = new Map<string, number[]>(queries.map((q) => [q, []]));
    for (let i = 0; i < iterations; i++) {
      const { query, search } = parsed[i % parsed.length]!;
      const started = performance.now();
      await searchMaterials(services, anonymous, search);
      const elapsed = performance.now() - started;
      samples.push(elapsed);
      perQuery.get(query)!.push(elapsed);
    }

    const engines: EngineTiming[] = [];
    if (engineFactories.length) {
      const documents = await loadEngineDocuments(database.db);
      for (const factory of engineFactories) engines.push(await timeEngine(factory, documents, parsed));
    }
    return {
      driver,
      engines,
      materials: total,
      seed: seedTimes,
      meilisearch,
      sizesMb,
      overall: stats(samples),
      perQuery: queries.map((query) => ({ query, total: totals.get(query) ?? 0, stats: stats(perQuery.get(query)!) })),
    };
  } finally {
    await database.close();
  }
}

async function materialsIn(db: Database): Promise<number> {
  const result = (await db.execute(sql`SELECT count(*)::int AS n FROM materials`)) as unknown as { rows: { n: number | string }[] };
  return Number(result.rows[0]?.n ?? 0);
}

/** Documents/s into a fresh Meilisearch index: the bulk fill, then changes through the outbox drain. */
async function meilisearchIndexing(db: Database): Promise<DriverResult['meilisearch']> {
  try {
    const leg = await openMeilisearchLeg(db);
    await leg.close();
    return { fill: leg.fill, outbox: leg.outbox };
  } catch (error) {
    return `not measured: ${(error as Error).message}`;
  }
}

async function main() {
  const loadAtStart = os.loadavg()[0]!;
  const corpus = readCorpus(testSettings.corpusDir);
  console.log(
    `[bench] corpus ${testSettings.corpusDir}: ${corpus.files} Markdown files, ${corpus.headings.length} headings, ${corpus.sentences.length} sentences, ${corpus.words.length} tag words`,
  );

  let pool: TextPool | null = null;
  if (withText) {
    pool = textPool(await extractCorpus(testSettings.corpusDir));
    console.log(`[bench] text: ${pool.documents.length} corpus files with text, ${pool.paragraphs} paragraphs, ${(pool.bytes / 1024).toFixed(0)} KB`);
  }

  const results: DriverResult[] = [];
  for (const driver of drivers) {
    if (driver !== 'pglite' && driver !== 'pg') throw new Error(`unknown driver ${driver} (BENCH_DRIVERS: pglite,pg)`);
    results.push(await runDriver(driver, corpus, pool));
  }

  const date = new Date().toISOString();
  console.log('');
  console.log(`Search latency benchmark — ${date} — ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`  searchMaterials (hits + facet counts, page size 20), ${queries.length} queries, ${iterations} timed searches per driver after ${warmUpRounds} warm-up rounds`);
  console.log(`  materials ${withText ? `with extracted text${results[0]!.seed.textBytes > 0 ? ` (mean ${(results[0]!.seed.textBytes / results[0]!.materials / 1024).toFixed(1)} KB)` : ''}` : 'without text (BENCH_TEXT=0)'}`);
  console.log('');
  console.log(`  driver   materials      p50      p95     mean      max   (ms)`);
  for (const r of results) {
    console.log(`  ${label(r).padEnd(8)} ${String(r.materials).padStart(9)}  ${ms(r.overall.p50)}  ${ms(r.overall.p95)}  ${ms(r.overall.mean)}  ${ms(r.overall.max)}`);
  }
  if (results.some((r) => r.engines.length)) {
    console.log('');
    console.log(`  in-process engines over the same materials (a page of hits, the total, plain facet counts), same queries and number of searches`);
    console.log(`  on     engine       documents  index s      p50      p95     mean      max   (ms)   hub / engine: p50    p95`);
    for (const r of results) {
      for (const e of r.engines) {
        console.log(
          `  ${label(r).padEnd(8)} ${e.engine.padEnd(11)} ${String(e.documents).padStart(9)} ${e.indexSeconds.toFixed(1).padStart(8)}  ${ms(e.overall.p50)}  ${ms(e.overall.p95)}  ${ms(e.overall.mean)}  ${ms(e.overall.max)}          ${(r.overall.p50 / e.overall.p50).toFixed(2).padStart(6)} ${(r.overall.p95 / e.overall.p95).toFixed(2).padStart(6)}`,
        );
      }
    }
    for (const e of results[0]!.engines) console.log(`  ${e.engine}: ${e.settings}`);
  }
  for (const r of results) {
    const target = targetFor(r.materials);
    if (!target) continue;
    console.log(`  target: hub p95 ≤ ${target.p95Ms} ms at ${target.size}: ${label(r)} at ${r.materials}: ${r.overall.p95.toFixed(1)} ms ${r.overall.p95 <= target.p95Ms ? 'MET' : 'NOT MET'}`);
  }
  console.log('');
  console.log(`  loading    insert (materials + versions)   text indexing (trigger)   VACUUM ANALYZE   total    text     sizes (MB): materials, versions, search_words`);
  for (const r of results) {
    const s = r.seed;
    const rate = (seconds: number) => (seconds > 0 ? `${(r.materials / seconds).toFixed(0).padStart(6)}/s` : '      —  ');
    console.log(
      `  ${label(r).padEnd(8)}   ${s.insertSeconds.toFixed(1).padStart(7)} s ${rate(s.insertSeconds)}            ${s.indexSeconds.toFixed(1).padStart(7)} s ${rate(s.indexSeconds)}     ${s.vacuumSeconds.toFixed(1).padStart(7)} s   ${(s.insertSeconds + s.indexSeconds + s.vacuumSeconds).toFixed(0).padStart(5)} s  ${(s.textBytes / 1048576).toFixed(0).padStart(5)} MB   ${r.sizesMb.materials.toFixed(0)}, ${r.sizesMb.versions.toFixed(0)}, ${r.sizesMb.searchWords.toFixed(1)}`,
    );
  }
  for (const r of results) {
    if (r.driver !== 'pg') continue;
    const m = r.meilisearch;
    const rate = (x: { documents: number; seconds: number }) => `${x.documents} documents in ${x.seconds.toFixed(1)} s = ${(x.documents / x.seconds).toFixed(0)}/s`;
    console.log(`  meilisearch indexing: ${typeof m === 'string' ? m : `bulk fill ${rate(m.fill)}; outbox drain ${rate(m.outbox)}`}`);
  }
  console.log('');
  const columns = results.flatMap((r) => [
    { name: label(r), rows: r.perQuery },
    ...r.engines.map((e) => ({ name: `${e.engine} (${label(r)})`, rows: e.perQuery })),
  ]);
  const width = (name: string) => Math.max(16, name.length);
  console.log(`  ${'per query: median ms (matches)'.padEnd(66)}${columns.map((c) => ` | ${c.name.padEnd(width(c.name))}`).join('')}`);
  for (const [index, query] of queries.entries()) {
    const cells = columns.map((c) => {
      const row = c.rows[index]!;
      return ` | ${`${ms(row.stats.p50)} (${String(row.total).padStart(6)})`.padEnd(width(c.name))}`;
    });
    console.log(`  ${(query === '' ? '(browse)' : decodeURIComponent(query.replace(/\+/g, ' '))).padEnd(66)}${cells.join('')}`);
  }
  console.log('');
  console.log(`  rerun: ${rerunCommand}`);

  const resultsFile = await saveResults('search-latency', {
    loadAverageAtStart: loadAtStart,
    materials: materialCount,
    pgliteMaterials: pgliteMaterialCount,
    withText,
    iterations,
    warmUpRounds,
    queries,
    results,
    command: rerunCommand,
  });
  console.log(`  results: ${resultsFile}`);
}

main().catch((error: unknown) => {
  console.error('[bench] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  console.error(`[bench] rerun with: ${rerunCommand}`);
  process.exit(1);
});
