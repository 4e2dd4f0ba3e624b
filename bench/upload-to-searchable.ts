/**
 * Time from upload to searchable, and to preview: how long after someone shares a file can others find
 * it by a word that occurs only inside the file, and see its preview on its page (issue 9: p50, p95). Against the production build (`next start`), signed in as a
 * council member, through the real multipart route (POST /materials/upload), then polling the /search
 * page until the new material is listed. The text is read by the background worker inside the web
 * process (the embedded default; RUN_WORKER_IN_WEB=true on Postgres).
 *
 *   npm run bench:searchable      (= npx tsx --conditions=react-server bench/upload-to-searchable.ts)
 *
 * Needs a production build (`npx next build`) and, for the pg leg, the test Postgres server
 * (TEST_DATABASE_URL); its database `dc_bench_searchable` is re-created and dropped after.
 * Legs (BENCH_LEGS, default "local,pg"):
 *   - local: no database or storage settings, DATA_DIR in a temp folder (PGlite and local disk);
 *   - pg:    Postgres (DATABASE_URL), files on local disk, RUN_WORKER_IN_WEB=true.
 * Each leg uploads a small warm-up file (not counted), then BENCH_UPLOADS (default 5) copies each of a
 * corpus PDF and DOCX, one after another, each with its own title, and polls every BENCH_POLL_MS
 * (default 100) for a word found only inside that file, and its page until the preview is there (the
 * first page's picture for the PDF, the document region for the DOCX). Ports 3360–3369. Never part of
 * `npm test`.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { DatabaseConfig } from '@/lib/config';
import { extractText } from '@/lib/extract';
import { testSettings } from '@/lib/testing/settings';
import { corpusDir } from './lib/corpus';
import { currentBuild, freePort, log, materialIdFrom, postUpload, prepareDatabase, publishDraft, productionSignInSettings, resetDatabase, sleep, startNextServer, tail, waitForNoBuild } from './lib/next-server';
import { machineLine, percentile, rerunWith, saveResults } from './lib/report';

const rerunCommand = rerunWith('npx tsx --conditions=react-server bench/upload-to-searchable.ts');
const legNames = (process.env.BENCH_LEGS || 'local,pg').split(',').map((leg) => leg.trim()).filter(Boolean);
const uploadsPerFile = Math.max(1, Number(process.env.BENCH_UPLOADS || 5));
const pollMs = Math.max(10, Number(process.env.BENCH_POLL_MS || 100));
const giveUpSeconds = 120;
const [portFirst, portLast] = [3360, 3369];
const databaseName = 'dc_bench_searchable';

/** Corpus files and a word each that occurs only inside the file (near its end), never in the form fields. */
const files = [
  { file: '017-gds-ida-qualitative-research-brief.pdf', contentType: 'application/pdf', word: 'omnibus' },
  { file: '098-cps-witness-expenses-alpha-assessment-report.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', word: 'azure' },
];

function fieldsFor(title: string): [string, string][] {
  return [
    ['title', title],
    ['summary', 'Shared by the upload-to-searchable benchmark.'],
    ['phases', 'discovery'],
    ['artefactType', 'research-plan'],
    ['kind', 'example'],
    ['tags', 'benchmark'],
    ['council', 'bristol'],
    ['licence', 'OGL-UK-3.0'],
    // The same file is shared again each round: past the "already shared" question (lib/materials/find-duplicate.ts).
    ['shareAnyway', 'yes'],
  ];
}

interface Sample {
  file: string;
  uploadSeconds: number;
  /** From the start of the POST to the first /search answer that lists the material; null if never. */
  searchableSeconds: number | null;
  /** From the start of the POST to the first material page that shows the file's preview; null if never. */
  previewSeconds: number | null;
  polls: number;
}

/** What the material page shows once the preview is made: the first page's picture, or the document itself. */
const previewShown = (fileName: string, title: string) => (fileName.endsWith('.pdf') ? 'alt="Page 1 of ' : `aria-label="Preview of ${title}"`);

/**
 * Polls /search?q=word until the page links to the material, and the material's page until it shows
 * the preview (`previewMarker`), each until it is there: both times from `started`.
 */
