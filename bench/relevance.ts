/**
 * Relevance benchmark: how well search finds the real corpus's documents for realistic queries.
 *
 *   npm run bench:relevance      (= npx tsx --conditions=react-server bench/relevance.ts)
 *
 * For each driver (PGlite in memory, Postgres in a fresh database dropped after) it imports the corpus
 * (CORPUS_DIR, default ../shared/corpus) with importFolder, extracts every file's text with
 * extractPendingTexts, then runs every judged query through searchMaterials as a site admin (who sees
 * everything published), with the /search page's own parseSearchParams. The queries come in two sets:
 * bench/relevance/queries.json, the tuning set, and bench/relevance/held-out.json, which no change to
 * lib/search may be tuned against; every mean is printed for each set separately.
 * For each engine it reaches (Postgres on each driver; Meilisearch when MEILI_HOST is set; and, on the
 * first driver, the in-process engines of bench/engines, MiniSearch and Orama, over the same titles,
 * summaries and extracted text) it prints per query recall@5 and nDCG@10 (binary relevance) and the
 * means, the hub's means as ratios of each in-process engine's, and names the expected files each
 * missed, with their rank when they were found lower down.
 *
 * recall@5 = relevant files in the top 5 / min(5, relevant files), so a query with six relevant files
 * can still score 1. nDCG@10 = DCG of the top 10 / the DCG of a perfect top 10.
 * Settings (environment): BENCH_DRIVERS (default "pglite,pg"), BENCH_ENGINES (default "minisearch,orama";
 * "none" leaves them out), TEST_DATABASE_URL, CORPUS_DIR, MEILI_HOST (+ MEILI_API_KEY). Never part of `npm test`.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/viewer';
import { importFolder } from '@/lib/import/import-folder';
import { extractPendingTexts } from '@/lib/jobs/extract-text';
import { searchMaterials } from '@/lib/search';
import { parseSearchParams } from '@/lib/search/search-params';
import type { SearchQuery } from '@/lib/search/search-engine';
import type { Services } from '@/lib/services';
import type { TestDriver } from '@/lib/testing/databases';
import { createTestHub } from '@/lib/testing/test-hub';
import { selectedEngines } from './engines/all';
import { loadEngineDocuments, type EngineFactory } from './engines/engine';
import { corpusDir } from './lib/corpus';
import { meilisearchUnavailable, openMeilisearchLeg } from './lib/meilisearch-leg';
import { machineLine, mean, projectRoot, rerunWith, saveResults } from './lib/report';

const rerunCommand = rerunWith('npx tsx --conditions=react-server bench/relevance.ts');
const drivers = (process.env.BENCH_DRIVERS || 'pglite,pg').split(',').map((d) => d.trim()) as TestDriver[];
const depth = 50; // hits fetched per query: enough to tell where a missed file ranked

/** 'tuning': queries.json, which search may be tuned against; 'held-out': held-out.json, which it may not. */
type QuerySet = 'tuning' | 'held-out';
const querySets: { set: QuerySet; file: string }[] = [
  { set: 'tuning', file: 'queries.json' },
  { set: 'held-out', file: 'held-out.json' },
];

interface Query {
  id: string;
  kind: string;
  q: string;
  relevant: string[];
  note?: string;
  set: QuerySet;
}

const queries: Query[] = querySets.flatMap(({ set, file }) =>
  (JSON.parse(fs.readFileSync(path.join(projectRoot, 'bench', 'relevance', file), 'utf8')) as { queries: Omit<Query, 'set'>[] }).queries.map((q) => ({ ...q, set })),
);
const engineFactories = selectedEngines();

/** A site admin: sees every published material, whatever its visibility. */
const siteAdmin: Viewer = { kind: 'user', userId: randomUUID(), name: 'Relevance benchmark', organisation: null, role: 'member', isSiteAdmin: true };

// ---- Metrics (binary relevance) ----------------------------------------------------------------------------

function recallAt(k: number, ranked: string[], relevant: Set<string>): number {
  const found = ranked.slice(0, k).filter((file) => relevant.has(file)).length;
  return found / Math.min(k, relevant.size);
}

