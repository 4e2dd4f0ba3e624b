/**
 * Preview throughput: how fast lib/previews' renderPreview previews the real corpus (CORPUS_DIR,
 * default ../shared/corpus: PDF, DOCX, ODT, ODS, PPTX, Markdown, and manifest.csv as the CSV), per
 * format and overall, with the process's peak memory; then the PPTX again through LibreOffice, where
 * it is installed, with the peak memory of the LibreOffice processes.
 *
 *   npm run bench:previews      (= npx tsx --conditions=react-server bench/preview-throughput.ts)
 *
 * Every file is read into memory first, so the figures are previewing alone, not the disk. One warm-up
 * round, then BENCH_ROUNDS rounds (default 3) of every file one after another without LibreOffice
 * (presentations as outlines), then the same with BENCH_CONCURRENCY at a time (default 2: what the
 * 2-core machine runs side by side), then BENCH_OFFICE_ROUNDS (default 3) of each presentation through
 * LibreOffice. Documents/s count whole previews (1 MB = 2^20 bytes). Peak RSS is this process
 * (getrusage maxrss: pdf.js and mammoth worker threads included); LibreOffice's is sampled from /proc
 * every 100 ms over its whole process tree. Never part of `npm test`.
 */
import fs from 'node:fs';
import { findLibreOffice, renderPreview, type PreviewResult } from '@/lib/previews';
import { corpusDir, corpusFiles } from './lib/corpus';
import { machineLine, peakRssMb, rerunWith, saveResults } from './lib/report';

const rerunCommand = rerunWith('npx tsx --conditions=react-server bench/preview-throughput.ts');
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS || 3));
const concurrency = Math.max(2, Number(process.env.BENCH_CONCURRENCY || 2));
const officeRounds = Math.max(1, Number(process.env.BENCH_OFFICE_ROUNDS || 3));
const MiB = 1024 * 1024;

interface Document {
  file: string;
  format: string;
  body: Buffer;
}

interface Timing {
  file: string;
  format: string;
  bytes: number;
  ms: number;
  outcome: string;
}

function outcomeOf(result: PreviewResult): string {
  return result.status === 'ready' ? result.kind : result.status === 'failed' ? `failed ${result.reason}` : result.status;
}

async function previewOne(doc: Document, withOffice: boolean): Promise<Timing> {
  const started = performance.now();
  const result = await renderPreview({ format: doc.format, body: doc.body, sizeBytes: doc.body.length }, undefined, withOffice ? {} : { libreOffice: false });
  return { file: doc.file, format: doc.format, bytes: doc.body.length, ms: performance.now() - started, outcome: outcomeOf(result) };
}

async function run(documents: Document[], times: number, parallel: number, withOffice: boolean): Promise<{ timings: Timing[]; seconds: number }> {
  const queue = Array.from({ length: times }, () => documents).flat();
  const timings: Timing[] = [];
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < queue.length) timings.push(await previewOne(queue[next++]!, withOffice));
    }),
  );
  return { timings, seconds: (performance.now() - started) / 1000 };
}

/** The summed VmRSS, in MB, of processes whose command line names a preview job folder (LibreOffice's tree). */
function officeRssMb(): number {
  let kb = 0;
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('/job/')) continue;
      kb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // Gone meanwhile.
    }
  }
  return kb / 1024;
}

function perFormat(timings: Timing[], times: number) {
  return [...new Set(timings.map((t) => t.format))].map((format) => {
    const t = timings.filter((x) => x.format === format);
    const seconds = t.reduce((sum, x) => sum + x.ms, 0) / 1000;
    return {
      format,
      files: t.length / times,
      docsPerSecond: t.length / seconds,
      mbPerSecond: t.reduce((sum, x) => sum + x.bytes, 0) / MiB / seconds,
      meanMs: (seconds * 1000) / t.length,
      slowestMs: Math.max(...t.map((x) => x.ms)),
      slowestFile: t.reduce((a, b) => (b.ms > a.ms ? b : a)).file,
      outcomes: [...new Set(t.map((x) => x.outcome))].join(', '),
    };
  });
}

function printTable(title: string, rows: ReturnType<typeof perFormat>): void {
  console.log(`  ${title.padEnd(27)} files   docs/s     MB/s   mean ms  slowest ms   preview, slowest file`);
  for (const f of rows.sort((a, b) => b.files - a.files)) {
    console.log(
      `  ${f.format.padEnd(27)} ${String(f.files).padStart(5)} ${f.docsPerSecond.toFixed(2).padStart(8)} ${f.mbPerSecond.toFixed(2).padStart(8)} ${f.meanMs.toFixed(0).padStart(9)} ${f.slowestMs.toFixed(0).padStart(11)}   ${f.outcomes}, ${f.slowestFile}`,
    );
  }
}

