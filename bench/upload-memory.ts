/**
 * Upload memory benchmark: peak server memory and throughput for a large upload (200 MB CSV) through the
 * app (the streaming route POST /materials/upload of a production build, signed in as a council member),
 * in two legs:
 *
 *   - s3:    files in S3 (s3rver in a child process), database on the test Postgres server;
 *   - local: the embedded default: no S3 or database settings, DATA_DIR in a temp folder (PGlite and
 *            local disk inside the server process).
 *
 * Each round uploads the file through the app, checks the stored copy (download sha256, recorded sha256
 * and size), then stores the same file from this process with the app's own BlobStore (S3Store or
 * LocalDiskStore), as the reference for the storage step alone. The server's RSS (VmRSS of next-server
 * and any children) is sampled every 50 ms.
 *
 *   npx tsx --conditions=react-server bench/upload-memory.ts
 *
 * Needs a production build (`npx next build`) and, for the s3 leg, the test Postgres server
 * (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test); the database `dc_bench` on it is
 * dropped and re-created.
 * Settings (environment): BENCH_LEGS (default "s3,local"), BENCH_UPLOAD_MB (default 200), BENCH_ROUNDS
 * (uploads of the file per leg, each followed by a direct store; default 3), BENCH_PORT_FIRST /
 * BENCH_PORT_LAST (the port range for its servers, default 3400–3499), BENCH_TARGET_GROWTH_MB (default 64);
 * for experiments only: BENCH_SERVER_NODE_OPTIONS (NODE_OPTIONS for the server), BENCH_DIRECT=lib-storage
 * (the s3 leg's direct PUT with @aws-sdk/lib-storage `Upload` instead of S3Store) with
 * BENCH_DIRECT_PART_MB / BENCH_DIRECT_QUEUE (its part size and queue, default 8 MB and 2, what the app
 * used before it had its own multipart upload).
 * All traffic stays on 127.0.0.1. Never part of `npm test`.
 */
import {  randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { desc, eq } from 'drizzle-orm';
import type { DatabaseConfig, StorageConfig } from '@/lib/config';
import { openDatabase } from '@/lib/db/client';
import { materialVersions } from '@/lib/db/schema';
import { createBlobStore, newStorageKey } from '@/lib/storage';
import { measureBaseline, MemorySampler } from './lib/memory-sampler';
import {  freePort, log, materialIdFrom, postUpload, prepareDatabase, resetDatabase, sleep, startNextServer, tail, waitForNoBuild } from './lib/next-server';
import { startS3Process } from './lib/s3-process';
import { writeCsvFile } from './lib/test-file';
import { downloadSha256 } from './lib/download';

const MiB = 1024 * 1024;
const uploadMb = Number(process.env.BENCH_UPLOAD_MB || 200);
const targetGrowthMb = Number(process.env.BENCH_TARGET_GROWTH_MB || 64);
const portFirst = Number(process.env.BENCH_PORT_FIRST || 3400);
const portLast = Number(process.env.BENCH_PORT_LAST || 3499);
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS || 3));
const legNames = (process.env.BENCH_LEGS || 's3,local').split(',').map((leg) => leg.trim()).filter(Boolean);
/** Passed to the server only, for experiments (e.g. `--max-semi-space-size=4`); not set by default. */
const serverNodeOptions = process.env.BENCH_SERVER_NODE_OPTIONS || undefined;
const databaseName = 'dc_bench';
/** The s3 leg's direct PUT: the app's S3Store (default), or lib-storage `Upload` (experiments). */
const directWithLibStorage = process.env.BENCH_DIRECT === 'lib-storage';
const libStoragePartSize = Number(process.env.BENCH_DIRECT_PART_MB || 8) * MiB;
const libStorageQueueSize = Number(process.env.BENCH_DIRECT_QUEUE || 2);

const rerunCommand = 'npx tsx --conditions=react-server bench/upload-memory.ts';
const projectRoot = path.resolve(__dirname, '..');

// ---- Small helpers ---------------------------------------------------------------------------------


const mb = (bytes: number) => bytes / MiB;
const fixed = (value: number, digits = 1) => value.toFixed(digits);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
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

// ---- Databases and signing in ---------------------------------------------------------------------------

