/**
 * Kit download benchmark: a kit of about 1 GB downloaded as one zip from a running production server
 * (GET /kits/<id>/download, signed in as a council member), against reading the same stored objects
 * directly with the app's own BlobStore from this process. Reports the server's memory growth while it
 * streams the zip (target: at most 64 MB), and both throughputs.
 *
 *   npm run bench:kit-download
 *   (or: npx tsx --conditions=react-server bench/kit-download.ts)
 *
 * Set-up, before the server starts (with the app's own code): a fresh database `dc_bench_kits` on the
 * test Postgres server (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test; dropped and
 * re-created), files on local disk in a temporary DATA_DIR, BENCH_KIT_FILES CSV materials of Bristol's
 * (default 8) adding up to BENCH_KIT_MB (default 1024), and a public kit holding them; a one-file kit
 * for the warm-up. Then the server starts on that database and folder.
 *
 * Each round: the zip is streamed to a file in the work folder while the server tree's RSS is sampled
 * every 50 ms; then the same objects are read through LocalDiskStore.get into a file the same way (the
 * direct reference). Afterwards the zip is read back with yauzl and every file's sha256 is checked
 * against the one recorded when it was shared. Settings: BENCH_KIT_MB, BENCH_KIT_FILES, BENCH_ROUNDS
 * (default 3), BENCH_TARGET_GROWTH_MB (default 64), BENCH_PORT_FIRST / BENCH_PORT_LAST (default
 * 3400–3499), BENCH_KEEP=1 keeps the work folder. All traffic stays on 127.0.0.1. Never part of `npm test`.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { eq, sql } from 'drizzle-orm';
import yauzl from 'yauzl';
import type { DatabaseConfig } from '@/lib/config';
import { openDatabase } from '@/lib/db/client';
import { kitItems, kits, materialVersions, organisations } from '@/lib/db/schema';
import { createMaterial } from '@/lib/materials/create-material';
import { createBlobStore } from '@/lib/storage';
import { measureBaseline, MemorySampler } from './lib/memory-sampler';
import { machineLine } from './lib/report';
import { currentBuild, freePort, log, prepareDatabase, productionSignInSettings, resetDatabase, sleep, startNextServer, tail } from './lib/next-server';
import { writeCsvFile } from './lib/test-file';

const MiB = 1024 * 1024;
const kitMb = Number(process.env.BENCH_KIT_MB || 1024);
const fileCount = Math.max(1, Number(process.env.BENCH_KIT_FILES || 8));
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS || 3));
const targetGrowthMb = Number(process.env.BENCH_TARGET_GROWTH_MB || 64);
const portFirst = Number(process.env.BENCH_PORT_FIRST || 3400);
const portLast = Number(process.env.BENCH_PORT_LAST || 3499);
const rerunCommand = 'npm run bench:kit-download   (npx tsx --conditions=react-server bench/kit-download.ts)';
const fixed = (value: number, digits = 1) => value.toFixed(digits);

interface KitFile {
  materialId: string;
  storageKey: string;
  sizeBytes: number;
  sha256: string;
}

/** Shares the files as Bristol's (the app's own createMaterial, as the import command does) and makes the kits. */
async function setUp(database: DatabaseConfig, filesRoot: string, work: string): Promise<{ kitId: string; warmKitId: string; files: KitFile[] }> {
  const handle = await openDatabase(database);
  const storage = createBlobStore({ driver: 'local', root: filesRoot });
  const services = { db: handle.db, storage, maxUploadBytes: 4096 * MiB };
  try {
    const share = async (name: string, bytes: number) => {
      const source = path.join(work, name);
      await writeCsvFile(source, bytes);
      const created = await createMaterial(services, {
        actor: { kind: 'system', label: 'kit download benchmark' },
        fields: { title: `Benchmark ${name}`, summary: '', phases: ['discovery'], artefactType: 'research-plan', kind: 'example', topics: 'housing', tags: '', council: 'bristol', licence: 'OGL-UK-3.0', visibility: 'public' },
        file: { fileName: name, stream: fs.createReadStream(source) },
      });
      await rm(source);
      return created.id;
    };
    const perFile = Math.floor((kitMb * MiB) / fileCount);
    const ids: string[] = [];
    for (let i = 1; i <= fileCount; i++) {
      ids.push(await share(`survey-export-${i}-${randomUUID().slice(0, 8)}.csv`, perFile));
      log(`shared file ${i}/${fileCount} (${fixed(perFile / MiB)} MB)`);
    }
    const warmId = await share('warm-up.csv', 256 * 1024);
    const [bristol] = await handle.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, 'bristol'));
    const makeKit = async (title: string, materialIds: string[]) => {
      const [kit] = await handle.db.insert(kits).values({ title, visibility: 'public', organisationId: bristol!.id }).returning({ id: kits.id });
      await handle.db.insert(kitItems).values(materialIds.map((materialId, i) => ({ kitId: kit!.id, materialId, position: i + 1 })));
      return kit!.id;
    };
    const kitId = await makeKit('Benchmark kit', ids);
    const warmKitId = await makeKit('Warm-up kit', [warmId]);
    const files: KitFile[] = [];
    for (const id of ids) {
      const [row] = await handle.db
        .select({ storageKey: materialVersions.storageKey, sizeBytes: materialVersions.sizeBytes, sha256: materialVersions.sha256 })
        .from(materialVersions)
        .where(eq(materialVersions.materialId, id));
      files.push({ materialId: id, storageKey: row!.storageKey, sizeBytes: Number(row!.sizeBytes), sha256: row!.sha256 });
    }
    await handle.db.execute(sql`ANALYZE`);
    return { kitId, warmKitId, files };
  } finally {
    await handle.close();
  }
}

