/**
 * Upload memory benchmark: peak server memory and throughput for a large upload (200 MB CSV) through the
 * app (the streaming route POST /materials/upload of a production build, S3 storage on s3rver, Postgres),
 * compared with a direct multipart PUT of the same file to the same s3rver. Each round uploads the file
 * through the app, checks the stored copy (download sha256, recorded sha256 and size), then PUTs it
 * directly; the server's RSS (VmRSS of next-server and any children) is sampled every 50 ms.
 *
 *   npx tsx --conditions=react-server bench/upload-memory.ts
 *
 * Needs a production build (`npx next build`) and the test Postgres server (TEST_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test); the database `dc_bench` on it is dropped and re-created.
 * Settings (environment): BENCH_UPLOAD_MB (default 200), BENCH_ROUNDS (uploads of the file, each followed by
 * a direct PUT; default 3), BENCH_PORT_FIRST / BENCH_PORT_LAST (the port range for its servers, default
 * 3400–3499), BENCH_TARGET_GROWTH_MB (default 64); for experiments only: BENCH_SERVER_NODE_OPTIONS
 * (NODE_OPTIONS for the server), BENCH_DIRECT_PART_MB / BENCH_DIRECT_QUEUE (the direct PUT's part size
 * and queue, default the app's 8 MB and 2).
 * All traffic stays on 127.0.0.1. Never part of `npm test`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Worker } from 'node:worker_threads';
import { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Client } from 'pg';
import { testSettings } from '@/lib/testing/settings';

const MiB = 1024 * 1024;
const uploadMb = Number(process.env.BENCH_UPLOAD_MB || 200);
const targetGrowthMb = Number(process.env.BENCH_TARGET_GROWTH_MB || 64);
const portFirst = Number(process.env.BENCH_PORT_FIRST || 3400);
const portLast = Number(process.env.BENCH_PORT_LAST || 3499);
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS || 3));
/** Passed to the server only, for experiments (e.g. `--max-semi-space-size=4`); not set by default. */
const serverNodeOptions = process.env.BENCH_SERVER_NODE_OPTIONS || undefined;
const databaseName = 'dc_bench';
const sampleEveryMs = 50;
/**
 * The app's own S3 settings (lib/storage/s3-store.ts), used for the direct PUT too so the two compare.
 * BENCH_DIRECT_PART_MB / BENCH_DIRECT_QUEUE change them for the direct PUT only (experiments).
 */
const partSize = Number(process.env.BENCH_DIRECT_PART_MB || 8) * MiB;
const queueSize = Number(process.env.BENCH_DIRECT_QUEUE || 2);

const rerunCommand = 'npx tsx --conditions=react-server bench/upload-memory.ts';
const projectRoot = path.resolve(__dirname, '..');

// ---- Small helpers ---------------------------------------------------------------------------------

function log(message: string) {
  console.log(`[bench] ${message}`);
}

