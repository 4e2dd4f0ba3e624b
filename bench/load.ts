/**
 * Load test: many people searching and sharing at once, against the production build on loopback.
 *
 *   npx next build && npm run bench:load      (= npx tsx --conditions=react-server bench/load.ts)
 *
 * It builds nothing itself: it runs whatever is in .next. Legs (BENCH_LEGS, default "s3,local"):
 *   - s3:    Postgres (its own database dc_bench_load on TEST_DATABASE_URL's server, re-created), files in
 *            S3 on the project's test server (lib/testing/s3-server-cli.ts, s3rver, in a child process),
 *            the web server (`npm start`) with RUN_WORKER_IN_WEB=false and a separate worker process (`npm run worker`'s
 *            program), as production runs them;
 *   - local: the embedded defaults, lighter: DATA_DIR in a temp folder (PGlite and local disk), the
 *            worker inside the web process.
 * Each leg:
 *   1. migrates the database, loads the vocabularies and adds a member of Bristol City Council with a
 *      database session (as signing in by email would; bench/lib/next-server.ts), then imports the real
 *      corpus (CORPUS_DIR) with `npm run import`, so there is something to search;
 *   2. starts the server (and worker) and waits until the worker has read every imported file's text;
 *   3. searches: autocannon keeps BENCH_CONNECTIONS (200; local 50) connections busy for BENCH_SECONDS
 *      (30; local 15) with GET /search?q=… over the 105 judged queries of bench/relevance (each
 *      connection starting at a different query), signed in;
 *   4. uploads: BENCH_UPLOADS (50; local 10) different corpus files (formats taken in turn) POSTed at
 *      once to the share form's route (POST /materials/upload, multipart, streamed from disk), with
 *      "share it anyway" (the corpus is already in the hub); each must answer 303 to the new material;
 *   5. downloads every uploaded material (GET /materials/<id>/download, following the redirect to S3)
 *      and compares its sha256 with the file's.
 * It prints errors (connection errors, timeouts, non-2xx answers, failed uploads or downloads: all must
 * be 0), p50/p95/p99 and requests per second of each phase, and the peak RSS of the server (and of the
 * worker), sampled every 50 ms from /proc/<pid>/status, against its baseline before the load.
 * autocannon stops at the deadline with a search in flight on each connection: those are counted as cut
 * off, not as answered; BENCH_SEARCHES=<n> sends n searches instead, however long they take.
 * Settings (environment): BENCH_LEGS, BENCH_CONNECTIONS, BENCH_SECONDS, BENCH_SEARCHES, BENCH_UPLOADS (s3 leg),
 * BENCH_LOCAL_CONNECTIONS, BENCH_LOCAL_SECONDS, BENCH_LOCAL_UPLOADS (local leg), TEST_DATABASE_URL,
 * CORPUS_DIR. Ports 3600–3649. Loopback only. Never part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import type { DatabaseConfig } from '@/lib/config';
import { fileFormats } from '@/lib/formats/file-formats';
import { testSettings } from '@/lib/testing/settings';
import { corpusDir, corpusFiles, type CorpusFile } from './lib/corpus';
import { downloadSha256 } from './lib/download';
import { measureBaseline, MemorySampler, type MemoryWindow } from './lib/memory-sampler';
import {
  childEnvironment,
  currentBuild,
  freePort,
  log,
  materialIdFrom,
  postUpload,
  prepareDatabase,
  productionSignInSettings,
  resetDatabase,
  sleep,
  startNextServer,
  startProcessGroup,
  tail,
  waitForNoBuild,
  waitForQuietLog,
} from './lib/next-server';
import { machineLine, percentile, projectRoot, rerunWith, saveResults } from './lib/report';
import { startS3Process } from './lib/s3-process';
import { sha256OfStream } from './lib/test-file';

const rerunCommand = rerunWith('npx tsx --conditions=react-server bench/load.ts');
const legNames = (process.env.BENCH_LEGS || 's3,local').split(',').map((leg) => leg.trim()).filter(Boolean);
const setting = (name: string, fallback: number) => Math.max(1, Number(process.env[name] || fallback));
const legSettings = {
  s3: { connections: setting('BENCH_CONNECTIONS', 200), seconds: setting('BENCH_SECONDS', 30), uploads: setting('BENCH_UPLOADS', 50) },
  local: { connections: setting('BENCH_LOCAL_CONNECTIONS', 50), seconds: setting('BENCH_LOCAL_SECONDS', 15), uploads: setting('BENCH_LOCAL_UPLOADS', 10) },
};
const [portFirst, portLast] = [3600, 3649];
const databaseName = 'dc_bench_load';
const MiB = 1024 * 1024;

/** The judged queries' search box texts: what people type, misspellings and all. */
const searchTexts: string[] = ['queries.json', 'held-out.json'].flatMap(
  (file) => (JSON.parse(fs.readFileSync(path.join(projectRoot, 'bench', 'relevance', file), 'utf8')) as { queries: { q: string }[] }).queries.map((q) => q.q),
);