function ndcgAt(k: number, ranked: string[], relevant: Set<string>): number {
  const dcg = ranked.slice(0, k).reduce((sum, file, i) => sum + (relevant.has(file) ? 1 / Math.log2(i + 2) : 0), 0);
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return dcg / ideal;
}

// ---- Running ------------------------------------------------------------------------------------------------

interface QueryResult {
  id: string;
  set: QuerySet;
  kind: string;
  q: string;
  recall5: number;
  ndcg10: number;
  total: number;
  top5: string[];
  /** Expected files not in the top 5, with their rank (null: not in the first `depth` hits). */
  missed: { file: string; rank: number | null }[];
  didYouMean: string | null;
  /** True when the engine failed and the built-in Postgres engine answered instead. */
  fallback: boolean;
}

interface EngineResult {
  engine: string;
  setup: string;
  queries: QueryResult[];
  meanRecall5: number;
  meanNdcg10: number;
  /** The same means for each query set. */
  bySet: Record<QuerySet, { recall5: number; ndcg10: number; count: number }>;
}

/** One engine's answer to one query: material ids, best first. */
type Ranker = (search: SearchQuery) => Promise<{ ids: string[]; total: number; didYouMean: string | null; fallback: boolean }>;

const hubRanker =
  (services: Services): Ranker =>
  async (search) => {
    const found = await searchMaterials(services, siteAdmin, search);
    return { ids: found.hits.map((hit) => hit.id), total: found.total, didYouMean: found.didYouMean, fallback: found.fallback };
  };

async function runQueries(rank: Ranker, fileById: Map<string, string>): Promise<QueryResult[]> {
  const results: QueryResult[] = [];
  for (const query of queries) {
    const search = { ...parseSearchParams(new URLSearchParams({ q: query.q })), pageSize: depth };
    const found = await rank(search);
    const ranked = found.ids.map((id) => fileById.get(id) ?? `(not from the corpus: ${id})`);
    const relevant = new Set(query.relevant);
    const top5 = ranked.slice(0, 5);
    results.push({
      id: query.id,
      set: query.set,
      kind: query.kind,
      q: query.q,
      recall5: recallAt(5, ranked, relevant),
      ndcg10: ndcgAt(10, ranked, relevant),
      total: found.total,
      top5,
      missed: query.relevant.filter((file) => !top5.includes(file)).map((file) => ({ file, rank: ranked.includes(file) ? ranked.indexOf(file) + 1 : null })),
      didYouMean: found.didYouMean,
      fallback: found.fallback,
    });
  }
  return results;
}

function summarise(engine: string, setup: string, results: QueryResult[]): EngineResult {
  const bySet = Object.fromEntries(
    querySets.map(({ set }) => {
      const inSet = results.filter((r) => r.set === set);
      return [set, { recall5: mean(inSet.map((r) => r.recall5)), ndcg10: mean(inSet.map((r) => r.ndcg10)), count: inSet.length }];
    }),
  ) as EngineResult['bySet'];
  return { engine, setup, queries: results, meanRecall5: mean(results.map((r) => r.recall5)), meanNdcg10: mean(results.map((r) => r.ndcg10)), bySet };
}

/** An in-process engine (bench/engines) over the hub's own documents: titles, summaries, extracted text. */
async function runInProcess(factory: EngineFactory, services: Services, fileById: Map<string, string>): Promise<EngineResult> {
  const documents = await loadEngineDocuments(services.db);
  const started = performance.now();
  const engine = await factory.build(documents);
  const setup = `${documents.length} documents indexed in ${((performance.now() - started) / 1000).toFixed(2)} s; ${engine.settings}`;
  console.log(`[bench] ${factory.name}: ${setup}`);
  const rank: Ranker = async (search) => {
    const found = await engine.search(search);
    return { ids: found.ids, total: found.total, didYouMean: null, fallback: false };
  };
  return summarise(factory.name, setup, await runQueries(rank, fileById));
}

