/**
 * The kit zip's streaming on its own, without Next.js or a database: how the zip is made and handed to
 * the response, compared under the same conditions. A child process serves one zip of BENCH_KIT_MB
 * (default 1024) in 8 files on local disk over plain node:http, written to the response as Next.js
 * writes a route handler's body (pipeTo a WritableStream that waits for 'drain':
 * next/dist/server/pipe-readable.js); this process downloads it and samples the child's RSS every 50 ms.
 * Each variant in a fresh child, after a warm-up download of a README-only zip:
 *
 *   - yazl+toWeb:       what the hub did before (yazl, addReadStreamLazy, Readable.toWeb);
 *   - stored, queue 0:  lib/kits/stored-zip.ts pulled with no read-ahead (pull-stream.ts, 0 bytes);
 *   - stored, 256 KiB:  the same with 256 KiB of read-ahead (what open-kit-zip.ts uses).
 *
 * Also reads the same files directly into a file in this process, as bench/kit-download.ts does.
 *
 *   npx tsx --conditions=react-server bench/kit-zip-stream.ts
 *
 * BENCH_VARIANTS picks some (yazl,stored0,stored256); BENCH_KEEP=1 keeps the files. For diagnosis next
 * to bench/kit-download.ts, which measures the real route; never part of `npm test`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ZipFile } from 'yazl';
import { pullStream } from '@/lib/kits/pull-stream';
import { storedZip, type StoredZipEntry } from '@/lib/kits/stored-zip';
import { measureBaseline, MemorySampler } from './lib/memory-sampler';
import { machineLine } from './lib/report';

const MiB = 1024 * 1024;
const variants = (process.env.BENCH_VARIANTS || 'yazl,stored0,stored256').split(',');
const names: Record<string, string> = { yazl: 'yazl+toWeb (before)', stored0: 'stored, queue 0', stored256: 'stored, 256 KiB' };

interface KitFile {
  name: string;
  path: string;
  size: number;
}

function zipBody(variant: string, files: KitFile[]): ReadableStream<Uint8Array> {
  const readme = Buffer.from('A benchmark kit\n');
  if (variant === 'yazl') {
    const zip = new ZipFile();
    zip.addBuffer(readme, 'README.txt', { compress: false });
    for (const file of files) zip.addReadStreamLazy(file.name, { compress: false, size: file.size }, (callback) => callback(null, fs.createReadStream(file.path)));
    zip.end();
    return Readable.toWeb(zip.outputStream as unknown as Readable) as unknown as ReadableStream<Uint8Array>;
  }
  const entries: StoredZipEntry[] = [
    { name: 'README.txt', sizeBytes: readme.length, open: async () => [readme] },
    ...files.map((file) => ({ name: file.name, sizeBytes: file.size, open: async () => fs.createReadStream(file.path) })),
  ];
  return pullStream(storedZip(entries, { mtime: new Date() }), { queueBytes: variant === 'stored0' ? 0 : 256 * 1024, onError: (error) => console.error(error) });
}

/** As Next.js writes a body: one chunk at a time, waiting for 'drain' when the socket is full. */
async function send(body: ReadableStream<Uint8Array>, res: http.ServerResponse) {
  res.writeHead(200, { 'content-type': 'application/zip' });
  await body.pipeTo(
    new WritableStream<Uint8Array>({
      async write(chunk) {
        if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', () => resolve()));
      },
    }),
  );
  res.end();
}

async function serve(variant: string, dir: string) {
  const files: KitFile[] = JSON.parse(fs.readFileSync(path.join(dir, 'files.json'), 'utf8'));
  const server = http.createServer((req, res) => {
    void send(zipBody(variant, req.url === '/warm' ? [] : files), res);
  });
  server.listen(0, '127.0.0.1', () => console.log(`ready ${(server.address() as AddressInfo).port}`));
}

async function makeFiles(dir: string, totalMb: number): Promise<KitFile[]> {
  const block = Buffer.alloc(MiB);
  for (let i = 0; i < block.length; i++) block[i] = 32 + ((i * 7919) % 90);
  const perFile = Math.floor(totalMb / 8);
  const files: KitFile[] = [];
  for (let f = 1; f <= 8; f++) {
    const file = path.join(dir, `survey-${f}.csv`);
    const fd = fs.openSync(file, 'w');
    for (let m = 0; m < perFile; m++) fs.writeSync(fd, block);
    fs.closeSync(fd);
    files.push({ name: `0${f}-survey-${f}.csv`, path: file, size: perFile * MiB });
  }
  fs.writeFileSync(path.join(dir, 'files.json'), JSON.stringify(files));
  return files;
}

async function download(url: string, target: string): Promise<number> {
  const response = await fetch(url);
  await pipeline(Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>), fs.createWriteStream(target));
  return fs.statSync(target).size;
}

async function measure(variant: string, dir: string) {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', __filename, 'serve', variant, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout.on('data', (data: Buffer) => /ready (\d+)/.test(String(data)) && resolve(Number(/ready (\d+)/.exec(String(data))![1]))));
  const sampler = new MemorySampler(child.pid!, false);
  try {
    await download(`http://127.0.0.1:${port}/warm`, path.join(dir, 'warm.zip'));
    const baseline = await measureBaseline(sampler);
    sampler.mark();
    const started = performance.now();
    const bytes = await download(`http://127.0.0.1:${port}/kit`, path.join(dir, 'kit.zip'));
    const seconds = (performance.now() - started) / 1000;
    const window = await sampler.report();
    await rm(path.join(dir, 'kit.zip'));
    return { growthMb: window.maxKb / 1024 - baseline.mb, mbPerSecond: bytes / MiB / seconds };
  } finally {
    await sampler.stop();
    child.kill();
  }
}

async function main() {
  if (process.argv[2] === 'serve') return serve(process.argv[3]!, process.argv[4]!);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dc-bench-kitzip-'));
  try {
    const files = await makeFiles(dir, Number(process.env.BENCH_KIT_MB || 1024));
    const total = files.reduce((sum, f) => sum + f.size, 0);
    const lines: string[] = [];
    for (const variant of variants) {
      const result = await measure(variant, dir);
      const started = performance.now();
      await pipeline(async function* () {
        for (const file of files) yield* fs.createReadStream(file.path);
      }, fs.createWriteStream(path.join(dir, 'direct.bin')));
      const direct = total / MiB / ((performance.now() - started) / 1000);
      await rm(path.join(dir, 'direct.bin'));
      const line = `${(names[variant] ?? variant).padEnd(22)} growth ${result.growthMb.toFixed(1).padStart(6)} MB   zip ${result.mbPerSecond.toFixed(1).padStart(6)} MB/s   direct just after ${direct.toFixed(1).padStart(6)} MB/s   load ${os.loadavg()[0]!.toFixed(2)}`;
      console.log(line);
      lines.push(line);
    }
    console.log(`\nKit zip streaming — ${machineLine()}; ${(total / MiB).toFixed(0)} MB in 8 files`);
    for (const line of lines) console.log(`  ${line}`);
    console.log('  rerun: npx tsx --conditions=react-server bench/kit-zip-stream.ts');
  } finally {
    if (process.env.BENCH_KEEP !== '1') await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