/** The sha256 and size recorded for each material's latest version. */
async function recordedVersions(settings: DatabaseConfig, ids: string[]): Promise<Map<string, { sha256: string; sizeBytes: number }>> {
  const database = await openDatabase(settings);
  try {
    const found = new Map<string, { sha256: string; sizeBytes: number }>();
    for (const id of ids) {
      const [row] = await database.db
        .select({ sha256: materialVersions.sha256, sizeBytes: materialVersions.sizeBytes })
        .from(materialVersions)
        .where(eq(materialVersions.materialId, id))
        .orderBy(desc(materialVersions.versionNumber))
        .limit(1);
      if (row) found.set(id, { sha256: row.sha256, sizeBytes: Number(row.sizeBytes) });
    }
    return found;
  } finally {
    await database.close();
  }
}

// ---- One leg: a server, its warm-up, the rounds --------------------------------------------------------

interface Leg {
  name: string;
  /** What the server stores into, for the report. */
  label: string;
  database: DatabaseConfig;
  /** Where the direct reference stores the file from this process (the same kind of store as the app's). */
  directStorage: StorageConfig;
  directLabel: string;
  /** The server's own settings. */
  env: Record<string, string>;
  /** Whether the database can be read while the server runs (Postgres), or only after (PGlite). */
  readRecordsLive: boolean;
}

interface LegReport {
  leg: Leg;
  buildId: string;
  firstBaseline: { mb: number; samples: number; pids: number[] };
  after: { mb: number };
  results: RoundResult[];
  perPidPeak: { pid: number; maxKb: number; command: string }[];
  headlineGrowth: number;
  verdict: 'PASS' | 'OVER';
  appSecondsMedian: number;
  directSecondsMedian: number;
  allOk: boolean;
}

interface Bench {
  work: string;
  ports: Set<number>;
  file: string;
  fileBytes: number;
  fileSha256: string;
  warmFile: string;
  buildId: string;
  buildTime: string;
  cleanups: (() => Promise<void>)[];
}