async function waitUntilFound(
  origin: string,
  cookie: string,
  word: string,
  id: string,
  previewMarker: string,
  started: number,
): Promise<{ seconds: number | null; previewSeconds: number | null; polls: number }> {
  let polls = 0;
  let seconds: number | null = null;
  let previewSeconds: number | null = null;
  const since = () => (performance.now() - started) / 1000;
  while (since() < giveUpSeconds && (seconds === null || previewSeconds === null)) {
    polls++;
    if (seconds === null) {
      const html = await (await fetch(`${origin}/search?q=${encodeURIComponent(word)}`, { headers: { cookie } })).text();
      if (html.includes(`/materials/${id}`)) seconds = since();
    }
    if (previewSeconds === null) {
      const html = await (await fetch(`${origin}/materials/${id}`, { headers: { cookie } })).text();
      if (html.includes(previewMarker)) previewSeconds = since();
    }
    if (seconds === null || previewSeconds === null) await sleep(pollMs);
  }
  return { seconds, previewSeconds, polls };
}

async function uploadAndWait(
  origin: string,
  cookie: string,
  upload: { path: string; fileName: string; contentType: string; word: string; previewMarker?: string },
  title: string,
): Promise<Sample> {
  const started = performance.now();
  const response = await postUpload(origin, upload, fieldsFor(title), cookie);
  const uploadSeconds = (performance.now() - started) / 1000;
  const id = materialIdFrom(response.location);
  if (response.status !== 303 || !id) throw new Error(`upload of ${upload.fileName} answered ${response.status} ${response.location ?? ''} ${response.body}`);
  // Every upload is a draft until its uploader publishes it from the check page; only then can search find it.
  await publishDraft(origin, cookie, id);
  const found = await waitUntilFound(origin, cookie, upload.word, id, upload.previewMarker ?? previewShown(upload.fileName, title), started);
  return { file: upload.fileName, uploadSeconds, searchableSeconds: found.seconds, previewSeconds: found.previewSeconds, polls: found.polls };
}

interface LegReport {
  leg: string;
  label: string;
  samples: Sample[];
}

async function runLeg(name: string, work: string, ports: Set<number>): Promise<LegReport> {
  const dataDir = path.join(work, `data-${name}`);
  fs.mkdirSync(dataDir);
  let database: DatabaseConfig;
  let env: Record<string, string>;
  let label: string;
  if (name === 'local') {
    database = { driver: 'pglite', dataDir: path.join(dataDir, 'pglite') };
    env = { DATA_DIR: dataDir };
    label = 'the embedded default: PGlite and local disk under DATA_DIR, worker in the web process';
  } else if (name === 'pg') {
    const url = await resetDatabase(databaseName);
    database = { driver: 'pg', url, poolSize: 5 };
    env = { DATA_DIR: dataDir, DATABASE_URL: url, RUN_WORKER_IN_WEB: 'true' };
    label = `Postgres ${databaseName}, local disk, RUN_WORKER_IN_WEB=true`;
  } else throw new Error(`unknown leg ${name} (BENCH_LEGS: local,pg)`);

  const cookie = await prepareDatabase(database);
  const port = await freePort(ports, portFirst, portLast);
  const origin = `http://127.0.0.1:${port}`;
  const logFile = path.join(work, `next-start-${name}.log`);
  const server = await startNextServer(port, { ...productionSignInSettings(origin), ...env, SEED_STARTER_KIT: 'false' }, logFile);
  try {
    log(`[${name}] web server on ${origin} (pid ${server.child.pid}), ${label}`);
    // Warm-up (not counted): the first upload loads the route's code, and the worker may still be starting.
    const warmWord = `warmup${randomBytes(4).toString('hex').replace(/\d/g, '')}`;
    const warmFile = path.join(work, 'warm-up.md');
    await writeFile(warmFile, `# Notes\n\nA file that says ${warmWord} once.\n`);
    const warm = await uploadAndWait(origin, cookie, { path: warmFile, fileName: 'warm-up.md', contentType: 'text/markdown', word: warmWord, previewMarker: 'aria-label="Preview of Warm-up notes"' }, 'Warm-up notes');
    log(`[${name}] warm-up searchable after ${warm.searchableSeconds?.toFixed(2) ?? 'never'} s`);
    if (warm.searchableSeconds === null) throw new Error(`the warm-up file never became searchable; server log:\n${tail(logFile)}`);

    const samples: Sample[] = [];
    for (let round = 1; round <= uploadsPerFile; round++) {
      for (const f of files) {
        const sample = await uploadAndWait(origin, cookie, { path: path.join(corpusDir(), f.file), fileName: f.file, contentType: f.contentType, word: f.word }, `Benchmark upload ${round} of ${f.file.slice(0, 3)}`);
        samples.push(sample);
        log(
          `[${name}] ${f.file}: upload ${sample.uploadSeconds.toFixed(2)} s, searchable after ${sample.searchableSeconds?.toFixed(2) ?? `more than ${giveUpSeconds}`} s, ` +
            `preview after ${sample.previewSeconds?.toFixed(2) ?? `more than ${giveUpSeconds}`} s (${sample.polls} polls)`,
        );
      }
    }
    return { leg: name, label, samples };
  } finally {
    await server.stop();
    if (name === 'pg') await dropDatabase(databaseName).catch((error: unknown) => log(`could not drop ${databaseName}: ${(error as Error).message}`));
  }
}