const mb = (bytes: number) => bytes / MiB;
const fixed = (value: number, digits = 1) => value.toFixed(digits);

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** A free port in the range, skipping ones already handed out by this run. */
async function freePort(taken: Set<number>): Promise<number> {
  for (let port = portFirst; port <= portLast; port++) {
    if (taken.has(port)) continue;
    if (await portIsFree(port)) {
      taken.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${portFirst}–${portLast}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- The test file ---------------------------------------------------------------------------------

/**
 * Writes a CSV file of exactly `bytes` bytes (plain text, so it passes the content check), hashing it
 * on the way. Written block by block with back-pressure: never held in memory.
 */
async function writeCsvFile(file: string, bytes: number): Promise<string> {
  const hash = createHash('sha256');
  const councils = ['bristol', 'leeds', 'camden', 'york', 'newham', 'hackney', 'southwark', 'cornwall'];
  const services = ['bin collection', 'housing repairs', 'council tax', 'parking permits', 'school admissions'];
  let row = 0;
  function block(): string {
    const lines: string[] = [];
    for (let i = 0; i < 4096; i++, row++) {
      lines.push(
        `${row},${councils[row % councils.length]},"${services[row % services.length]}",2024-${String((row % 12) + 1).padStart(2, '0')}-${String((row % 28) + 1).padStart(2, '0')},${(row * 7919) % 100000},"participant ${row % 97} said the form was ${row % 3 === 0 ? 'hard' : 'fine'} to find"\n`,
      );
    }
    return lines.join('');
  }
  const out = fs.createWriteStream(file);
  const header = 'id,council,service,date,reference,notes\n';
  async function* chunks() {
    let written = 0;
    const first = Buffer.from(header);
    written += first.length;
    yield first;
    while (written < bytes) {
      let chunk = Buffer.from(block());
      const left = bytes - written;
      if (chunk.length > left) {
        // The last line: padding to the exact size, still ending with a line feed.
        chunk = Buffer.from(`${'#'.repeat(Math.max(0, left - 1))}\n`.slice(-left));
      }
      written += chunk.length;
      yield chunk;
    }
  }
  await pipeline(
    Readable.from(chunks()),
    async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        hash.update(chunk);
        yield chunk;
      }
    },
    out,
  );
  return hash.digest('hex');
}

async function sha256OfStream(stream: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

// ---- Memory sampling (in a worker thread, so a busy benchmark loop cannot delay the samples) -------

/**
 * The worker reads /proc: every 500 ms it refreshes the process tree under the root pid (or just the
 * root, for the benchmark process itself); every 50 ms
 * it sums VmRSS over that tree. Messages: 'mark' starts a new window; 'report' answers with the
 * window's samples summary.
 */
const samplerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const root = workerData.rootPid;
const everyMs = workerData.everyMs;
const withChildren = workerData.withChildren;

function childrenMap() {
  const map = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync('/proc/' + name + '/stat', 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!map.has(ppid)) map.set(ppid, []);
      map.get(ppid).push(Number(name));
    } catch {}
  }
  return map;
}
function tree() {
  if (!withChildren) return [root];
  const map = childrenMap();
  const out = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift();
    out.push(pid);
    for (const child of map.get(pid) || []) queue.push(child);
  }
  return out;
}
function rssKb(pid) {
  try {
    const status = fs.readFileSync('/proc/' + pid + '/status', 'utf8');
    const match = /VmRSS:\\s+(\\d+) kB/.exec(status);
    return match ? Number(match[1]) : 0;
  } catch { return 0; }
}
function name(pid) {
  try { return fs.readFileSync('/proc/' + pid + '/cmdline', 'utf8').split('\\0').filter(Boolean).join(' ').slice(0, 80); } catch { return '?'; }
}