/** The Meilisearch engine over the same database, or null (and why) when it cannot be reached. */
async function runMeilisearch(services: Services, fileById: Map<string, string>): Promise<EngineResult | null> {
  const unavailable = meilisearchUnavailable();
  if (unavailable) {
    console.log(`[bench] meilisearch: ${unavailable}`);
    return null;
  }
  let leg;
  try {
    leg = await openMeilisearchLeg(services.db);
  } catch (error) {
    console.log(`[bench] meilisearch: not measured: ${(error as Error).message}`);
    return null;
  }
  try {
    const setup = `index filled with ${leg.fill.documents} documents in ${leg.fill.seconds.toFixed(1)} s; ${leg.outbox.documents} through the outbox drain in ${leg.outbox.seconds.toFixed(1)} s`;
    console.log(`[bench] meilisearch: ${setup}`);
    return summarise('meilisearch', setup, await runQueries(hubRanker({ ...services, search: leg.engine }), fileById));
  } finally {
    await leg.close();
  }
}

async function runDriver(driver: TestDriver): Promise<EngineResult[]> {
  const hub = await createTestHub(driver);
  try {
    const started = performance.now();
    const report = await importFolder(hub.services, corpusDir());
    if (report.failed > 0) throw new Error(`import failed for ${report.failed} row(s): ${JSON.stringify(report.errors)}`);
    const imported = performance.now();
    const extracted = await extractPendingTexts(hub.services);
    await hub.services.db.execute(sql`ANALYZE`);
    const setup = `import ${((imported - started) / 1000).toFixed(1)} s, text of ${extracted} versions ${((performance.now() - imported) / 1000).toFixed(1)} s`;
    console.log(`[bench] ${driver}: ${report.imported} materials imported, ${setup}`);

    const fileById = new Map<string, string>();
    for (const outcome of report.outcomes) if (outcome.status === 'imported') fileById.set(outcome.materialId, outcome.file);

    const results = [summarise(`postgres (${driver})`, setup, await runQueries(hubRanker(hub.services), fileById))];

    // The in-process engines once, over the first driver's documents (the same on every driver).
    if (driver === drivers[0]) for (const factory of engineFactories) results.push(await runInProcess(factory, hub.services, fileById));

    // Meilisearch once, fed from the Postgres database when there is one.
    if (driver === (drivers.includes('pg') ? 'pg' : drivers[0])) {
      const meilisearch = await runMeilisearch(hub.services, fileById);
      if (meilisearch) results.push(meilisearch);
    }
    return results;
  } finally {
    await hub.close();
  }
}

// ---- Printing -----------------------------------------------------------------------------------------------

const f2 = (x: number) => x.toFixed(2);
const short = (file: string) => file.slice(0, 3);