async function dropDatabase(name: string) {
  const admin = new Client({ connectionString: testSettings.postgresUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Checks each file's word is really inside it, as the hub will read it. */
async function checkWords() {
  for (const f of files) {
    const body = fs.readFileSync(path.join(corpusDir(), f.file));
    const result = await extractText({ format: path.extname(f.file).slice(1), body, sizeBytes: body.length });
    if (result.status !== 'done' || !new RegExp(`\\b${f.word}\\b`, 'i').test(result.text)) throw new Error(`"${f.word}" is not in the text of ${f.file}`);
  }
}

const seconds = (values: number[], p: number) => percentile([...values].sort((a, b) => a - b), p).toFixed(2);

function print(reports: LegReport[], build: { id: string }) {
  console.log('');
  console.log(`Upload to searchable and to preview — ${machineLine()}`);
  console.log(`  web server, npm start (production build ${build.id}), signed in as a council member, publishing each upload from its check page, polling /search and the material page every ${pollMs} ms; ${uploadsPerFile} upload(s) of each file per leg`);
  console.log('');
  console.log('  leg     file                                                   upload p50 / max    searchable p50 / max    preview p50 / p95 / max (s, from the POST)');
  for (const report of reports) {
    for (const f of [...files.map((x) => x.file), 'all']) {
      const samples = report.samples.filter((s) => f === 'all' || s.file === f);
      const found = samples.flatMap((s) => (s.searchableSeconds === null ? [] : [s.searchableSeconds]));
      const previews = samples.flatMap((s) => (s.previewSeconds === null ? [] : [s.previewSeconds]));
      const uploads = samples.map((s) => s.uploadSeconds);
      const missing = samples.length - found.length;
      const noPreview = samples.length - previews.length;
      console.log(
        `  ${report.leg.padEnd(7)} ${f.padEnd(54)} ${seconds(uploads, 50).padStart(6)} / ${seconds(uploads, 100).padEnd(8)}  ${found.length ? `${seconds(found, 50).padStart(6)} / ${seconds(found, 100).padEnd(8)}` : '—'.padEnd(17)}  ` +
          `${previews.length ? `${seconds(previews, 50).padStart(6)} / ${seconds(previews, 95)} / ${seconds(previews, 100)}` : '—'}` +
          `${missing ? `   ${missing} never found within ${giveUpSeconds} s` : ''}${noPreview ? `   ${noPreview} no preview within ${giveUpSeconds} s` : ''}`,
      );
    }
  }
  console.log('');
  console.log(`  rerun: ${rerunCommand}`);
}

async function main() {
  await waitForNoBuild();
  const build = currentBuild();
  if (!build) {
    console.error('[bench] No production build (.next/BUILD_ID is missing): run `npx next build` first, then:');
    console.error(`[bench]   ${rerunCommand}`);
    process.exit(1);
  }
  await checkWords();
  const work = await mkdtemp(path.join(os.tmpdir(), 'dc-bench-searchable-'));
  const ports = new Set<number>();
  try {
    const reports: LegReport[] = [];
    for (const name of legNames) reports.push(await runLeg(name, work, ports));
    print(reports, build);
    if (currentBuild()?.id !== build.id) console.log(`  WARNING: .next was rebuilt during the run (${build.id} → ${currentBuild()?.id}): rerun`);
    const file = await saveResults('upload-to-searchable', { command: rerunCommand, build, pollMs, uploadsPerFile, files, legs: reports });
    console.log(`  results: ${file}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('[bench] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  console.error(`[bench] rerun with: ${rerunCommand}`);
  process.exit(1);
});