const uploadFields: [string, string][] = [
  ['summary', 'Shared by the load test.'],
  ['phases', 'discovery'],
  ['artefactType', 'research-plan'],
  ['kind', 'example'],
  ['tags', 'load test'],
  ['council', 'bristol'],
  ['licence', 'OGL-UK-3.0'],
  ['shareAnyway', 'yes'], // the corpus is already in the hub: without it the form refuses a known file
];

// ---- Processes ------------------------------------------------------------------------------------------

/** `npm run worker`'s program in a process group of its own (no npm wrapper), logging to `logFile`. */
function startWorker(env: Record<string, string>, logFile: string) {
  const worker = startProcessGroup(['--conditions=react-server', '--import', 'tsx', path.join('lib', 'cli', 'worker.ts')], env, logFile, 10_000);
  return { pid: worker.child.pid!, stop: worker.stop };
}

/** Postgres: until no version's text waits to be read. */
async function waitForTexts(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const deadline = Date.now() + 10 * 60_000;
    for (;;) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM material_versions WHERE text_status = 'pending'`);
      if (Number(rows[0]!.n) === 0) return;
      if (Date.now() > deadline) throw new Error(`${rows[0]!.n} texts still pending after 10 minutes`);
      await sleep(1000);
    }
  } finally {
    await client.end();
  }
}

// ---- The phases -----------------------------------------------------------------------------------------

interface PhaseReport {
  requests: number;
  /** Searches sent but still unanswered when the time was up (autocannon drops them; not errors). */
  cutOff: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  memory: MemoryWindow;
  workerMemory: MemoryWindow | null;
}

const sortedPercentile = (sorted: number[], p: number) => percentile(sorted, p);

/** BENCH_SEARCHES: a number of searches to send instead of a time, so that every one is answered (or fails). */
const searchAmount = Number(process.env.BENCH_SEARCHES || 0);

async function searchPhase(origin: string, cookie: string, connections: number, seconds: number): Promise<Omit<PhaseReport, 'memory' | 'workerMemory'>> {
  const requests = searchTexts.map((q) => ({ method: 'GET' as const, path: `/search?q=${encodeURIComponent(q)}` }));
  const times: number[] = [];
  let nextClient = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: origin,
        connections,
        ...(searchAmount > 0 ? { amount: searchAmount } : { duration: seconds }),
        timeout: 60,
        headers: { cookie },
        requests,
        // Each connection starts at a different query, so the server sees the whole mix at once.
        setupClient: (client) => {
          const start = nextClient++ % requests.length;
          client.setRequests([...requests.slice(start), ...requests.slice(0, start)]);
        },
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  const total = result.requests.total;
  return {
    requests: total,
    cutOff: Math.max(0, result.requests.sent - total - result.errors),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    seconds: result.duration,
    perSecond: total / result.duration,
    p50: sortedPercentile(times, 50),
    p95: sortedPercentile(times, 95),
    p99: sortedPercentile(times, 99),
    max: times[times.length - 1] ?? NaN,
  };
}

/** Different corpus files, one format after another, so PDFs and office files are among the first. */
function uploadFiles(count: number): CorpusFile[] {
  const byFormat = new Map<string, CorpusFile[]>();
  for (const file of corpusFiles()) byFormat.set(file.format, [...(byFormat.get(file.format) ?? []), file]);
  const chosen: CorpusFile[] = [];
  while (chosen.length < count && [...byFormat.values()].some((list) => list.length)) {
    for (const list of byFormat.values()) if (list.length && chosen.length < count) chosen.push(list.shift()!);
  }
  if (chosen.length < count) throw new Error(`the corpus has ${chosen.length} files, fewer than the ${count} uploads asked for`);
  return chosen;
}

interface Uploaded {
  file: CorpusFile;
  id: string | undefined;
  status: number;
  seconds: number;
  body: string;
}

async function uploadPhase(origin: string, cookie: string, files: CorpusFile[]): Promise<{ report: Omit<PhaseReport, 'memory' | 'workerMemory'>; uploads: Uploaded[] }> {
  const started = performance.now();
  const uploads = await Promise.all(
    files.map(async (file, i): Promise<Uploaded> => {
      const contentType = fileFormats.find((f) => f.code === file.format)?.contentType ?? 'application/octet-stream';
      const begun = performance.now();
      try {
        const response = await postUpload(origin, { path: file.path, fileName: file.file, contentType }, [['title', `Load test ${i + 1}: ${file.title}`.slice(0, 200)], ...uploadFields], cookie);
        return { file, id: response.status === 303 ? materialIdFrom(response.location) : undefined, status: response.status, seconds: (performance.now() - begun) / 1000, body: response.body };
      } catch (error) {
        return { file, id: undefined, status: 0, seconds: (performance.now() - begun) / 1000, body: (error as Error).message };
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const times = uploads.map((u) => u.seconds * 1000).sort((a, b) => a - b);
  const failed = uploads.filter((u) => !u.id);
  return {
    uploads,
    report: {
      requests: uploads.length,
      cutOff: 0,
      errors: failed.filter((u) => u.status === 0).length,
      timeouts: 0,
      non2xx: failed.filter((u) => u.status !== 0).length,
      seconds,
      perSecond: uploads.length / seconds,
      p50: sortedPercentile(times, 50),
      p95: sortedPercentile(times, 95),
      p99: sortedPercentile(times, 99),
      max: times[times.length - 1] ?? NaN,
    },
  };
}

interface DownloadCheck {
  file: string;
  ok: boolean;
  problem?: string;
}

/** Every uploaded material, downloaded through the app, must hash to its file's sha256. */
async function checkDownloads(origin: string, cookie: string, uploads: Uploaded[]): Promise<DownloadCheck[]> {
  const checks: DownloadCheck[] = [];
  for (const upload of uploads) {
    if (!upload.id) {
      checks.push({ file: upload.file.file, ok: false, problem: `upload answered ${upload.status}` });
      continue;
    }
    try {
      const expected = await sha256OfStream(fs.createReadStream(upload.file.path));
      const got = await downloadSha256(origin, upload.id, cookie);
      const ok = got.sha256 === expected.sha256 && got.bytes === expected.bytes;
      checks.push({ file: upload.file.file, ok, ...(ok ? {} : { problem: `sha256 ${got.sha256.slice(0, 12)}… (${got.bytes} bytes), expected ${expected.sha256.slice(0, 12)}… (${expected.bytes})` }) });
    } catch (error) {
      checks.push({ file: upload.file.file, ok: false, problem: (error as Error).message });
    }
  }
  return checks;
}

// ---- One leg --------------------------------------------------------------------------------------------

interface LegReport {
  leg: string;
  label: string;
  connections: number;
  uploadsAsked: number;
  baselineMb: number;
  workerBaselineMb: number | null;
  afterMb: number;
  search: PhaseReport;
  upload: PhaseReport;
  uploadFailures: { file: string; status: number; body: string }[];
  downloads: DownloadCheck[];
}

async function runLeg(name: string, work: string, ports: Set<number>): Promise<LegReport> {
  if (name !== 's3' && name !== 'local') throw new Error(`unknown leg ${name} (BENCH_LEGS: s3,local)`);
  const settings = legSettings[name];
  const dataDir = path.join(work, `data-${name}`);
  fs.mkdirSync(dataDir);
  const cleanups: (() => Promise<void>)[] = [];
  try {
    let database: DatabaseConfig;
    let env: Record<string, string>;
    let label: string;
    let databaseUrl: string | undefined;
    if (name === 's3') {
      const s3Directory = path.join(work, 's3rver');
      fs.mkdirSync(s3Directory);
      const s3 = await startS3Process(await freePort(ports, portFirst, portLast), s3Directory, path.join(work, 's3rver.log'));
      cleanups.push(() => s3.stop());
      databaseUrl = await resetDatabase(databaseName);
      database = { driver: 'pg', url: databaseUrl, poolSize: 5 };
      env = {
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        S3_BUCKET: s3.bucket,
        S3_ENDPOINT: s3.endpoint,
        S3_REGION: 'us-east-1',
        S3_ACCESS_KEY_ID: s3.accessKeyId,
        S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
        RUN_WORKER_IN_WEB: 'false',
      };
      label = `Postgres ${databaseName}, S3 on s3rver (pid ${s3.pid}), a worker process`;
    } else {
      database = { driver: 'pglite', dataDir: path.join(dataDir, 'pglite') };
      env = { DATA_DIR: dataDir };
      label = 'the embedded defaults: PGlite and local disk under DATA_DIR, the worker in the web process';
    }
    env.SEED_STARTER_KIT = 'false';

    const cookie = await prepareDatabase(database);
    log(`[${name}] importing the corpus (${corpusDir()})…`);
    const imported = spawnSync('npm', ['run', '--silent', 'import', '--', corpusDir()], { cwd: projectRoot, env: childEnvironment(env), encoding: 'utf8' });
    if (imported.status !== 0 && imported.status !== 1) throw new Error(`the import failed:\n${imported.stdout}\n${imported.stderr}`);
    log(`[${name}] ${imported.stdout.trim().split('\n').slice(-1)[0] ?? 'imported'}`);

    const port = await freePort(ports, portFirst, portLast);
    const origin = `http://127.0.0.1:${port}`;
    const signIn = productionSignInSettings(origin);
    const logFile = path.join(work, `next-start-${name}.log`);
    const server = await startNextServer(port, { ...signIn, ...env }, logFile);
    cleanups.push(() => server.stop());
    let worker: ReturnType<typeof startWorker> | undefined;
    if (name === 's3') {
      worker = startWorker({ ...signIn, ...env }, path.join(work, 'worker.log'));
      cleanups.push(() => worker!.stop());
    }
    log(`[${name}] web server on ${origin} (pid ${server.child.pid})${worker ? `, worker pid ${worker.pid}` : ''}; ${label}`);
    log(`[${name}] waiting for the worker to read the imported files' text…`);
    if (databaseUrl) await waitForTexts(databaseUrl);
    else await waitForQuietLog(logFile);

    // Warm-up: every query once (route code loaded on first use, caches filled), not counted.
    for (const q of searchTexts) {
      const response = await fetch(`${origin}/search?q=${encodeURIComponent(q)}`, { headers: { cookie } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`warm-up search "${q}" answered ${response.status}; server log:\n${tail(logFile)}`);
    }

    const sampler = new MemorySampler(server.child.pid!);
    cleanups.push(() => sampler.stop());
    const workerSampler = worker ? new MemorySampler(worker.pid) : null;
    if (workerSampler) cleanups.push(() => workerSampler.stop());
    const baseline = await measureBaseline(sampler);
    const workerBaseline = workerSampler ? await measureBaseline(workerSampler) : null;

    log(`[${name}] searching: ${settings.connections} connections ${searchAmount > 0 ? `until ${searchAmount} searches are answered` : `for ${settings.seconds} s`}…`);
    sampler.mark();
    workerSampler?.mark();
    const search = await searchPhase(origin, cookie, settings.connections, settings.seconds);
    const searchMemory = { memory: await sampler.report(), workerMemory: workerSampler ? await workerSampler.report() : null };
    log(`[${name}] ${search.requests} searches, ${search.errors} errors, ${search.non2xx} not 2xx; p95 ${search.p95.toFixed(0)} ms`);

    log(`[${name}] uploading ${settings.uploads} corpus files at once…`);
    sampler.mark();
    workerSampler?.mark();
    const { report: upload, uploads } = await uploadPhase(origin, cookie, uploadFiles(settings.uploads));
    // The checks and text extraction the uploads started run on after the answers: give them a moment.
    await sleep(5000);
    const uploadMemory = { memory: await sampler.report(), workerMemory: workerSampler ? await workerSampler.report() : null };
    log(`[${name}] ${uploads.filter((u) => u.id).length} of ${uploads.length} uploads answered 303; p95 ${(upload.p95 / 1000).toFixed(2)} s`);

    const downloads = await checkDownloads(origin, cookie, uploads);
    const after = await measureBaseline(sampler);
    log(`[${name}] ${downloads.filter((d) => d.ok).length} of ${downloads.length} downloads match their file's sha256`);
    return {
      leg: name,
      label,
      connections: settings.connections,
      uploadsAsked: settings.uploads,
      baselineMb: baseline.mb,
      workerBaselineMb: workerBaseline?.mb ?? null,
      afterMb: after.mb,
      search: { ...search, ...searchMemory },
      upload: { ...upload, ...uploadMemory },
      uploadFailures: uploads.filter((u) => !u.id).map((u) => ({ file: u.file.file, status: u.status, body: u.body })),
      downloads,
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => log(`cleanup: ${(error as Error).message}`));
  }
}