let pids = tree();
let lastTree = Date.now();
let window = { samples: 0, sumKb: 0, maxKb: 0, minKb: Infinity, maxGapMs: 0, perPidMaxKb: {} };
let lastSample = Date.now();
function sample() {
  const now = Date.now();
  if (now - lastTree >= 500) { pids = tree(); lastTree = now; }
  let total = 0;
  for (const pid of pids) {
    const kb = rssKb(pid);
    total += kb;
    if (!(window.perPidMaxKb[pid] >= kb)) window.perPidMaxKb[pid] = kb;
  }
  window.samples++;
  window.sumKb += total;
  window.maxKb = Math.max(window.maxKb, total);
  window.minKb = Math.min(window.minKb, total);
  window.maxGapMs = Math.max(window.maxGapMs, now - lastSample);
  lastSample = now;
}
const timer = setInterval(sample, everyMs);
sample();
parentPort.on('message', (message) => {
  if (message === 'mark') {
    window = { samples: 0, sumKb: 0, maxKb: 0, minKb: Infinity, maxGapMs: 0, perPidMaxKb: {} };
    lastSample = Date.now();
    sample();
  } else if (message === 'report') {
    sample();
    const perPid = Object.entries(window.perPidMaxKb).map(([pid, kb]) => ({ pid: Number(pid), maxKb: kb, command: name(pid) }));
    parentPort.postMessage({ ...window, perPid, pids });
  } else if (message === 'stop') {
    clearInterval(timer);
    parentPort.close();
  }
});
`;

interface MemoryWindow {
  samples: number;
  sumKb: number;
  maxKb: number;
  minKb: number;
  maxGapMs: number;
  perPid: { pid: number; maxKb: number; command: string }[];
  pids: number[];
}

class MemorySampler {
  private readonly worker: Worker;
  /** `withChildren`: the process and all its descendants; otherwise the one process. */
  constructor(rootPid: number, withChildren = true) {
    this.worker = new Worker(samplerSource, { eval: true, workerData: { rootPid, everyMs: sampleEveryMs, withChildren } });
  }
  mark() {
    this.worker.postMessage('mark');
  }
  report(): Promise<MemoryWindow> {
    return new Promise((resolve) => {
      this.worker.once('message', (message: MemoryWindow) => resolve(message));
      this.worker.postMessage('report');
    });
  }
  async stop() {
    this.worker.postMessage('stop');
    await this.worker.terminate();
  }
}

/** Mean RSS of the server tree over 2 s of quiet. */
async function measureBaseline(sampler: MemorySampler): Promise<{ mb: number; samples: number; pids: number[] }> {
  sampler.mark();
  await sleep(2000);
  const window = await sampler.report();
  return { mb: window.sumKb / window.samples / 1024, samples: window.samples, pids: window.pids };
}

interface RoundResult {
  round: number;
  materialId: string;
  baselineRssMb: number;
  peakRssMb: number;
  growthMb: number;
  growthSinceFirstBaselineMb: number;
  samples: number;
  largestSampleGapMs: number;
  appSeconds: number;
  appMbPerSecond: number;
  directSeconds: number;
  directMbPerSecond: number;
  /** RSS growth of the benchmark process during the direct PUT. */
  directClientGrowthMb: number;
  downloadSeconds: number;
  downloadRedirected: boolean;
  downloadSha256Matches: boolean;
  recordedVersionMatches: boolean;
}

// ---- s3rver, in a process of its own ---------------------------------------------------------------

interface S3Process {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * lib/testing/s3-server-cli.ts (startS3Server) in a child process, so that s3rver's work neither shares
 * the benchmark's event loop (which sends the upload) nor counts in the benchmark's own memory.
 */
async function startS3Process(port: number, directory: string, logFile: string): Promise<S3Process> {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'lib', 'testing', 's3-server-cli.ts'), directory], {
    cwd: projectRoot,
    env: childEnvironment({ S3_TEST_PORT: String(port) }),
    stdio: ['ignore', 'pipe', out],
  });
  fs.closeSync(out);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timedOut = await Promise.race([exit.then(() => false), sleep(5000).then(() => true)]);
    if (timedOut) {
      child.kill('SIGKILL');
      await exit;
    }
  };
  const banner = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`s3rver did not start within 30 s:\n${text}\n${tail(logFile)}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(text);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`s3rver exited (${code}):\n${text}\n${tail(logFile)}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  child.stdout!.resume();
  const match = /listening on (http:\/\/127\.0\.0\.1:\d+) \(bucket ([^,]+),/.exec(banner);
  if (!match) {
    await stop();
    throw new Error(`unexpected s3rver banner: ${banner}`);
  }
  return { endpoint: match[1]!, bucket: match[2]!, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', pid: child.pid!, stop };
}

// ---- The server --------------------------------------------------------------------------------------

interface RunningServer {
  child: ChildProcess;
  origin: string;
  logFile: string;
  stop(): Promise<void>;
}

async function startNextServer(port: number, env: Record<string, string>, logFile: string): Promise<RunningServer> {
  // The same program `npx next start` runs, started without npx's npm wrapper so that the wrapper's own
  // memory is not counted as the server's. Its own process group, so the whole tree can be stopped.
  const nextBin = path.join(projectRoot, 'node_modules', 'next', 'dist', 'bin', 'next');
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: projectRoot,
    env: childEnvironment(env),
    stdio: ['ignore', out, out],
    detached: true,
  });
  fs.closeSync(out);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const origin = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timedOut = await Promise.race([exit.then(() => false), sleep(5000).then(() => true)]);
    if (timedOut) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      await exit;
    }
  };

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited) throw new Error(`next start exited early; its log:\n${tail(logFile)}`);
    try {
      const response = await fetch(`${origin}/`, { redirect: 'manual' });
      await response.arrayBuffer();
      if (response.status < 500) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer within 90 s; its log:\n${tail(logFile)}`);
    }
    await sleep(250);
  }
  return { child, origin, logFile, stop };
}

/** The parent's environment without any hub setting, so only what the benchmark sets reaches the server. */
function childEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(DATABASE_|S3_|DATA_DIR$|MAX_UPLOAD_BYTES$|SEED_STARTER_KIT$|PORT$|MEILI_|NODE_OPTIONS$)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra } as unknown as NodeJS.ProcessEnv;
}

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// ---- The upload ----------------------------------------------------------------------------------------

