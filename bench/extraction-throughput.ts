/**
 * Extraction throughput: how fast lib/extract's extractText reads the text out of the real corpus
 * (CORPUS_DIR, default ../shared/corpus: PDF, DOCX, ODT, ODS, PPTX and Markdown), per format and overall,
 * and the process's peak memory.
 *
 *   npm run bench:extract      (= npx tsx --conditions=react-server bench/extraction-throughput.ts)
 *
 * Every file is read into memory first, so the figures are extraction alone, not the disk. One warm-up
 * round, then BENCH_ROUNDS rounds (default 5) of every file one after another (as one worker with
 * WORKER_CONCURRENCY=1 would), then the same with several at a time (BENCH_CONCURRENCY, default 2: what
 * the 2-core machine can run side by side; PDFs are read in worker threads).
 * Documents/s and MB/s count the input files (1 MB = 2^20 bytes). Peak RSS is this whole process
 * (getrusage maxrss), PDF worker threads included. Never part of `npm test`.
 */
import fs from 'node:fs';
import { extractText } from '@/lib/extract';
import { corpusDir, corpusFiles } from './lib/corpus';
import { machineLine, peakRssMb, rerunWith, saveResults } from './lib/report';

const rerunCommand = rerunWith('npx tsx --conditions=react-server bench/extraction-throughput.ts');
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS || 5));
const concurrency = Math.max(2, Number(process.env.BENCH_CONCURRENCY || 2));
const MiB = 1024 * 1024;

interface Document {
  file: string;
  format: string;
  body: Buffer;
}

interface Timing {
  format: string;
  bytes: number;
  ms: number;
  textBytes: number;
  status: string;
}

async function extractOne(doc: Document): Promise<Timing> {
  const started = performance.now();
  const result = await extractText({ format: doc.format, body: doc.body, sizeBytes: doc.body.length });
  const ms = performance.now() - started;
  return { format: doc.format, bytes: doc.body.length, ms, textBytes: result.status === 'done' ? Buffer.byteLength(result.text) : 0, status: result.status };
}

/** Every document `rounds` times, `parallel` at a time; returns each extraction's timing and the wall time. */
async function run(documents: Document[], times: number, parallel: number): Promise<{ timings: Timing[]; seconds: number }> {
  const queue = Array.from({ length: times }, () => documents).flat();
  const timings: Timing[] = [];
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < queue.length) timings.push(await extractOne(queue[next++]!));
    }),
  );
  return { timings, seconds: (performance.now() - started) / 1000 };
}

async function main() {
  const documents: Document[] = corpusFiles().map((f) => ({ file: f.file, format: f.format, body: fs.readFileSync(f.path) }));
  const totalMb = documents.reduce((sum, d) => sum + d.body.length, 0) / MiB;
  console.log(`[bench] corpus ${corpusDir()}: ${documents.length} files, ${totalMb.toFixed(1)} MB; warm-up round…`);
  const warm = await run(documents, 1, 1);
  const notDone = warm.timings.filter((t) => t.status !== 'done');

  console.log(`[bench] ${rounds} round(s) one at a time…`);
  const sequential = await run(documents, rounds, 1);
  console.log(`[bench] ${rounds} round(s) ${concurrency} at a time…`);
  const parallel = await run(documents, rounds, concurrency);

  const formats = [...new Set(documents.map((d) => d.format))];
  const perFormat = formats.map((format) => {
    const t = sequential.timings.filter((x) => x.format === format);
    const seconds = t.reduce((sum, x) => sum + x.ms, 0) / 1000;
    const mb = t.reduce((sum, x) => sum + x.bytes, 0) / MiB;
    const slowest = Math.max(...t.map((x) => x.ms));
    return { format, files: t.length / rounds, docsPerSecond: t.length / seconds, mbPerSecond: mb / seconds, meanMs: (seconds * 1000) / t.length, slowestMs: slowest, textKbPerDoc: t.reduce((s, x) => s + x.textBytes, 0) / t.length / 1024 };
  });
  const overall = (r: { timings: Timing[]; seconds: number }) => ({
    documents: r.timings.length,
    seconds: r.seconds,
    docsPerSecond: r.timings.length / r.seconds,
    mbPerSecond: r.timings.reduce((s, x) => s + x.bytes, 0) / MiB / r.seconds,
  });
  const one = overall(sequential);
  const many = overall(parallel);

  console.log('');
  console.log(`Extraction throughput — ${machineLine()}`);
  console.log(`  extractText over ${documents.length} corpus files (${totalMb.toFixed(1)} MB), ${rounds} round(s) after 1 warm-up; files held in memory`);
  if (notDone.length) console.log(`  not 'done': ${notDone.map((t) => `${t.format} ${t.status}`).join(', ')}`);
  console.log('');
  console.log('  one at a time, per format   files   docs/s     MB/s   mean ms  slowest ms   text KB/doc');
  for (const f of perFormat.sort((a, b) => b.files - a.files)) {
    console.log(
      `  ${f.format.padEnd(27)} ${String(f.files).padStart(5)} ${f.docsPerSecond.toFixed(1).padStart(8)} ${f.mbPerSecond.toFixed(2).padStart(8)} ${f.meanMs.toFixed(1).padStart(9)} ${f.slowestMs.toFixed(0).padStart(11)} ${f.textKbPerDoc.toFixed(1).padStart(13)}`,
    );
  }
  console.log(`  ${'overall, one at a time'.padEnd(27)} ${String(documents.length).padStart(5)} ${one.docsPerSecond.toFixed(1).padStart(8)} ${one.mbPerSecond.toFixed(2).padStart(8)}   (${one.documents} extractions in ${one.seconds.toFixed(1)} s)`);
  console.log(`  ${`overall, ${concurrency} at a time`.padEnd(27)} ${String(documents.length).padStart(5)} ${many.docsPerSecond.toFixed(1).padStart(8)} ${many.mbPerSecond.toFixed(2).padStart(8)}   (${many.documents} extractions in ${many.seconds.toFixed(1)} s)`);
  console.log(`  peak RSS                    ${peakRssMb().toFixed(0)} MB   (this process, PDF worker threads included; files held in memory: ${totalMb.toFixed(1)} MB)`);
  console.log('');
  console.log(`  rerun: ${rerunCommand}`);
  const file = await saveResults('extraction-throughput', { command: rerunCommand, rounds, concurrency, corpusMb: totalMb, perFormat, oneAtATime: one, parallel: many, peakRssMb: peakRssMb() });
  console.log(`  results: ${file}`);
}

main().catch((error: unknown) => {
  console.error('[bench] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  console.error(`[bench] rerun with: ${rerunCommand}`);
  process.exit(1);
});
