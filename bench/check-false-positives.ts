/**
 * The checker over the real corpus (CORPUS_DIR, default ../shared/corpus): published public-sector
 * documents, so nearly every "likely personal" finding in their text is a false positive. Prints the
 * findings per document by kind and likelihood, how many documents have a likely-personal finding
 * (in the text; hidden content such as comments is counted apart, as it is really there), the time
 * per format and the process's peak memory.
 *
 *   npm run bench:checks      (= npx tsx --conditions=react-server bench/check-false-positives.ts)
 *
 * Each file is checked once after a warm-up round (BENCH_ROUNDS, default 1, to time more rounds).
 * Masked excerpts of likely findings are printed so each can be judged; they come from public
 * documents. Never part of `npm test`.
 */
import fs from 'node:fs';
import { checkDocument } from '@/lib/checks/check-document';
import type { Finding } from '@/lib/checks/findings';
import { corpusDir, corpusFiles } from './lib/corpus';
import { machineLine, peakRssMb, rerunWith, saveResults, stats } from './lib/report';

const rerunCommand = rerunWith('npx tsx --conditions=react-server bench/check-false-positives.ts');
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS || 1));

interface DocumentResult {
  file: string;
  format: string;
  status: string;
  ms: number;
  findings: Finding[];
}

async function main() {
  const documents = corpusFiles().map((f) => ({ file: f.file, format: f.format, bytes: fs.readFileSync(f.path) }));
  console.log(`[bench] ${documents.length} files from ${corpusDir()}; warm-up…`);
  for (const doc of documents.slice(0, 3)) await checkDocument({ format: doc.format, bytes: doc.bytes, fileName: doc.file });

  const results: DocumentResult[] = [];
  const timings = new Map<string, number[]>();
  for (let round = 0; round < rounds; round++) {
    for (const doc of documents) {
      const started = performance.now();
      const report = await checkDocument({ format: doc.format, bytes: doc.bytes, fileName: doc.file });
      const ms = performance.now() - started;
      timings.set(doc.format, [...(timings.get(doc.format) ?? []), ms]);
      if (round === 0) results.push({ file: doc.file, format: doc.format, status: report.status, ms, findings: report.status === 'checked' ? report.findings : [] });
    }
  }

  const byKind = new Map<string, Record<string, number>>();
  for (const result of results) {
    for (const finding of result.findings) {
      const row = byKind.get(finding.kind) ?? { likely: 0, possible: 0, unlikely: 0, 'not-personal': 0, documents: 0 };
      row[finding.likelihood]! += 1;
      byKind.set(finding.kind, row);
    }
    for (const kind of new Set(result.findings.map((f) => f.kind))) byKind.get(kind)!.documents! += 1;
  }
  const likelyText = results.filter((r) => r.findings.some((f) => f.category === 'personal-data' && f.likelihood === 'likely'));
  const likelyHidden = results.filter((r) => r.findings.some((f) => f.category === 'hidden-content' && f.likelihood === 'likely'));
  const possibleText = results.filter((r) => r.findings.some((f) => f.category === 'personal-data' && f.likelihood === 'possible'));
  const notChecked = results.filter((r) => r.status !== 'checked');

  console.log('');
  console.log(`Check false positives — ${machineLine()}`);
  console.log(`  checkDocument over ${results.length} published documents (${corpusDir()}), default limits`);
  if (notChecked.length) console.log(`  not checked: ${notChecked.map((r) => `${r.file} (${r.status})`).join(', ')}`);
  console.log('');
  console.log(`  documents with a LIKELY personal-data finding in their text   ${likelyText.length} of ${results.length}   (false positives: these are published documents)`);
  console.log(`  documents with a possible personal-data finding               ${possibleText.length} of ${results.length}`);
  console.log(`  documents with likely hidden content (comments, changes, GPS)  ${likelyHidden.length} of ${results.length}   (really there, not false positives)`);
  console.log('');
  console.log('  findings by kind                  likely  possible  unlikely  signals   documents');
  for (const [kind, row] of [...byKind].sort((a, b) => a[0].localeCompare(b[0]))) {
    console.log(`  ${kind.padEnd(32)} ${String(row.likely).padStart(7)} ${String(row.possible).padStart(9)} ${String(row.unlikely).padStart(9)} ${String(row['not-personal']).padStart(8)} ${String(row.documents).padStart(11)}`);
  }
  console.log('');
  console.log('  likely and possible findings, per document (masked)');
  for (const result of results) {
    const shown = result.findings.filter((f) => f.category !== 'accessibility' && (f.likelihood === 'likely' || f.likelihood === 'possible'));
    if (shown.length === 0) continue;
    console.log(`  ${result.file}`);
    for (const f of shown) console.log(`      ${f.likelihood.padEnd(8)} ${f.kind.padEnd(24)} ${f.where.padEnd(30)} ${f.excerpt}${f.occurrences > 1 ? ` (×${f.occurrences})` : ''}`);
  }
  console.log('');
  console.log('  time per document, by format      files   p50 ms   p95 ms   max ms');
  const perFormat: Record<string, object> = {};
  for (const [format, samples] of [...timings].sort()) {
    const s = stats(samples);
    perFormat[format] = s;
    console.log(`  ${format.padEnd(32)} ${String(samples.length / rounds).padStart(5)} ${s.p50.toFixed(0).padStart(8)} ${s.p95.toFixed(0).padStart(8)} ${s.max.toFixed(0).padStart(8)}`);
  }
  const total = results.reduce((sum, r) => sum + r.ms, 0) / 1000;
  console.log(`  all ${results.length} documents: ${total.toFixed(1)} s one after another; peak RSS ${peakRssMb().toFixed(0)} MB (this process, PDF worker threads included)`);
  console.log('');
  console.log(`  rerun: ${rerunCommand}`);
  const file = await saveResults('check-false-positives', {
    command: rerunCommand,
    documents: results.length,
    likelyPersonalDocuments: likelyText.map((r) => r.file),
    possiblePersonalDocuments: possibleText.length,
    likelyHiddenDocuments: likelyHidden.map((r) => r.file),
    byKind: Object.fromEntries(byKind),
    timePerFormatMs: perFormat,
    totalSeconds: total,
    peakRssMb: peakRssMb(),
  });
  console.log(`  results: ${file}`);
}

main().catch((error: unknown) => {
  console.error('[bench] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  console.error(`[bench] rerun with: ${rerunCommand}`);
  process.exit(1);
});