/** Streams the kit's zip to `target`; answers its size and the Content-Length the server promised. */
async function downloadKit(origin: string, kitId: string, cookie: string, target: string) {
  const response = await fetch(`${origin}/kits/${kitId}/download`, { headers: { cookie } });
  if (response.status !== 200 || !response.body) throw new Error(`the kit download answered ${response.status}`);
  await pipeline(Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>), fs.createWriteStream(target));
  return { bytes: fs.statSync(target).size, contentLength: Number(response.headers.get('content-length') ?? -1) };
}

/** Every file entry of the zip with its sha256 (yauzl checks each CRC and size too). */
async function zipHashes(file: string): Promise<Map<string, string>> {
  const zipfile = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(file, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z))));
  const hashes = new Map<string, string>();
  await new Promise<void>((resolve, reject) => {
    zipfile.on('error', reject);
    zipfile.on('end', () => resolve());
    zipfile.on('entry', (entry: yauzl.Entry) => {
      zipfile.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const hash = createHash('sha256');
        stream.on('data', (chunk: Buffer) => hash.update(chunk));
        stream.on('error', reject);
        stream.on('end', () => {
          hashes.set(entry.fileName, hash.digest('hex'));
          zipfile.readEntry();
        });
      });
    });
    zipfile.readEntry();
  });
  return hashes;
}

