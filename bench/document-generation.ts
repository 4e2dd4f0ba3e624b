/**
 * Document generation: how long lib/documents takes to make the whole starter kit (11 templates) as
 * DOCX and ODT, so the lead can choose between generating at seed time and committing the files.
 *
 *   npm run bench:documents      (= npx tsx --conditions=react-server bench/document-generation.ts)
 *
 * The Markdown is read from disk once, first. The first kit is timed on its own (a cold start: the
 * modules' first use, as at a server's first seed), then BENCH_ROUNDS more kits (default 10), each
 * template one after another, each format timed alone, then the whole kit with
 * generateAlternativeFormats (both formats of a template at once). Wall times and, for the warm kits,
 * this process's CPU time (the machine is shared: CPU time says more when it is busy). Nothing is
 * written to disk.
 * Never part of `npm test`.
 */
import { generateAlternativeFormats, markdownToDocx, markdownToOdt } from '@/lib/documents';
import { starterKitDocumentSources } from '@/lib/seed/starter-kit-documents';
import { machineLine, peakRssMb, rerunWith, saveResults, stats } from './lib/report';

const rerunCommand = rerunWith('npx tsx --conditions=react-server bench/document-generation.ts');
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS || 10));

async function timeKit(sources: ReturnType<typeof starterKitDocumentSources>) {
  const perFormat = { docx: [] as number[], odt: [] as number[] };
  const started = performance.now();
  let bytes = 0;
  for (const source of sources) {
    let t = performance.now();
    bytes += (await markdownToDocx(source.markdown, source.properties)).length;
    perFormat.docx.push(performance.now() - t);
    t = performance.now();
    bytes += (await markdownToOdt(source.markdown, source.properties)).length;
    perFormat.odt.push(performance.now() - t);
  }
  return { ms: performance.now() - started, perFormat, bytes };
}

async function main() {
  const sources = starterKitDocumentSources();
  console.log(`Document generation benchmark — ${machineLine()}`);
  console.log(`  kit                         ${sources.length} templates, ${(sources.reduce((n, s) => n + s.markdown.length, 0) / 1024).toFixed(0)} KB of Markdown, as DOCX and ODT`);

  const cold = await timeKit(sources);
  console.log(`  first kit (cold)            ${cold.ms.toFixed(0)} ms for ${sources.length * 2} files (${(cold.bytes / 1024).toFixed(0)} KB)`);

  const kits: number[] = [];
  const cpuBefore = process.cpuUsage();
  const docx: number[] = [];
  const odt: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const kit = await timeKit(sources);
    kits.push(kit.ms);
    docx.push(...kit.perFormat.docx);
    odt.push(...kit.perFormat.odt);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMsPerKit = (cpu.user + cpu.system) / 1000 / rounds;
  const both: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (const source of sources) await generateAlternativeFormats(source.markdown, source.properties);
    both.push(performance.now() - started);
  }
  const kitStats = stats(kits);
  const docxStats = stats(docx);
  const odtStats = stats(odt);
  const bothStats = stats(both);
  const line = (label: string, s: ReturnType<typeof stats>, unit: string) =>
    console.log(`  ${label.padEnd(28)}p50 ${s.p50.toFixed(1)} ms   p95 ${s.p95.toFixed(1)} ms   max ${s.max.toFixed(1)} ms   ${unit}`);
  line('whole kit, warm', kitStats, `(${rounds} kits, one file at a time)`);
  console.log(`  CPU time per warm kit        ${cpuMsPerKit.toFixed(0)} ms (user + system, this process: less sensitive to other work on the machine than wall time)`);
  line('one DOCX', docxStats, `(${docx.length} files)`);
  line('one ODT', odtStats, `(${odt.length} files)`);
  line('whole kit, both at once', bothStats, '(generateAlternativeFormats per template)');
  console.log(`  peak RSS                    ${peakRssMb().toFixed(0)} MB (this process)`);
  const saved = await saveResults('document-generation', { rounds, coldMs: cold.ms, cpuMsPerKit, kit: kitStats, docx: docxStats, odt: odtStats, both: bothStats });
  console.log(`\nSaved ${saved}\nRerun: ${rerunCommand}`);
}

main().catch((error: unknown) => {
  console.error('The document generation benchmark failed:', error);
  process.exitCode = 1;
});