const fields: [string, string][] = [
  ['title', 'Benchmark: large survey export'],
  ['summary', 'A large CSV export used to measure the memory the upload route needs.'],
  ['phases', 'discovery'],
  ['phases', 'alpha'],
  ['artefactType', 'research-plan'],
  ['kind', 'example'],
  ['topics', 'housing'],
  ['tags', 'benchmark, csv'],
  ['council', 'bristol'],
  ['licence', 'OGL-UK-3.0'],
];

/**
 * POSTs the multipart form (text fields, then the file part last), streaming the file from disk with a
 * known Content-Length. Answers the status and Location of the response.
 */
async function postUpload(origin: string, file: string, fileName: string): Promise<{ status: number; location: string | null; body: string }> {
  const boundary = `----dc-bench-${Math.random().toString(16).slice(2)}`;
  const preamble = Buffer.from(
    fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`,
  );
  const epilogue = Buffer.from(`\r\n--${boundary}--\r\n`);
  const fileBytes = fs.statSync(file).size;
  const url = new URL('/materials/upload', origin);

  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(preamble.length + fileBytes + epilogue.length),
          origin,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            location: response.headers.location ?? null,
            body: Buffer.concat(chunks).toString('utf8').slice(0, 500),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    async function* body() {
      yield preamble;
      yield* fs.createReadStream(file, { highWaterMark: 256 * 1024 });
      yield epilogue;
    }
    pipeline(Readable.from(body()), request).catch(reject);
  });
}

function materialIdFrom(location: string | null): string | undefined {
  if (!location) return undefined;
  return /^\/materials\/([0-9a-f-]{36})$/i.exec(new URL(location, 'http://127.0.0.1').pathname)?.[1];
}

/** GET /materials/<id>/download, following the redirect to the presigned URL, hashing as it streams. */
async function downloadSha256(origin: string, id: string): Promise<{ sha256: string; bytes: number; seconds: number; redirected: boolean }> {
  const started = performance.now();
  let response = await fetch(`${origin}/materials/${id}/download`, { redirect: 'manual' });
  let redirected = false;
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get('location');
    await response.arrayBuffer();
    if (!location) throw new Error(`download answered ${response.status} without a Location`);
    const target = new URL(location, origin);
    if (target.hostname !== '127.0.0.1') throw new Error(`download redirected off the loopback: ${target.host}`);
    redirected = true;
    response = await fetch(target);
  }
  if (!response.ok || !response.body) throw new Error(`download answered ${response.status}`);
  const result = await sha256OfStream(Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>));
  return { ...result, seconds: (performance.now() - started) / 1000, redirected };
}

// ---- Main -----------------------------------------------------------------------------------------------

async function resetDatabase(): Promise<string> {
  const admin = new Client({ connectionString: testSettings.postgresUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${databaseName}`);
  } finally {
    await admin.end();
  }
  const url = new URL(testSettings.postgresUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

async function recordedVersion(databaseUrl: string, id: string): Promise<{ sha256: string; sizeBytes: number } | undefined> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ sha256: string; size_bytes: string }>(
      'SELECT sha256, size_bytes::text AS size_bytes FROM material_versions WHERE material_id = $1 ORDER BY version_number DESC LIMIT 1',
      [id],
    );
    const row = result.rows[0];
    return row ? { sha256: row.sha256, sizeBytes: Number(row.size_bytes) } : undefined;
  } finally {
    await client.end();
  }
}

/** Pids of any `next build` running on this machine (another engineer's, say): it rewrites .next under us. */
function runningNextBuilds(): number[] {
  const pids: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const command = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      const at = command.findIndex((part) => /(^|\/)next$/.test(part));
      if (at >= 0 && command[at + 1] === 'build') pids.push(Number(name));
    } catch {
      /* gone */
    }
  }
  return pids;
}

async function waitForNoBuild(): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  let said = false;
  for (let pids = runningNextBuilds(); pids.length; pids = runningNextBuilds()) {
    if (Date.now() > deadline) throw new Error(`a \`next build\` (pid ${pids.join(', ')}) is still running after 10 minutes`);
    if (!said) log(`waiting for a running \`next build\` (pid ${pids.join(', ')}) to finish…`);
    said = true;
    await sleep(2000);
  }
}

