/**
 * Relevance benchmark: how well search finds the real corpus's documents for realistic queries.
 *
 *   npm run bench:relevance      (= npx tsx --conditions=react-server bench/relevance.ts)
 *
 * For each driver (PGlite in memory, Postgres in a fresh database dropped after) it imports the corpus
 * (CORPUS_DIR, default ../shared/corpus) with importFolder, extracts every file's text with
 * extractPendingTexts, then runs every query of bench/relevance/queries.json through searchMaterials as
 * a site admin (who sees everything published), with the /search page's own parseSearchParams. For each
 * engine it reaches (Postgres on each driver; Meilisearch when MEILI_HOST is set) it prints per query
 * recall@5 and nDCG@10 (binary relevance) and the means, and names the expected files it missed, with
 * their rank when they were found lower down.
 *
 * recall@5 = relevant files in the top 5 / min(5, relevant files), so a query with six relevant files
 * can still score 1. nDCG@10 = DCG of the top 10 / the DCG of a perfect top 10.
 * Settings (environment): BENCH_DRIVERS (default "pglite,pg"), TEST_DATABASE_URL, CORPUS_DIR, MEILI_HOST
 * (+ MEILI_API_KEY). Never part of `npm test`.
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
import type { Services } from '@/lib/services';
import type { TestDriver } from '@/lib/testing/databases';
import { createTestHub } from '@/lib/testing/test-hub';
import { corpusDir } from './lib/corpus';
import { meilisearchUnavailable, openMeilisearchLeg } from './lib/meilisearch-leg';
import { machineLine, mean, projectRoot, rerunWith, saveResults } from './lib/report';

const rerunCommand = rerunWith('npx tsx --conditions=react-server bench/relevance.ts');
const drivers = (process.env.BENCH_DRIVERS || 'pglite,pg').split(',').map((d) => d.trim()) as TestDriver[];
const depth = 50; // hits fetched per query: enough to tell where a missed file ranked

interface Query {
  id: string;
  kind: string;
  q: string;
  relevant: string[];
  note?: string;
}

const queries = (JSON.parse(fs.readFileSync(path.join(projectRoot, 'bench', 'relevance', 'queries.json'), 'utf8')) as { queries: Query[] }).queries;

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
}

async function runQueries(services: Services, fileById: Map<string, string>): Promise<QueryResult[]> {
  const results: QueryResult[] = [];
  for (const query of queries) {
    const search = { ...parseSearchParams(new URLSearchParams({ q: query.q })), pageSize: depth };
    const found = await searchMaterials(services, siteAdmin, search);
    const ranked = found.hits.map((hit) => fileById.get(hit.id) ?? `(not from the corpus: ${hit.title})`);
    const relevant = new Set(query.relevant);
    const top5 = ranked.slice(0, 5);
    results.push({
      id: query.id,
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
  return { engine, setup, queries: results, meanRecall5: mean(results.map((r) => r.recall5)), meanNdcg10: mean(results.map((r) => r.ndcg10)) };
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
    return summarise('meilisearch', setup, await runQueries({ ...services, search: leg.engine }, fileById));
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

    const results = [summarise(`postgres (${driver})`, setup, await runQueries(hub.services, fileById))];

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
  console.log(`  ${queries.length} queries over the corpus (${corpusDir()}), as a site admin; files by their number (manifest "file" column)`);
  console.log('');
  const header = engines.map((e) => e.engine.padEnd(18)).join(' | ');
  console.log(`  ${'query'.padEnd(34)} ${'kind'.padEnd(8)} | ${header}`);
  console.log(`  ${''.padEnd(34)} ${''.padEnd(8)} | ${engines.map(() => 'R@5  nDCG@10'.padEnd(18)).join(' | ')}`);
  queries.forEach((query, i) => {
    const cells = engines.map((e) => `${f2(e.queries[i]!.recall5)} ${f2(e.queries[i]!.ndcg10).padStart(6)}`.padEnd(18));
    console.log(`  ${query.q.slice(0, 34).padEnd(34)} ${query.kind.padEnd(8)} | ${cells.join(' | ')}`);
  });
  console.log(`  ${'MEAN'.padEnd(34)} ${''.padEnd(8)} | ${engines.map((e) => `${f2(e.meanRecall5)} ${f2(e.meanNdcg10).padStart(6)}`.padEnd(18)).join(' | ')}`);
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
    engines: engines.map((e) => ({ engine: e.engine, setup: e.setup, meanRecall5: e.meanRecall5, meanNdcg10: e.meanNdcg10, queries: e.queries })),
  });
  console.log(`  results: ${file}`);
}

main().catch((error: unknown) => {
  console.error('[bench] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  console.error(`[bench] rerun with: ${rerunCommand}`);
  process.exit(1);
});