async function runLeg(bench: Bench, leg: Leg): Promise<LegReport> {
  const { work, file, fileBytes, fileSha256, cleanups } = bench;
  const cookie = await prepareDatabase(leg.database);
  log(`[${leg.name}] database ready (${leg.database.driver}), signed in as a member of Bristol City Council`);

  const appPort = await freePort(bench.ports, portFirst, portLast);
  const logFile = path.join(work, `next-start-${leg.name}.log`);
  const origin = `http://127.0.0.1:${appPort}`;
  let started = performance.now();
  const server = await startNextServer(
    appPort,
    {
      NODE_ENV: 'production',
      ...leg.env,
      MAX_UPLOAD_BYTES: String(300 * MiB),
      SEED_STARTER_KIT: 'false',
      NEXT_TELEMETRY_DISABLED: '1',
      // Production refuses to start without sign-in settings. The session is made in the database
      // (prepareDatabase), so no email is ever sent: nothing listens on the SMTP port.
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      NEXTAUTH_URL: origin,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: '9',
      SMTP_FROM: 'Discovery Commons benchmark <no-reply@127.0.0.1>',
      ...(serverNodeOptions ? { NODE_OPTIONS: serverNodeOptions } : {}),
    },
    logFile,
  );
  const stopServer = async () => {
    await server.stop();
  };
  cleanups.push(stopServer);
  log(`[${leg.name}] next start (build ${bench.buildId}, built ${bench.buildTime}) answering on ${server.origin} after ${fixed((performance.now() - started) / 1000)} s, pid ${server.child.pid}`);

  const sampler = new MemorySampler(server.child.pid!);
  cleanups.push(() => sampler.stop());
  // This process alone (s3rver has its own): what the storage step costs on its own, for comparison.
  const selfSampler = new MemorySampler(process.pid, false);
  cleanups.push(() => selfSampler.stop());

  // Warm up: a small upload through the same route, so route code loaded on first use is not counted
  // as upload growth, then let the server settle.
  const warm = await postUpload(server.origin, { path: bench.warmFile, fileName: 'warm-up.csv', contentType: 'text/csv' }, fields, cookie);
  if (warm.status !== 303 || !materialIdFrom(warm.location)) {
    throw new Error(`[${leg.name}] warm-up upload answered ${warm.status} ${warm.location ?? ''} ${warm.body}\n${tail(logFile)}`);
  }
  await downloadSha256(server.origin, materialIdFrom(warm.location)!, cookie);
  await sleep(3000);

  const firstBaseline = await measureBaseline(sampler);
  log(`[${leg.name}] baseline RSS of the server tree: ${fixed(firstBaseline.mb)} MB (mean of ${firstBaseline.samples} samples over 2 s; processes ${firstBaseline.pids.join(', ')})`);

  const directStore = createBlobStore(leg.directStorage);
  let libStorageClient: S3Client | undefined;
  if (directWithLibStorage && leg.directStorage.driver === 's3') {
    const settings = leg.directStorage;
    libStorageClient = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: true,
      credentials: settings.credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    const client = libStorageClient;
    cleanups.push(async () => client.destroy());
  }

  const fileMb = mb(fileBytes);
  const results: RoundResult[] = [];
  const downloads = new Map<string, boolean>();
  const perPidPeakKb = new Map<number, { maxKb: number; command: string }>();
  for (let round = 1; round <= rounds; round++) {
    const baseline = round === 1 ? firstBaseline : await measureBaseline(sampler);

    // The upload through the app.
    sampler.mark();
    started = performance.now();
    const response = await postUpload(server.origin, { path: file, fileName: 'survey-export.csv', contentType: 'text/csv' }, fields, cookie);
    const appSeconds = (performance.now() - started) / 1000;
    const during = await sampler.report();
    const id = materialIdFrom(response.location);
    if (response.status !== 303 || !id) {
      throw new Error(
        `[${leg.name}] the upload was not accepted: ${response.status} ${response.location ?? ''} ${response.body}\n--- server log ---\n${tail(logFile)}`,
      );
    }
    for (const p of during.perPid) {
      if ((perPidPeakKb.get(p.pid)?.maxKb ?? -1) < p.maxKb) perPidPeakKb.set(p.pid, { maxKb: p.maxKb, command: p.command });
    }

    // Correctness: the stored file is the file sent (the recorded row is read now from Postgres, or
    // once the server has stopped from PGlite).
    const download = await downloadSha256(server.origin, id, cookie);
    const downloadOk = download.sha256 === fileSha256 && download.bytes === fileBytes;
    downloads.set(id, downloadOk);
    let recordOk: boolean | undefined;
    if (leg.readRecordsLive) {
      const recorded = (await recordedVersions(leg.database, [id])).get(id);
      recordOk = recorded?.sha256 === fileSha256 && recorded.sizeBytes === fileBytes;
    }

    // The same file stored from this process with the app's own store (or lib-storage, for experiments).
    const clientBaseline = await measureBaseline(selfSampler);
    const directKey = newStorageKey();
    selfSampler.mark();
    started = performance.now();
    if (libStorageClient && leg.directStorage.driver === 's3') {
      await new Upload({
        client: libStorageClient,
        params: { Bucket: leg.directStorage.bucket, Key: directKey, Body: fs.createReadStream(file), ContentType: 'text/csv' },
        partSize: libStoragePartSize,
        queueSize: libStorageQueueSize,
      }).done();
    } else {
      const { sizeBytes } = await directStore.put(directKey, fs.createReadStream(file), { contentType: 'text/csv' });
      if (sizeBytes !== fileBytes) throw new Error(`[${leg.name}] the direct store wrote ${sizeBytes} bytes, not ${fileBytes}`);
    }
    const directSeconds = (performance.now() - started) / 1000;
    const clientWindow = await selfSampler.report();
    await directStore.delete(directKey);

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
      recordedVersionMatches: recordOk ?? false,
    };
    results.push(result);
    log(
      `[${leg.name}] round ${round}/${rounds}: baseline ${fixed(result.baselineRssMb)} MB, peak ${fixed(result.peakRssMb)} MB, growth ${fixed(result.growthMb)} MB; ` +
        `app ${fixed(appSeconds, 2)} s (${fixed(result.appMbPerSecond)} MB/s), direct ${fixed(directSeconds, 2)} s (${fixed(result.directMbPerSecond)} MB/s, client growth ${fixed(result.directClientGrowthMb)} MB); ` +
        `download ${download.redirected ? 'via presigned URL ' : ''}sha256 ${downloadOk ? 'OK' : 'MISMATCH'}` +
        (recordOk === undefined ? '' : `, recorded ${recordOk ? 'OK' : 'MISMATCH'}`),
    );
  }
  const after = await measureBaseline(sampler);
  await sampler.stop();
  await selfSampler.stop();
  await stopServer();

  if (!leg.readRecordsLive) {
    // PGlite: the server has let go of the database; read what it recorded.
    const recorded = await recordedVersions(leg.database, results.map((r) => r.materialId));
    for (const result of results) {
      const row = recorded.get(result.materialId);
      result.recordedVersionMatches = row?.sha256 === fileSha256 && row.sizeBytes === fileBytes;
    }
    log(`[${leg.name}] recorded sha256/size ${results.every((r) => r.recordedVersionMatches) ? 'OK' : 'MISMATCH'} (read from PGlite after the server stopped)`);
  }

  const worstGrowth = Math.max(...results.map((r) => r.growthMb));
  const worstSinceFirst = Math.max(...results.map((r) => r.growthSinceFirstBaselineMb));
  const headlineGrowth = Math.max(worstGrowth, worstSinceFirst);
  return {
    leg,
    buildId: bench.buildId,
    firstBaseline,
    after,
    results,
    perPidPeak: [...perPidPeakKb].map(([pid, p]) => ({ pid, ...p })).sort((a, b) => b.maxKb - a.maxKb),
    headlineGrowth,
    verdict: headlineGrowth <= targetGrowthMb ? 'PASS' : 'OVER',
    appSecondsMedian: median(results.map((r) => r.appSeconds)),
    directSecondsMedian: median(results.map((r) => r.directSeconds)),
    allOk: results.every((r) => r.downloadSha256Matches && r.recordedVersionMatches),
  };
}