function print(engines: EngineResult[]) {
  console.log('');
  console.log(`Relevance benchmark — ${machineLine()}`);
  console.log(`  ${queries.length} queries (${querySets.map(({ set }) => `${queries.filter((q) => q.set === set).length} ${set}`).join(', ')}) over the corpus (${corpusDir()}), as a site admin; files by their number (manifest "file" column)`);
  console.log('');
  const header = engines.map((e) => e.engine.padEnd(18)).join(' | ');
  console.log(`  ${'query'.padEnd(34)} ${'kind'.padEnd(8)} | ${header}`);
  console.log(`  ${''.padEnd(34)} ${''.padEnd(8)} | ${engines.map(() => 'R@5  nDCG@10'.padEnd(18)).join(' | ')}`);
  queries.forEach((query, i) => {
    const cells = engines.map((e) => `${f2(e.queries[i]!.recall5)} ${f2(e.queries[i]!.ndcg10).padStart(6)}`.padEnd(18));
    console.log(`  ${query.q.slice(0, 34).padEnd(34)} ${query.kind.padEnd(8)} | ${cells.join(' | ')}`);
  });
  console.log(`  ${'MEAN'.padEnd(34)} ${''.padEnd(8)} | ${engines.map((e) => `${f2(e.meanRecall5)} ${f2(e.meanNdcg10).padStart(6)}`.padEnd(18)).join(' | ')}`);
  for (const { set } of querySets) {
    const cells = engines.map((e) => `${f2(e.bySet[set].recall5)} ${f2(e.bySet[set].ndcg10).padStart(6)}`.padEnd(18));
    console.log(`  ${`MEAN, ${set} set (${engines[0]!.bySet[set].count})`.padEnd(34)} ${''.padEnd(8)} | ${cells.join(' | ')}`);
  }
  const kinds = [...new Set(queries.map((q) => q.kind))];
  for (const kind of kinds) {
    const pick = (e: EngineResult) => e.queries.filter((r) => r.kind === kind);
    const cells = engines.map((e) => `${f2(mean(pick(e).map((r) => r.recall5)))} ${f2(mean(pick(e).map((r) => r.ndcg10))).padStart(6)}`.padEnd(18));
    console.log(`  ${`  mean, ${kind} (${pick(engines[0]!).length})`.padEnd(34)} ${''.padEnd(8)} | ${cells.join(' | ')}`);
  }

  for (const e of engines) {
    const fellBack = e.queries.filter((r) => r.fallback).length;
    if (fellBack) console.log(`  WARNING: ${e.engine} failed on ${fellBack} queries and Postgres answered them instead: its figures are not its own`);
  }
  const hubs = engines.filter((e) => !engineFactories.some((f) => f.name === e.engine));
  const others = engines.filter((e) => engineFactories.some((f) => f.name === e.engine));
  if (others.length) {
    console.log('');
    console.log('  Ratios, hub / in-process engine (above 1: the hub ranks better)   recall@5   nDCG@10');
    for (const hub of hubs) {
      for (const other of others) {
        for (const { set } of querySets) {
          const ratio = (a: number, b: number) => (b === 0 ? '∞' : (a / b).toFixed(2));
          console.log(
            `  ${`${hub.engine} / ${other.engine}, ${set}`.padEnd(64)} ${ratio(hub.bySet[set].recall5, other.bySet[set].recall5).padStart(8)} ${ratio(hub.bySet[set].ndcg10, other.bySet[set].ndcg10).padStart(9)}`,
          );
        }
      }
    }
    for (const hub of hubs) {
      for (const other of others) {
        const lost = hub.queries.filter((r, i) => r.ndcg10 < other.queries[i]!.ndcg10 - 1e-9);
        console.log(`  ${hub.engine} below ${other.engine} on nDCG@10 (${lost.length}): ${lost.map((r) => `${r.id} ${f2(r.ndcg10)}<${f2(other.queries.find((o) => o.id === r.id)!.ndcg10)}`).join(', ') || 'none'}`);
      }
    }
  }
  console.log('');
  console.log('  Missed: expected files not in the top 5 (rank where found lower, "—" = not in the first 50 hits); top 5 as returned');
  queries.forEach((query, i) => {
    const lines = new Map<string, string[]>(); // identical findings of several engines are printed once
    for (const e of engines) {
      const r = e.queries[i]!;
      if (r.missed.length === 0) continue;
      const text = `missed ${r.missed.map((m) => `${m.file} (${m.rank ?? '—'})`).join(', ')}; top 5: ${r.top5.map(short).join(' ') || '(none)'}; ${r.total} found${r.didYouMean ? `; did you mean "${r.didYouMean}"` : ''}`;
      lines.set(text, [...(lines.get(text) ?? []), e.engine]);
    }
    for (const [text, names] of lines) console.log(`  ${query.id} [${names.length === engines.length ? 'all' : names.join(', ')}]: ${text}`);
  });
  console.log('');
  console.log(`  rerun: ${rerunCommand}`);
}

async function main() {
  const engines: EngineResult[] = [];
  for (const driver of drivers) {
    if (driver !== 'pglite' && driver !== 'pg') throw new Error(`unknown driver ${driver} (BENCH_DRIVERS: pglite,pg)`);
    engines.push(...(await runDriver(driver)));
  }
  print(engines);
  const file = await saveResults('relevance', {
    command: rerunCommand,
    corpus: corpusDir(),
    engines: engines.map((e) => ({ engine: e.engine, setup: e.setup, meanRecall5: e.meanRecall5, meanNdcg10: e.meanNdcg10, bySet: e.bySet, queries: e.queries })),
  });
  console.log(`  results: ${file}`);
}

main().catch((error: unknown) => {
  console.error('[bench] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  console.error(`[bench] rerun with: ${rerunCommand}`);
  process.exit(1);
});