// ---- Printing -------------------------------------------------------------------------------------------

const mb = (kb: number) => (kb / 1024).toFixed(0);

function print(reports: LegReport[], build: { id: string }) {
  console.log('');
  console.log(`Load test — ${machineLine()}`);
  console.log(`  web server, npm start (production build ${build.id}), signed in as a council member, all on 127.0.0.1; ${searchTexts.length} search texts; corpus ${corpusDir()}`);
  for (const r of reports) {
    console.log('');
    console.log(`  [${r.leg}] ${r.label}`);
    console.log(`  phase      concurrent   requests   errors  timeouts  non-2xx    per s      p50      p95      p99      max (ms)   server RSS peak (baseline ${r.baselineMb.toFixed(0)} MB)${r.workerBaselineMb !== null ? `   worker RSS peak (baseline ${r.workerBaselineMb.toFixed(0)} MB)` : ''}`);
    const row = (phase: string, concurrent: number, p: PhaseReport) =>
      console.log(
        `  ${phase.padEnd(10)} ${String(concurrent).padStart(10)} ${String(p.requests).padStart(10)} ${String(p.errors).padStart(8)} ${String(p.timeouts).padStart(9)} ${String(p.non2xx).padStart(8)} ${p.perSecond.toFixed(1).padStart(8)} ${p.p50.toFixed(0).padStart(8)} ${p.p95.toFixed(0).padStart(8)} ${p.p99.toFixed(0).padStart(8)} ${p.max.toFixed(0).padStart(8)}   ${mb(p.memory.maxKb).padStart(6)} MB (+${(p.memory.maxKb / 1024 - r.baselineMb).toFixed(0)})${p.workerMemory ? `   ${mb(p.workerMemory.maxKb).padStart(6)} MB` : ''}`,
      );
    row('search', r.connections, r.search);
    row('upload', r.uploadsAsked, r.upload);
    console.log(`  search for ${r.search.seconds} s${r.search.cutOff ? `, ${r.search.cutOff} searches still in flight when the time was up (not counted)` : ''}; uploads all sent at once, ${r.upload.seconds.toFixed(1)} s until the last answer; server RSS after the load ${r.afterMb.toFixed(0)} MB`);
    const bad = r.downloads.filter((d) => !d.ok);
    console.log(`  downloads  ${r.downloads.length - bad.length} of ${r.downloads.length} match their file's sha256${bad.length ? `: ${bad.map((d) => `${d.file} (${d.problem})`).join('; ')}` : ''}`);
    for (const f of r.uploadFailures) console.log(`  upload of ${f.file} answered ${f.status}: ${f.body.slice(0, 200)}`);
    const errors = r.search.errors + r.search.non2xx + r.upload.errors + r.upload.non2xx + bad.length;
    console.log(`  verdict    ${errors === 0 ? '0 errors' : `${errors} ERRORS`}`);
  }
  console.log('');
  console.log(`  rerun: npx next build && ${rerunCommand}`);
}