function printLeg(report: LegReport, fileMb: number) {
  const { leg, results, firstBaseline, after } = report;
  console.log(`  [${leg.name}] ${leg.label}`);
  // 0: nothing could be read from /proc, so the server had gone (someone else stopped it, say).
  const afterText = after.mb > 0 ? `${fixed(after.mb)} MB after the last` : 'the server had exited before the figure after the last';
  console.log(`  server RSS baseline        ${fixed(firstBaseline.mb)} MB before the first upload (process tree: ${firstBaseline.pids.length} process(es)); ${afterText}`);
  console.log(`  server RSS peak            ${results.map((r) => fixed(r.peakRssMb)).join(' / ')} MB   (sampled every 50 ms, largest gap ${Math.max(...results.map((r) => r.largestSampleGapMs))} ms)`);
  console.log(`  growth per round           ${results.map((r) => fixed(r.growthMb)).join(' / ')} MB   (peak − that round's baseline)`);
  console.log(`  growth, worst              ${fixed(report.headlineGrowth)} MB   (incl. peak − first baseline)   target ≤ ${targetGrowthMb} MB: ${report.verdict}`);
  for (const p of report.perPidPeak) console.log(`    pid ${p.pid} peak ${fixed(p.maxKb / 1024)} MB  ${p.command}`);
  console.log(`  app upload                 ${results.map((r) => fixed(r.appSeconds, 2)).join(' / ')} s   median ${fixed(report.appSecondsMedian, 2)} s = ${fixed(fileMb / report.appSecondsMedian)} MB/s   (POST → 303: parse, check, hash, store, database row)`);
  console.log(`  direct store               ${results.map((r) => fixed(r.directSeconds, 2)).join(' / ')} s   median ${fixed(report.directSecondsMedian, 2)} s = ${fixed(fileMb / report.directSecondsMedian)} MB/s   (${leg.directLabel})`);
  console.log(`  direct store client growth ${results.map((r) => fixed(r.directClientGrowthMb)).join(' / ')} MB   (RSS of this benchmark process while it stores the file)`);
  console.log(`  app / direct time          ${fixed(report.appSecondsMedian / report.directSecondsMedian, 2)}× (medians)`);
  console.log(`  correctness                ${report.allOk ? 'OK' : 'MISMATCH'}: downloaded sha256 and recorded sha256/size against the file's, every round`);
}

// ---- Main -----------------------------------------------------------------------------------------------

