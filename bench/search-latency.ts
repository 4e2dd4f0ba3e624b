/**
 * Search latency benchmark: p50/p95 (and mean, max) of `searchMaterials` — the function the /search page
 * calls, hits and facet counts together — over 10,000 materials, on both database drivers: PGlite in
 * memory and Postgres in a fresh database (created on TEST_DATABASE_URL's server and dropped after).
 *
 *   npx tsx --conditions=react-server bench/search-latency.ts
 *
 * Materials are inserted straight into the tables with drizzle (no files: search never reads them),
 * with titles, summaries and tags made from the words of the real corpus's Markdown files (CORPUS_DIR,
 * default ../shared/corpus) and phases, types, kinds, service areas, councils and licences from the
 * vocabularies. The generator is seeded, so every run builds the same materials.
 * Settings (environment): BENCH_MATERIALS (default 10000), BENCH_ITERATIONS (timed searches per driver,
 * default 200), BENCH_DRIVERS (default "pglite,pg"), TEST_DATABASE_URL, CORPUS_DIR.
 * Loopback only. Never part of `npm test`.
 */
import { anonymous } from '@/lib/auth/viewer';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { materials, materialVersions, organisations } from '@/lib/db/schema';
import { fileFormats } from '@/lib/materials/formats';
import { searchMaterials } from '@/lib/search';
import { parseSearchParams } from '@/lib/search/search-params';
import type { Services } from '@/lib/services';
import type { BlobStore } from '@/lib/storage/blob-store';
import { syncVocabularies } from '@/lib/taxonomy/sync-vocabularies';
import { vocabularies } from '@/lib/taxonomy/vocabularies';
import { createTestDatabase, type TestDriver } from '@/lib/testing/databases';
import { testSettings } from '@/lib/testing/settings';

const materialCount = Number(process.env.BENCH_MATERIALS || 10_000);
const iterations = Number(process.env.BENCH_ITERATIONS || 200);
const drivers = (process.env.BENCH_DRIVERS || 'pglite,pg').split(',').map((d) => d.trim()) as TestDriver[];
const batchSize = 500;
const warmUpRounds = 2;

const rerunCommand = 'npx tsx --conditions=react-server bench/search-latency.ts';
const projectRoot = path.resolve(__dirname, '..');

/**
 * What people search for: the query strings of /search URLs, parsed by the page's own parser
 * (parseSearchParams), so each becomes exactly the SearchQuery the page would run.
 */
const queries: string[] = [
  'q=user+research+plan',
  'q=consent',
  'q=bin+collection',
  'q=discussion+guide',
  'q=housing+repairs',
  '', // browse: everything, newest first
  'q=discovery', // a word in a large share of materials: the most rows to rank
  'q=%22journey+map%22', // a phrase
  'q=accessibility+-persona', // an exclusion
  'q=recruitment+or+screener', // either word
  'q=persona&kind=template',
  'q=consent&phase=discovery',
  'q=discussion+guide&topic=housing',
  'q=user+research+plan&phase=discovery&type=research-plan',
  'q=show+and+tell&sort=newest',
  'q=council+tax&topic=council-tax&licence=OGL-UK-3.0',
  'phase=discovery',
  'topic=housing',
  'council=bristol',
  'phase=discovery&phase=alpha&topic=housing&topic=adult-social-care',
  'page=2', // browse, second page
  'q=research&page=2',
];

// ---- Deterministic randomness ------------------------------------------------------------------------

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
function pickSome<T>(random: Random, list: readonly T[], min: number, max: number): T[] {
  const count = min + Math.floor(random() * (max - min + 1));
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, list.length)) chosen.add(pick(random, list));
  return [...chosen];
}
/** Picks by weight: [[value, weight], …]. */
function weighted<T>(random: Random, entries: [T, number][]): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, weight] of entries) {
    r -= weight;
    if (r < 0) return value;
  }
  return entries[entries.length - 1]![0];
}