async function main() {
  await waitForNoBuild();
  if (!fs.existsSync(path.join(projectRoot, '.next', 'BUILD_ID'))) {
    console.error('[bench] No production build (.next/BUILD_ID is missing): run `npx next build` first, then:');
    console.error(`  ${rerunCommand}`);
    process.exit(1);
  }
  const buildId = fs.readFileSync(path.join(projectRoot, '.next', 'BUILD_ID'), 'utf8').trim();
  const buildTime = fs.statSync(path.join(projectRoot, '.next', 'BUILD_ID')).mtime.toISOString();

  const cleanups: (() => Promise<void>)[] = [];
  const cleanUp = async () => {
    while (cleanups.length) {
      const step = cleanups.pop()!;
      await step().catch((error: unknown) => console.error('[bench] clean-up step failed:', (error as Error).message));
    }
  };
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`[bench] ${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const work = await mkdtemp(path.join(os.tmpdir(), 'dc-bench-upload-'));
    cleanups.push(() => rm(work, { recursive: true, force: true }));
    const ports = new Set<number>();

    // s3rver in a child process of its own, on a temp directory.
    const s3Port = await freePort(ports);
    const s3Directory = path.join(work, 's3rver');
    await mkdir(s3Directory);
    const s3 = await startS3Process(s3Port, s3Directory, path.join(work, 's3rver.log'));
    cleanups.push(() => s3.stop());
    log(`s3rver on ${s3.endpoint} (pid ${s3.pid}, bucket ${s3.bucket}, directory ${s3Directory})`);

    const databaseUrl = await resetDatabase();
    log(`database reset: ${databaseUrl}`);

    const fileBytes = Math.round(uploadMb * MiB);
    const file = path.join(work, 'survey-export.csv');
    let started = performance.now();
    const fileSha256 = await writeCsvFile(file, fileBytes);
    log(`wrote ${fixed(mb(fileBytes))} MB of CSV in ${fixed((performance.now() - started) / 1000)} s (sha256 ${fileSha256.slice(0, 16)}…)`);

    const appPort = await freePort(ports);
    const logFile = path.join(work, 'next-start.log');
    started = performance.now();
    const server = await startNextServer(
      appPort,
      {
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        DATABASE_POOL_SIZE: '5',
        DATA_DIR: path.join(work, 'data'),
        S3_BUCKET: s3.bucket,
        S3_ENDPOINT: s3.endpoint,
        S3_REGION: 'us-east-1',
        S3_ACCESS_KEY_ID: s3.accessKeyId,
        S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
        S3_FORCE_PATH_STYLE: 'true',
        MAX_UPLOAD_BYTES: String(300 * MiB),
        SEED_STARTER_KIT: 'false',
        NEXT_TELEMETRY_DISABLED: '1',
        ...(serverNodeOptions ? { NODE_OPTIONS: serverNodeOptions } : {}),
      },
      logFile,
    );
    cleanups.push(() => server.stop());
    log(`next start (build ${buildId}, built ${buildTime}) answering on ${server.origin} after ${fixed((performance.now() - started) / 1000)} s, pid ${server.child.pid}`);

    const sampler = new MemorySampler(server.child.pid!);
    cleanups.push(() => sampler.stop());
    // This process alone (s3rver has its own): what lib-storage costs a client, for comparison.
    const selfSampler = new MemorySampler(process.pid, false);
    cleanups.push(() => selfSampler.stop());

    // Warm up: a small upload through the same route, so route code loaded on first use is not counted
    // as upload growth, then let the server settle.
    const warmFile = path.join(work, 'warm-up.csv');
    await writeCsvFile(warmFile, 1 * MiB);
    const warm = await postUpload(server.origin, warmFile, 'warm-up.csv');
    if (warm.status !== 303 || !materialIdFrom(warm.location)) {
      throw new Error(`warm-up upload answered ${warm.status} ${warm.location ?? ''} ${warm.body}\n${tail(logFile)}`);
    }
    await downloadSha256(server.origin, materialIdFrom(warm.location)!);
    await sleep(3000);

    const firstBaseline = await measureBaseline(sampler);
    log(`baseline RSS of the server tree: ${fixed(firstBaseline.mb)} MB (mean of ${firstBaseline.samples} samples over 2 s; processes ${firstBaseline.pids.join(', ')})`);

    const client = new S3Client({
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    cleanups.push(async () => client.destroy());

    const fileMb = mb(fileBytes);
    const results: RoundResult[] = [];
    const perPidPeakKb = new Map<number, { maxKb: number; command: string }>();
    for (let round = 1; round <= rounds; round++) {
      const baseline = round === 1 ? firstBaseline : await measureBaseline(sampler);

      // The upload through the app.
      sampler.mark();
      started = performance.now();
      const response = await postUpload(server.origin, file, 'survey-export.csv');
      const appSeconds = (performance.now() - started) / 1000;
      const during = await sampler.report();
      const id = materialIdFrom(response.location);
      if (response.status !== 303 || !id) {
        throw new Error(
          `the upload was not accepted: ${response.status} ${response.location ?? ''} ${response.body}\n--- server log ---\n${tail(logFile)}`,
        );
      }
      for (const p of during.perPid) {
        if ((perPidPeakKb.get(p.pid)?.maxKb ?? -1) < p.maxKb) perPidPeakKb.set(p.pid, { maxKb: p.maxKb, command: p.command });
      }

      // Correctness: the stored file is the file sent.
      const recorded = await recordedVersion(databaseUrl, id);
      const download = await downloadSha256(server.origin, id);
      const downloadOk = download.sha256 === fileSha256 && download.bytes === fileBytes;
      const recordOk = recorded?.sha256 === fileSha256 && recorded.sizeBytes === fileBytes;

      // The same file straight to s3rver from this process, with the app's part size and queue.
      const clientBaseline = await measureBaseline(selfSampler);
      selfSampler.mark();
      started = performance.now();
      await new Upload({
        client,
        params: { Bucket: s3.bucket, Key: `bench/direct-put-${round}.csv`, Body: fs.createReadStream(file), ContentType: 'text/csv' },
        partSize,
        queueSize,
      }).done();
      const directSeconds = (performance.now() - started) / 1000;
      const clientWindow = await selfSampler.report();

      const result: RoundResult = {
        round,
        materialId: id,
        baselineRssMb: baseline.mb,
        peakRssMb: during.maxKb / 1024,
        growthMb: during.maxKb / 1024 - baseline.mb,
        growthSinceFirstBaselineMb: during.maxKb / 1024 - firstBaseline.mb,
        samples: during.samples,
        largestSampleGapMs: during.maxGapMs,
        appSeconds,
        appMbPerSecond: fileMb / appSeconds,
        directSeconds,
        directMbPerSecond: fileMb / directSeconds,
        directClientGrowthMb: clientWindow.maxKb / 1024 - clientBaseline.mb,
        downloadSeconds: download.seconds,
        downloadRedirected: download.redirected,
        downloadSha256Matches: downloadOk,
        recordedVersionMatches: recordOk,
      };
      results.push(result);
      log(
        `round ${round}/${rounds}: baseline ${fixed(result.baselineRssMb)} MB, peak ${fixed(result.peakRssMb)} MB, growth ${fixed(result.growthMb)} MB; ` +
          `app ${fixed(appSeconds, 2)} s (${fixed(result.appMbPerSecond)} MB/s), direct ${fixed(directSeconds, 2)} s (${fixed(result.directMbPerSecond)} MB/s, client growth ${fixed(result.directClientGrowthMb)} MB); ` +
          `download ${download.redirected ? 'via presigned URL ' : ''}sha256 ${downloadOk ? 'OK' : 'MISMATCH'}, recorded ${recordOk ? 'OK' : 'MISMATCH'}`,
      );
    }
    const after = await measureBaseline(sampler);

    const worstGrowth = Math.max(...results.map((r) => r.growthMb));
    const worstSinceFirst = Math.max(...results.map((r) => r.growthSinceFirstBaselineMb));
    const headlineGrowth = Math.max(worstGrowth, worstSinceFirst);
    const verdict = headlineGrowth <= targetGrowthMb ? 'PASS' : 'OVER';
    const appSecondsMedian = median(results.map((r) => r.appSeconds));
    const directSecondsMedian = median(results.map((r) => r.directSeconds));
    const allOk = results.every((r) => r.downloadSha256Matches && r.recordedVersionMatches);
    const biggest = [...perPidPeakKb].map(([pid, p]) => ({ pid, ...p })).sort((a, b) => b.maxKb - a.maxKb);
    const date = new Date().toISOString();

    console.log('');
    console.log(`Upload memory benchmark — ${date} — ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`  file                       ${fixed(fileMb)} MB CSV (1 MB = 2^20 bytes), MAX_UPLOAD_BYTES 300 MB, ${rounds} round(s)`);
    console.log(`  server                     next start (production build ${buildId}), Postgres ${databaseName}, S3 on s3rver, all on 127.0.0.1`);
    console.log(`  server RSS baseline        ${fixed(firstBaseline.mb)} MB before the first upload (process tree: ${firstBaseline.pids.length} process(es)); ${fixed(after.mb)} MB after the last`);
    console.log(`  server RSS peak            ${results.map((r) => fixed(r.peakRssMb)).join(' / ')} MB   (sampled every ${sampleEveryMs} ms, largest gap ${Math.max(...results.map((r) => r.largestSampleGapMs))} ms)`);
    console.log(`  growth per round           ${results.map((r) => fixed(r.growthMb)).join(' / ')} MB   (peak − that round's baseline)`);
    console.log(`  growth, worst              ${fixed(headlineGrowth)} MB   (incl. peak − first baseline)   target ≤ ${targetGrowthMb} MB: ${verdict}`);
    for (const p of biggest) console.log(`    pid ${p.pid} peak ${fixed(p.maxKb / 1024)} MB  ${p.command}`);
    console.log(`  app upload                 ${results.map((r) => fixed(r.appSeconds, 2)).join(' / ')} s   median ${fixed(appSecondsMedian, 2)} s = ${fixed(fileMb / appSecondsMedian)} MB/s   (POST → 303: parse, check, hash, S3, database row)`);
    console.log(`  direct PUT to s3rver       ${results.map((r) => fixed(r.directSeconds, 2)).join(' / ')} s   median ${fixed(directSecondsMedian, 2)} s = ${fixed(fileMb / directSecondsMedian)} MB/s   (lib-storage Upload, ${mb(partSize)} MB parts, queue ${queueSize})`);
    console.log(`  direct PUT client growth   ${results.map((r) => fixed(r.directClientGrowthMb)).join(' / ')} MB   (RSS of this benchmark process: lib-storage alone, same settings, for comparison)`);
    console.log(`  app / direct time          ${fixed(appSecondsMedian / directSecondsMedian, 2)}× (medians)`);
    console.log(`  correctness                ${allOk ? 'OK' : 'MISMATCH'}: downloaded sha256 and recorded sha256/size against the file's, every round`);
    console.log(`  rerun                      ${rerunCommand}`);

    const summary = {
      benchmark: 'upload-memory',
      date,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryMb: Math.round(os.totalmem() / MiB),
        node: process.version,
        loadAverage: os.loadavg(),
      },
      build: { id: buildId, builtAt: buildTime },
      fileMb,
      rounds,
      baselineRssMb: firstBaseline.mb,
      afterRssMb: after.mb,
      worstGrowthMb: headlineGrowth,
      targetGrowthMb,
      verdict,
      perProcessPeak: biggest.map((p) => ({ pid: p.pid, peakMb: p.maxKb / 1024, command: p.command })),
      appSecondsMedian,
      appMbPerSecondMedian: fileMb / appSecondsMedian,
      directSecondsMedian,
      directMbPerSecondMedian: fileMb / directSecondsMedian,
      appOverDirect: appSecondsMedian / directSecondsMedian,
      correct: allOk,
      serverNodeOptions: serverNodeOptions ?? null,
      results,
      command: rerunCommand,
    };
    const resultsDir = path.join(projectRoot, 'bench', 'results');
    await mkdir(resultsDir, { recursive: true });
    const resultsFile = path.join(resultsDir, `upload-memory-${date.replace(/[:.]/g, '-')}.json`);
    await writeFile(resultsFile, `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`  results                    ${path.relative(projectRoot, resultsFile)}`);
    const buildIdNow = fs.existsSync(path.join(projectRoot, '.next', 'BUILD_ID'))
      ? fs.readFileSync(path.join(projectRoot, '.next', 'BUILD_ID'), 'utf8').trim()
      : '(missing)';
    if (buildIdNow !== buildId) console.log(`  WARNING                    .next was rebuilt during the run (${buildId} → ${buildIdNow}): rerun`);
    if (!allOk) process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error('[bench] failed:', error instanceof Error ? error.message : error);
  console.error(`[bench] rerun with: ${rerunCommand}`);
  process.exit(1);
});