async function main() {
  if (!currentBuild()) {
    console.error(`[bench] No production build (.next/BUILD_ID is missing): run \`npx next build\` first, then: ${rerunCommand}`);
    process.exit(1);
  }
  const work = await mkdtemp(path.join(os.tmpdir(), 'dc-bench-kit-'));
  const dataDir = path.join(work, 'data');
  const filesRoot = path.join(dataDir, 'files');
  fs.mkdirSync(filesRoot, { recursive: true });
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const databaseUrl = await resetDatabase('dc_bench_kits');
    const database: DatabaseConfig = { driver: 'pg', url: databaseUrl, poolSize: 4 };
    const cookie = await prepareDatabase(database);
    log(`work folder ${work}; database dc_bench_kits; making a ${kitMb} MB kit of ${fileCount} files`);
    const { kitId, warmKitId, files } = await setUp(database, filesRoot, work);
    const totalBytes = files.reduce((sum, f) => sum + f.sizeBytes, 0);

    const port = await freePort(new Set(), portFirst, portLast);
    const origin = `http://127.0.0.1:${port}`;
    const logFile = path.join(work, 'next-start.log');
    const server = await startNextServer(
      port,
      { ...productionSignInSettings(origin), DATABASE_URL: databaseUrl, DATA_DIR: dataDir, SEED_STARTER_KIT: 'false' },
      logFile,
    );
    cleanups.push(() => server.stop());
    const sampler = new MemorySampler(server.child.pid!);
    cleanups.push(() => sampler.stop());
    log(`server answering on ${origin}, pid ${server.child.pid}`);

    // Warm up the route with a one-file kit (code loaded on first use is not the download's growth),
    // measured too, then let it settle.
    const coldBaseline = await measureBaseline(sampler);
    sampler.mark();
    await downloadKit(origin, warmKitId, cookie, path.join(work, 'warm.zip'));
    const warmGrowthMb = (await sampler.report()).maxKb / 1024 - coldBaseline.mb;
    log(`warm-up: the first download after start (a 256 KB kit) grew the server by ${fixed(warmGrowthMb)} MB (its code loading)`);
    await sleep(3000);

    const store = createBlobStore({ driver: 'local', root: filesRoot });
    const results: { growthMb: number; baselineMb: number; peakMb: number; appMbPerSecond: number; directMbPerSecond: number; ok: boolean }[] = [];
    for (let round = 1; round <= rounds; round++) {
      const baseline = await measureBaseline(sampler);
      const zipFile = path.join(work, 'kit.zip');
      sampler.mark();
      let started = performance.now();
      const { bytes, contentLength } = await downloadKit(origin, kitId, cookie, zipFile);
      const appSeconds = (performance.now() - started) / 1000;
      const during = await sampler.report();

      // The same objects read directly, one after another, into a file the same way.
      const directFile = path.join(work, 'direct.bin');
      started = performance.now();
      // One object at a time, as the zip reads them, written with back-pressure into one file.
      await pipeline(async function* () {
        for (const file of files) yield* (await store.get(file.storageKey)).body;
      }, fs.createWriteStream(directFile));
      const directSeconds = (performance.now() - started) / 1000;
      await rm(directFile);

      const hashes = await zipHashes(zipFile);
      const fileHashes = [...hashes.entries()].filter(([name]) => name !== 'README.txt' && name !== 'attribution.csv').map(([, hash]) => hash);
      const ok = fileHashes.length === files.length && fileHashes.every((hash, i) => hash === files[i]!.sha256);
      if (!ok) log(`zip entries ${[...hashes.keys()].join(', ')}; their sha256 ${fileHashes.join(' ')}; recorded ${files.map((f) => f.sha256).join(' ')}`);
      await rm(zipFile);

      const result = {
        baselineMb: baseline.mb,
        peakMb: during.maxKb / 1024,
        growthMb: during.maxKb / 1024 - baseline.mb,
        appMbPerSecond: bytes / MiB / appSeconds,
        directMbPerSecond: totalBytes / MiB / directSeconds,
        ok,
      };
      results.push(result);
      log(
        `round ${round}/${rounds}: zip ${fixed(bytes / MiB)} MB in ${fixed(appSeconds, 2)} s (${fixed(result.appMbPerSecond)} MB/s); ` +
          `direct ${fixed(totalBytes / MiB)} MB in ${fixed(directSeconds, 2)} s (${fixed(result.directMbPerSecond)} MB/s); ` +
          `server RSS baseline ${fixed(result.baselineMb)} MB, peak ${fixed(result.peakMb)} MB, growth ${fixed(result.growthMb)} MB ` +
          `(${during.samples} samples, largest gap ${during.maxGapMs} ms); Content-Length ${contentLength === bytes ? 'exact' : contentLength === -1 ? 'not sent (see below)' : `WRONG (${contentLength})`}; ` +
          `every file's sha256 ${ok ? 'OK' : 'MISMATCH'}`,
      );
    }
    const worstGrowth = Math.max(...results.map((r) => r.growthMb));
    const laterGrowth = results.length > 1 ? Math.max(...results.slice(1).map((r) => r.growthMb)) : undefined;
    const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    console.log(`\n=== Kit download benchmark — ${machineLine()} ===`);
    console.log(`kit: ${fileCount} files, ${fixed(totalBytes / MiB)} MB; ${rounds} rounds; server: npm start (production build ${currentBuild()?.id ?? '?'}), Postgres, local disk`);
    console.log(`server memory growth while streaming: worst ${fixed(worstGrowth)} MB (target at most ${targetGrowthMb} MB) → ${worstGrowth <= targetGrowthMb ? 'PASS' : 'OVER'}`);
    console.log(`  warm-up (first download after start, a 256 KB kit, from the idle server's RSS): ${fixed(warmGrowthMb)} MB`);
    console.log(`  per 1 GB round, from the RSS just before it: ${results.map((r) => `${fixed(r.growthMb)} MB`).join(', ')} (the first is the honest one: later rounds start with the first's freed memory still held by the allocator)${laterGrowth === undefined ? '' : `; worst after the first: ${fixed(laterGrowth)} MB`}`);
    console.log('Content-Length: the app computes the exact size and sets it; Next.js 16 drops Content-Length from route-handler responses (next/dist/server/send-response.js), so it is sent chunked, as single downloads are.');
    console.log(`throughput: zip through the app ${fixed(medianOf(results.map((r) => r.appMbPerSecond)))} MB/s (median), reading the same objects directly ${fixed(medianOf(results.map((r) => r.directMbPerSecond)))} MB/s`);
    console.log(`files checked by sha256 after each download: ${results.every((r) => r.ok) ? 'all OK' : 'MISMATCH'}`);
    console.log(`rerun: ${rerunCommand}`);
    if (!results.every((r) => r.ok)) process.exitCode = 1;
    await sampler.stop();
    await server.stop();
    log(`server log tail:\n${tail(logFile, 5)}`);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    if (process.env.BENCH_KEEP !== '1') await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