// ---- Text from the corpus ------------------------------------------------------------------------------

interface CorpusText {
  files: number;
  headings: string[];
  sentences: string[];
  /** Frequent content words, for tags. */
  words: string[];
}

const stopWords = new Set(
  'the and for that with this are was you your from have has not but can will they them their what which when where who how all any our out use used using into about more also than then there these those been being its it’s it\'s one two may should would could such each other some only very just like make made need needs well what’s'.split(
    ' ',
  ),
);

function readCorpus(directory: string): CorpusText {
  const files = fs.readdirSync(directory).filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md');
  if (files.length === 0) throw new Error(`no Markdown files in ${directory} (set CORPUS_DIR)`);
  const headings: string[] = [];
  const sentences: string[] = [];
  const counts = new Map<string, number>();
  for (const name of files) {
    let text = fs.readFileSync(path.join(directory, name), 'utf8');
    text = text.replace(/^---\n[\s\S]*?\n---\n/, ''); // front matter
    for (const rawLine of text.split('\n')) {
      const line = rawLine
        .replace(/!\[[^\]]*\]\([^)]*\)/g, '') // images
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // links: keep the text
        .replace(/<[^>]+>/g, '')
        .replace(/[*_`|>]/g, '')
        .trim();
      if (!line) continue;
      const heading = /^#{1,6}\s*(.+)$/.exec(line);
      if (heading) {
        const title = heading[1]!.trim();
        if (title.length >= 4 && title.length <= 120 && /[a-z]/i.test(title)) headings.push(title);
        continue;
      }
      const body = line.replace(/^([-+]|\d+\.)\s+/, '');
      for (const sentence of body.split(/(?<=[.!?])\s+/)) {
        const clean = sentence.trim();
        if (clean.length >= 30 && clean.length <= 400 && /^[A-Z0-9“"‘']/.test(clean)) sentences.push(clean);
      }
      for (const word of body.toLowerCase().match(/[a-z][a-z'’-]{2,}/g) ?? []) {
        if (!stopWords.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
      }
    }
  }
  const words = [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 600)
    .map(([word]) => word.replace(/’/g, "'"))
    .filter((word) => word.length <= 30);
  return { files: files.length, headings, sentences, words };
}

// ---- Materials ------------------------------------------------------------------------------------------

/** Service subjects from the LGSL list ("Find out about repairs to council properties" → "repairs to council properties"). */
function serviceSubjects(): string[] {
  const file = path.join(projectRoot, 'lib', 'taxonomy', 'data', 'local_services.csv');
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => /^\d+,"?([^",]+)/.exec(line)?.[1]?.trim() ?? '')
    .map((text) => text.replace(/^(Find out about|Find out|Apply for|Apply to|Report|Pay|Request|Register for|Register)\s+/i, ''))
    .filter((text) => text.length >= 4);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

async function seed(services: Services, corpus: CorpusText, count: number): Promise<{ seconds: number }> {
  const random = mulberry32(20261126);
  const v = vocabularies();
  const subjects = serviceSubjects();
  const organisationRows = await services.db.select({ id: organisations.id, slug: organisations.slug }).from(organisations);
  // A few councils share a lot (as in real life); most share a little.
  const busyCouncils = organisationRows.filter((o) => ['bristol', 'leeds', 'camden', 'newham', 'hackney', 'southwark'].includes(o.slug));
  const phaseWeights: [string, number][] = v.phases.map((p) => [p.slug, p.slug === 'discovery' ? 6 : p.slug === 'alpha' ? 3 : 1]);
  const licenceWeights: [string, number][] = v.licences.map((l) => [l.spdx, l.isDefault ? 20 : 1]);
  const formats = fileFormats.filter((f) => ['pdf', 'docx', 'pptx', 'xlsx', 'odt', 'md', 'csv', 'txt'].includes(f.code));
  const now = Date.now();
  const threeYears = 3 * 365 * 24 * 3600 * 1000;

  const started = performance.now();
  for (let offset = 0; offset < count; offset += batchSize) {
    const rows: (typeof materials.$inferInsert)[] = [];
    const files: { fileName: string; format: string; contentType: string; sizeBytes: number; sha256: string }[] = [];
    for (let i = offset; i < Math.min(count, offset + batchSize); i++) {
      const type = pick(random, v.artefactTypes);
      const topicsChosen = pickSome(random, v.topics, 0, 2);
      const topics = topicsChosen.map((t) => t.slug);
      const topic = topicsChosen[0];
      const council = random() < 0.1 ? undefined : random() < 0.3 && busyCouncils.length ? pick(random, busyCouncils) : pick(random, organisationRows);

      const style = random();
      let title: string;
      if (style < 0.4) title = pick(random, corpus.headings);
      else if (style < 0.7) title = `${type.label}: ${pick(random, subjects)}`;
      else {
        const words = pick(random, corpus.sentences).split(/\s+/);
        const start = Math.floor(random() * Math.max(1, words.length - 6));
        title = capitalise(words.slice(start, start + 4 + Math.floor(random() * 5)).join(' ').replace(/[.,;:]+$/, ''));
      }
      if (topic && random() < 0.3) title += ` (${topic.label.toLowerCase()})`;
      title = title.slice(0, 200);

      const first = Math.floor(random() * corpus.sentences.length);
      const summary = corpus.sentences
        .slice(first, first + 1 + Math.floor(random() * 3))
        .join(' ')
        .slice(0, 800);

      const format = pick(random, formats);
      rows.push({
        title,
        summary,
        phases: [...new Set([weighted(random, phaseWeights), ...(random() < 0.4 ? [weighted(random, phaseWeights)] : [])])],
        artefactType: type.slug,
        kind: pick(random, v.kinds).slug,
        topics,
        tags: pickSome(random, corpus.words, 1, 5),
        licence: weighted(random, licenceWeights),
        organisationId: council?.id ?? null,
        createdAt: new Date(now - Math.floor(random() * threeYears)),
      });
      files.push({
        fileName: `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'material'}.${format.extensions[0]}`,
        format: format.code,
        contentType: format.contentType,
        sizeBytes: 10_000 + Math.floor(random() * 5_000_000),
        sha256: createHash('sha256').update(`bench material ${i}`).digest('hex'),
      });
    }
    const inserted = await services.db.insert(materials).values(rows).returning({ id: materials.id });
    await services.db.insert(materialVersions).values(
      inserted.map((row, k) => ({
        materialId: row.id,
        versionNumber: 1,
        ...files[k]!,
        storageKey: `materials/2026/11/${randomUUID()}`, // a unique key of the real shape; no file behind it
      })),
    );
  }
  await services.db.execute(sql`ANALYZE`);
  return { seconds: (performance.now() - started) / 1000 };
}

// ---- Timing ---------------------------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1; // nearest rank
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

interface Stats {
  count: number;
  p50: number;
  p95: number;
  mean: number;
  max: number;
  min: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    mean: sorted.reduce((sum, x) => sum + x, 0) / sorted.length,
    max: sorted[sorted.length - 1]!,
    min: sorted[0]!,
  };
}

const ms = (value: number) => value.toFixed(1).padStart(7);

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
  seedSeconds: number;
  overall: Stats;
  perQuery: { query: string; total: number; stats: Stats }[];
}

async function runDriver(driver: TestDriver, corpus: CorpusText): Promise<DriverResult> {
  const opened = performance.now();
  const database = await createTestDatabase(driver);
  try {
    await syncVocabularies(database.db);
    console.log(`[bench] ${driver}: database ready in ${((performance.now() - opened) / 1000).toFixed(1)} s${database.url ? ` (${database.url})` : ' (in memory)'}`);
    const services: Services = { db: database.db, storage: noStorage, maxUploadBytes: 100 * 1024 * 1024 };

    const { seconds: seedSeconds } = await seed(services, corpus, materialCount);
    const [countRow] = (
      (await database.db.execute(sql`SELECT count(*)::int AS n FROM materials`)) as unknown as { rows: { n: number | string }[] }
    ).rows;
    const total = Number(countRow?.n ?? 0);
    console.log(`[bench] ${driver}: ${total} materials seeded in ${seedSeconds.toFixed(1)} s`);

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
    return {
      driver,
      materials: total,
      seedSeconds,
      overall: stats(samples),
      perQuery: queries.map((query) => ({ query, total: totals.get(query) ?? 0, stats: stats(perQuery.get(query)!) })),
    };
  } finally {
    await database.close();
  }
}

async function main() {
  const loadAtStart = os.loadavg()[0]!;
  const corpus = readCorpus(testSettings.corpusDir);
  console.log(
    `[bench] corpus ${testSettings.corpusDir}: ${corpus.files} Markdown files, ${corpus.headings.length} headings, ${corpus.sentences.length} sentences, ${corpus.words.length} tag words`,
  );

  const results: DriverResult[] = [];
  for (const driver of drivers) {
    if (driver !== 'pglite' && driver !== 'pg') throw new Error(`unknown driver ${driver} (BENCH_DRIVERS: pglite,pg)`);
    results.push(await runDriver(driver, corpus));
  }

  const date = new Date().toISOString();
  console.log('');
  console.log(`Search latency benchmark — ${date} — ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`  searchMaterials (hits + facet counts, page size 20), ${queries.length} queries, ${iterations} timed searches per driver after ${warmUpRounds} warm-up rounds`);
  console.log('');
  console.log(`  driver   materials      p50      p95     mean      max   (ms)   seeding`);
  for (const r of results) {
    const label = r.driver === 'pg' ? 'postgres' : 'pglite';
    console.log(
      `  ${label.padEnd(8)} ${String(r.materials).padStart(9)}  ${ms(r.overall.p50)}  ${ms(r.overall.p95)}  ${ms(r.overall.mean)}  ${ms(r.overall.max)}          ${r.seedSeconds.toFixed(1)} s`,
    );
  }
  console.log('');
  console.log(`  ${'per query: median ms (matches)'.padEnd(66)}${results.map((r) => ` | ${r.driver === 'pg' ? 'postgres' : 'pglite'}`).join('')}`);
  for (const [index, query] of queries.entries()) {
    const cells = results.map((r) => {
      const row = r.perQuery[index]!;
      return ` | ${ms(row.stats.p50)} (${String(row.total).padStart(5)})`;
    });
    console.log(`  ${(query === '' ? '(browse)' : decodeURIComponent(query.replace(/\+/g, ' '))).padEnd(66)}${cells.join('')}`);
  }
  console.log('');
  console.log(`  rerun: ${rerunCommand}`);

  const resultsDir = path.join(projectRoot, 'bench', 'results');
  await mkdir(resultsDir, { recursive: true });
  const resultsFile = path.join(resultsDir, `search-latency-${date.replace(/[:.]/g, '-')}.json`);
  await writeFile(
    resultsFile,
    `${JSON.stringify(
      {
        benchmark: 'search-latency',
        date,
        machine: {
          cpus: os.cpus().length,
          cpuModel: os.cpus()[0]?.model,
          memoryMb: Math.round(os.totalmem() / 1024 / 1024),
          node: process.version,
          loadAverageAtStart: loadAtStart,
          loadAverageAtEnd: os.loadavg()[0],
        },
        materials: materialCount,
        iterations,
        warmUpRounds,
        queries,
        results,
        command: rerunCommand,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`  results: ${path.relative(projectRoot, resultsFile)}`);
}

main().catch((error: unknown) => {
  console.error('[bench] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  console.error(`[bench] rerun with: ${rerunCommand}`);
  process.exit(1);
});