async function main() {
  await waitForNoBuild();
  const build = currentBuild();
  if (!build) {
    console.error('[bench] No production build (.next/BUILD_ID is missing): run `npx next build` first, then:');
    console.error(`[bench]   ${rerunCommand}`);
    process.exit(1);
  }
  log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; Postgres at ${new URL(testSettings.postgresUrl).host}`);
  const work = await mkdtemp(path.join(os.tmpdir(), 'dc-bench-load-'));
  const ports = new Set<number>();
  let finished = false;
  try {
    const reports: LegReport[] = [];
    for (const name of legNames) reports.push(await runLeg(name, work, ports));
    print(reports, build);
    if (currentBuild()?.id !== build.id) console.log(`  WARNING: .next was rebuilt during the run (${build.id} → ${currentBuild()?.id}): rerun`);
    const file = await saveResults('load', {
      command: rerunCommand,
      build,
      legs: reports.map((r) => ({ ...r, search: { ...r.search }, upload: { ...r.upload } })),
      memoryUnit: `kB (MB = ${MiB} bytes)`,
    });
    console.log(`  results: ${file}`);
    const failed = reports.some((r) => r.search.errors + r.search.non2xx + r.upload.errors + r.upload.non2xx > 0 || r.downloads.some((d) => !d.ok));
    if (failed) process.exitCode = 1;
    finished = true;
  } finally {
    // A run that broke off keeps its folder: the web server's and worker's logs say why.
    if (finished) await rm(work, { recursive: true, force: true });
    else console.error(`[bench] the servers' logs are kept in ${work}`);
  }
}

main().catch((error: unknown) => {
  console.error('[bench] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  console.error(`[bench] rerun with: npx next build && ${rerunCommand}`);
  process.exit(1);
});