async function main() {
  const documents: Document[] = [
    ...corpusFiles().map((f) => ({ file: f.file, format: f.format, body: fs.readFileSync(f.path) })),
    { file: 'manifest.csv', format: 'csv', body: fs.readFileSync(`${corpusDir()}/manifest.csv`) },
  ];
  const totalMb = documents.reduce((sum, d) => sum + d.body.length, 0) / MiB;
  console.log(`[bench] corpus ${corpusDir()}: ${documents.length} files, ${totalMb.toFixed(1)} MB; warm-up round…`);
  await run(documents, 1, 1, false);

  console.log(`[bench] ${rounds} round(s) one at a time, without LibreOffice…`);
  const sequential = await run(documents, rounds, 1, false);
  const peakWithoutOffice = peakRssMb();
  console.log(`[bench] ${rounds} round(s) ${concurrency} at a time, without LibreOffice…`);
  const parallel = await run(documents, rounds, concurrency, false);

  const install = findLibreOffice();
  const presentations = documents.filter((d) => d.format === 'pptx' || d.format === 'odp');
  let office: { timings: Timing[]; seconds: number } | undefined;
  let officePeakMb = 0;
  if (install && presentations.length) {
    console.log(`[bench] ${officeRounds} round(s) of ${presentations.length} presentation(s) through LibreOffice…`);
    const sampler = setInterval(() => (officePeakMb = Math.max(officePeakMb, officeRssMb())), 100);
    try {
      office = await run(presentations, officeRounds, 1, true);
    } finally {
      clearInterval(sampler);
    }
  }

  const overall = (r: { timings: Timing[]; seconds: number }) => ({ previews: r.timings.length, seconds: r.seconds, docsPerSecond: r.timings.length / r.seconds });
  const one = overall(sequential);
  const many = overall(parallel);
  const formats = perFormat(sequential.timings, rounds);
  const officeFormats = office ? perFormat(office.timings, officeRounds) : [];

  console.log('');
  console.log(`Preview throughput — ${machineLine()}`);
  console.log(`  renderPreview over ${documents.length} corpus files (${totalMb.toFixed(1)} MB), ${rounds} round(s) after 1 warm-up; files held in memory`);
  console.log('');
  printTable('without LibreOffice', formats);
  console.log(`  ${'overall, one at a time'.padEnd(27)} ${String(documents.length).padStart(5)} ${one.docsPerSecond.toFixed(2).padStart(8)}   (${one.previews} previews in ${one.seconds.toFixed(1)} s)`);
  console.log(`  ${`overall, ${concurrency} at a time`.padEnd(27)} ${String(documents.length).padStart(5)} ${many.docsPerSecond.toFixed(2).padStart(8)}   (${many.previews} previews in ${many.seconds.toFixed(1)} s)`);
  console.log(`  peak RSS                    ${peakWithoutOffice.toFixed(0)} MB after one at a time, ${peakRssMb().toFixed(0)} MB after ${concurrency} at a time (this process, worker threads included; files held: ${totalMb.toFixed(1)} MB)`);
  console.log('');
  if (office) {
    printTable('with LibreOffice', officeFormats);
    console.log(`  LibreOffice peak RSS        ${officePeakMb.toFixed(0)} MB   (its process tree, sampled every 100 ms)`);
  } else {
    console.log(`  with LibreOffice            not measured: ${install ? 'no presentation in the corpus' : 'soffice, bwrap or prlimit is not installed'}`);
  }
  console.log('');
  console.log(`  rerun: ${rerunCommand}`);
  const file = await saveResults('preview-throughput', {
    command: rerunCommand,
    rounds,
    concurrency,
    officeRounds,
    corpusMb: totalMb,
    perFormat: formats,
    oneAtATime: one,
    parallel: many,
    peakRssMb: { withoutOffice: peakWithoutOffice, afterParallel: peakRssMb() },
    libreOffice: office ? { perFormat: officeFormats, peakRssMb: officePeakMb } : null,
  });
  console.log(`  results: ${file}`);
}

main().catch((error: unknown) => {
  console.error('[bench] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  console.error(`[bench] rerun with: ${rerunCommand}`);
  process.exit(1);
});