async function main() {
  for (const name of legNames) {
    if (name !== 's3' && name !== 'local') throw new Error(`BENCH_LEGS: unknown leg "${name}" (s3, local)`);
  }
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

    const fileBytes = Math.round(uploadMb * MiB);
    const file = path.join(work, 'survey-export.csv');
    const started = performance.now();
    const fileSha256 = await writeCsvFile(file, fileBytes);
    log(`wrote ${fixed(mb(fileBytes))} MB of CSV in ${fixed((performance.now() - started) / 1000)} s (sha256 ${fileSha256.slice(0, 16)}…)`);
    const warmFile = path.join(work, 'warm-up.csv');
    await writeCsvFile(warmFile, 1 * MiB);
    const bench: Bench = { work, ports: new Set<number>(), file, fileBytes, fileSha256, warmFile, buildId, buildTime, cleanups };

    const reports: LegReport[] = [];
    for (const name of legNames) {
      if (name === 's3') {
        // s3rver in a child process of its own, on a temp directory; Postgres for the database.
        const s3Port = await freePort(bench.ports, portFirst, portLast);
        const s3Directory = path.join(work, 's3rver');
        await mkdir(s3Directory);
        const s3 = await startS3Process(s3Port, s3Directory, path.join(work, 's3rver.log'));
        cleanups.push(() => s3.stop());
        log(`[s3] s3rver on ${s3.endpoint} (pid ${s3.pid}, bucket ${s3.bucket}, directory ${s3Directory})`);
        const databaseUrl = await resetDatabase(databaseName);
        log(`[s3] database reset: ${databaseUrl}`);
        reports.push(
          await runLeg(bench, {
            name: 's3',
            label: `S3 on s3rver, Postgres ${databaseName}`,
            database: { driver: 'pg', url: databaseUrl, poolSize: 2 },
            directStorage: {
              driver: 's3',
              bucket: s3.bucket,
              region: 'us-east-1',
              endpoint: s3.endpoint,
              forcePathStyle: true,
              credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
              presignedUrlSeconds: 60,
            },
            directLabel: directWithLibStorage
              ? `lib-storage Upload to s3rver, ${mb(libStoragePartSize)} MB parts, queue ${libStorageQueueSize}`
              : 'the app\'s S3Store.put to s3rver, from this process',
            env: {
              DATABASE_URL: databaseUrl,
              DATABASE_POOL_SIZE: '5',
              DATA_DIR: path.join(work, 'data-s3'),
              S3_BUCKET: s3.bucket,
              S3_ENDPOINT: s3.endpoint,
              S3_REGION: 'us-east-1',
              S3_ACCESS_KEY_ID: s3.accessKeyId,
              S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
              S3_FORCE_PATH_STYLE: 'true',
            },
            readRecordsLive: true,
          }),
        );
        await s3.stop(); // its directory holds every upload; not needed by the next leg
      } else {
        // The embedded default: no database or S3 settings, everything under DATA_DIR.
        const dataDir = path.join(work, 'data-local');
        reports.push(
          await runLeg(bench, {
            name: 'local',
            label: 'local disk and PGlite under DATA_DIR (the embedded default)',
            database: { driver: 'pglite', dataDir: path.join(dataDir, 'pglite') },
            directStorage: { driver: 'local', root: path.join(work, 'direct-local') },
            directLabel: 'the app\'s LocalDiskStore.put (write, fsync, rename), from this process',
            env: { DATA_DIR: dataDir },
            readRecordsLive: false,
          }),
        );
      }
    }

    const fileMb = mb(fileBytes);
    const date = new Date().toISOString();
    const allOk = reports.every((r) => r.allOk);
    console.log('');
    console.log(`Upload memory benchmark — ${date} — ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`  file                       ${fixed(fileMb)} MB CSV (1 MB = 2^20 bytes), MAX_UPLOAD_BYTES 300 MB, ${rounds} round(s) per leg`);
    console.log(`  server                     next start (production build ${buildId}), signed in as a council member, all on 127.0.0.1`);
    for (const report of reports) printLeg(report, fileMb);
    console.log(`  verdict                    ${reports.map((r) => `${r.leg.name} ${fixed(r.headlineGrowth)} MB ${r.verdict}`).join(', ')}   (target ≤ ${targetGrowthMb} MB)`);
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
      targetGrowthMb,
      serverNodeOptions: serverNodeOptions ?? null,
      legs: reports.map((report) => ({
        name: report.leg.name,
        label: report.leg.label,
        direct: report.leg.directLabel,
        baselineRssMb: report.firstBaseline.mb,
        afterRssMb: report.after.mb,
        worstGrowthMb: report.headlineGrowth,
        verdict: report.verdict,
        perProcessPeak: report.perPidPeak.map((p) => ({ pid: p.pid, peakMb: p.maxKb / 1024, command: p.command })),
        appSecondsMedian: report.appSecondsMedian,
        appMbPerSecondMedian: fileMb / report.appSecondsMedian,
        directSecondsMedian: report.directSecondsMedian,
        directMbPerSecondMedian: fileMb / report.directSecondsMedian,
        appOverDirect: report.appSecondsMedian / report.directSecondsMedian,
        correct: report.allOk,
        results: report.results,
      })),
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
