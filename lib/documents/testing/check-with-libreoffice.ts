import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { extractText } from '@/lib/extract';
import { writeAlternativeFormats } from '@/lib/documents';
import { starterKitDocumentSources } from '@/lib/seed/starter-kit-documents';
import { markdownFacts, wordsOf } from './markdown-facts';
import { descendants, parseXmlTree, readPackage, textOf } from './read-package';

/**
 * "Does it open in a real office suite?" — not part of the unit suite, since CI may have no
 * LibreOffice. Generates every starter-kit template as DOCX and ODT into a temp folder, then with
 * LibreOffice (soffice --headless, its own throwaway profile):
 *
 * 1. converts each file to PDF, and reads the PDF back with the hub's extractor: it must have pages
 *    and every heading's words;
 * 2. converts each DOCX to ODT and each ODT to DOCX, and checks LibreOffice saw the headings at the
 *    right levels (text:h outline levels in its ODT; Heading1-4 paragraph styles in its DOCX) and
 *    the header rows (table:table-header-rows; w:tblHeader).
 *
 *   npx tsx --conditions=react-server lib/documents/testing/check-with-libreoffice.ts
 *
 * Exits 0 when every check passed, 1 when one failed, 2 when LibreOffice is not installed
 * (apt-get install -y libreoffice-writer-nogui).
 */

const run = promisify(execFile);
const SOFFICE = process.env.SOFFICE ?? 'soffice';

async function main(): Promise<number> {
  if (!(await which(SOFFICE))) {
    console.error(`LibreOffice (${SOFFICE}) is not installed: apt-get install -y libreoffice-writer-nogui`);
    return 2;
  }
  const { stdout: version } = await run(SOFFICE, ['--version'], { timeout: 60_000 });
  const work = await mkdtemp(path.join(os.tmpdir(), 'dc-documents-'));
  const profile = `file://${path.join(work, 'profile')}`;
  let failures = 0;
  const fail = (message: string) => {
    failures++;
    console.log(`  FAIL ${message}`);
  };
  try {
    const sources = starterKitDocumentSources();
    const written = await writeAlternativeFormats(sources, path.join(work, 'generated'));
    console.log(`${version.trim()}\nGenerated ${written.length} files for ${sources.length} templates in ${work}/generated`);

    const convert = async (files: string[], target: string, outDir: string) => {
      const started = performance.now();
      await run(SOFFICE, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', target, '--outdir', outDir, ...files], { timeout: 600_000 });
      return (performance.now() - started) / 1000;
    };

    for (const format of ['docx', 'odt'] as const) {
      const files = written.filter((file) => file.format === format).map((file) => file.path);
      const pdfDir = path.join(work, `pdf-from-${format}`);
      const seconds = await convert(files, 'pdf', pdfDir);
      console.log(`\n${format.toUpperCase()} → PDF: ${files.length} files in ${seconds.toFixed(1)} s`);
      for (const source of sources) {
        const pdfPath = path.join(pdfDir, `${source.name}.pdf`);
        if (!existsSync(pdfPath)) {
          fail(`${source.name}.${format}: LibreOffice made no PDF (it could not open the file)`);
          continue;
        }
        const pdf = await readFile(pdfPath);
        const result = await extractText({ format: 'pdf', body: pdf, sizeBytes: pdf.length });
        if (result.status !== 'done') {
          fail(`${source.name}.${format}: the PDF has no readable text (${result.status})`);
          continue;
        }
        const pdfWords = wordsOf(result.text).join(' ');
        const missing = markdownFacts(source.markdown).headings.filter((heading) => !pdfWords.includes(wordsOf(heading.text).join(' ')));
        if (missing.length > 0) fail(`${source.name}.${format}: headings missing from the PDF: ${missing.map((heading) => heading.text).join('; ')}`);
        else console.log(`  ok   ${source.name}.${format}: ${result.pageCount ?? '?'} pages, ${(pdf.length / 1024).toFixed(0)} KB, every heading there`);
      }
    }

    for (const [from, to] of [['docx', 'odt'], ['odt', 'docx']] as const) {
      const files = written.filter((file) => file.format === from).map((file) => file.path);
      const outDir = path.join(work, `${to}-from-${from}`);
      const seconds = await convert(files, to, outDir);
      console.log(`\n${from.toUpperCase()} → ${to.toUpperCase()} (does LibreOffice see the structure?): ${files.length} files in ${seconds.toFixed(1)} s`);
      for (const source of sources) {
        const converted = path.join(outDir, `${source.name}.${to}`);
        if (!existsSync(converted)) {
          fail(`${source.name}.${from}: LibreOffice could not convert it to ${to}`);
          continue;
        }
        const facts = markdownFacts(source.markdown);
        const entries = await readPackage(await readFile(converted));
        const xml = (name: string) => parseXmlTree(entries.find((entry) => entry.name === name)!.data);
        let levels: number[];
        let headerRows: number;
        if (to === 'odt') {
          const content = xml('content.xml');
          levels = descendants(content, 'text:h').filter((heading) => textOf(heading).trim() !== '').map((heading) => Number(heading.attributes['text:outline-level']));
          headerRows = descendants(content, 'table:table-header-rows').length;
        } else {
          const body = xml('word/document.xml');
          levels = descendants(body, 'w:p').flatMap((paragraph) => {
            const match = /^Heading([1-9])$/.exec(descendants(paragraph, 'w:pStyle')[0]?.attributes['w:val'] ?? '');
            return match ? [Number(match[1])] : [];
          });
          headerRows = descendants(body, 'w:tblHeader').filter((element) => !['0', 'false', 'off'].includes(element.attributes['w:val'] ?? '')).length;
        }
        const expectedLevels = facts.headings.map((heading) => heading.level);
        const expectedHeaderRows = facts.tables.filter((table) => !table.blankHeader).length;
        if (levels.join(',') !== expectedLevels.join(',')) fail(`${source.name}.${from}: LibreOffice read heading levels ${levels.join(',')}, expected ${expectedLevels.join(',')}`);
        else if (headerRows !== expectedHeaderRows) fail(`${source.name}.${from}: LibreOffice kept ${headerRows} header rows, expected ${expectedHeaderRows}`);
        else console.log(`  ok   ${source.name}.${from}: ${levels.length} headings at the right levels, ${headerRows} header rows`);
      }
    }
  } finally {
    if (process.env.KEEP_FILES) console.log(`\nFiles kept in ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
  console.log(failures === 0 ? '\nEvery check passed.' : `\n${failures} check(s) failed.`);
  console.log('Rerun: npx tsx --conditions=react-server lib/documents/testing/check-with-libreoffice.ts   (KEEP_FILES=1 keeps the files)');
  return failures === 0 ? 0 : 1;
}

async function which(command: string): Promise<boolean> {
  try {
    await run('sh', ['-c', `command -v "$1"`, 'sh', command]);
    return true;
  } catch {
    return false;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('The LibreOffice check failed unexpectedly:', error);
    process.exitCode = 1;
  },
);
