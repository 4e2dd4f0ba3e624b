import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { testSettings } from '@/lib/testing/settings';
import { findLibreOffice, renderPreview, type PreviewResult } from './index';

/**
 * A preview of every file of every format in the real corpus (CORPUS_DIR, default ../shared/corpus):
 * PDF, DOCX, ODT, ODS, PPTX, Markdown, and its manifest.csv as the CSV. Each must preview, showing
 * words the file really holds. The PPTX is drawn through LibreOffice where it is installed (see
 * libreoffice.test.ts for what happens where it is not) and given as an outline otherwise.
 */

const corpus = testSettings.corpusDir;
const files = fs.readdirSync(corpus).sort();
const office = findLibreOffice();

async function previewFile(file: string): Promise<PreviewResult> {
  const body = fs.readFileSync(path.join(corpus, file));
  const format = path.extname(file).slice(1);
  return renderPreview({ format, body, sizeBytes: body.length }, { timeLimitMs: 170_000 });
}

/** Phrases each document's preview must show (in its HTML, page text, cells or outline). */
const phrases: Record<string, string[]> = {
  '015-gds-research-consent-form.pdf': ['CONSENT FORM'],
  '019-gds-inside-government-testing-report.pdf': ['Nick Breeze and Angela Collins'],
  '020-gds-assisted-digital-personas.odt': ['Living with dementia'],
  '022-gds-alpha-assessment-prompts.ods': ['Understand user needs'],
  '027-gds-user-researcher-job-description.docx': ['User Researcher'],
  '028-scotgov-research-consent-form.docx': ['Informed consent form', 'Purpose of this study'],
  '097-cps-agouls-beta-assessment-deck.pptx': ['AGO Unduly Lenient Sentencing Application'],
  'manifest.csv': ['001-gds-discovery-phase-overview.md', 'alphagov/government-service-design-manual'],
};

function shownText(result: PreviewResult): string {
  if (result.status !== 'ready') return '';
  switch (result.kind) {
    case 'pages':
      return result.pages.map((p) => p.text).join('\n');
    case 'html':
      return result.html;
    case 'sheets':
      return result.sheets.map((s) => s.html).join('\n');
    case 'outline':
      return result.slides.map((s) => [s.title, ...s.paragraphs].join('\n')).join('\n');
    case 'image':
      return '';
  }
}

/** The tags of some HTML (text between them left out), to check what elements and attributes it has. */
function tags(html: string): string {
  return (html.match(/<[^>]*>/g) ?? []).join('');
}

describe('the real corpus', () => {
  it('has every format the previews are tested on', () => {
    const formats = new Set(files.map((f) => path.extname(f).slice(1)));
    for (const format of ['pdf', 'docx', 'odt', 'ods', 'pptx', 'csv', 'md']) expect(formats.has(format), format).toBe(true);
  });

  // Four of the sixteen PDFs, to keep the suite's time in bounds (bench/preview-throughput.ts previews
  // all of them): the two whose words are checked, the poster (text only in pictures), the largest.
  const pdfs = files.filter((f) => f.endsWith('.pdf'));
  const largestPdf = [...pdfs].sort((a, b) => fs.statSync(path.join(corpus, b)).size - fs.statSync(path.join(corpus, a)).size)[0]!;
  const samplePdfs = [...new Set([...pdfs.filter((f) => phrases[f] || f.startsWith('031')), largestPdf])];

  describe.each(samplePdfs)('%s', (file) => {
    it('previews its first pages as pictures with their text', async () => {
      const result = await previewFile(file);
      if (result.status !== 'ready' || result.kind !== 'pages') throw new Error(JSON.stringify(result));
      expect(result.pages.length).toBe(Math.min(10, result.pageCount));
      const meta = await sharp(result.pages[0]!.image.data).metadata();
      expect(meta.format).toBe('webp');
      expect(meta.width).toBeLessThanOrEqual(1000);
      expect(result.thumbnail.width).toBeLessThanOrEqual(320);
      // 031 is a poster: a few labels in a picture.
      if (!file.startsWith('031')) expect(result.pages[0]!.text.length).toBeGreaterThan(20);
      for (const phrase of phrases[file] ?? []) expect(shownText(result)).toContain(phrase);
    });
  });

  describe.each(files.filter((f) => /\.(docx|odt)$/.test(f)))('%s', (file) => {
    it('previews as sanitised HTML', async () => {
      const result = await previewFile(file);
      if (result.status !== 'ready' || result.kind !== 'html') throw new Error(JSON.stringify(result));
      expect(result.html.length).toBeGreaterThan(500);
      expect(tags(result.html)).not.toMatch(/<(script|a|style|iframe)\b|\s(href|style|on\w+)=/i);
      for (const phrase of phrases[file] ?? []) expect(result.html).toContain(phrase);
    });
  });

  it('previews the ODS as its first sheets', async () => {
    const result = await previewFile('022-gds-alpha-assessment-prompts.ods');
    expect(result).toMatchObject({ status: 'ready', kind: 'sheets', sheetCount: 18, notice: 'Showing the first 5 of 18 sheets.' });
    for (const phrase of phrases['022-gds-alpha-assessment-prompts.ods']!) expect(shownText(result)).toContain(phrase);
  });

  it('previews the manifest as a CSV table', async () => {
    const rows = fs.readFileSync(path.join(corpus, 'manifest.csv'), 'utf8').trim().split('\n').length;
    const result = await previewFile('manifest.csv');
    expect(result).toMatchObject({ status: 'ready', kind: 'sheets', sheets: [{ rowCount: rows, columnCount: 12, columnsShown: 12 }] });
    for (const phrase of phrases['manifest.csv']!) expect(shownText(result)).toContain(phrase);
  });

  it(`previews the PPTX ${office ? 'as slide pictures, through LibreOffice' : 'as an outline (no LibreOffice here)'}`, { timeout: 180_000 }, async () => {
    const result = await previewFile('097-cps-agouls-beta-assessment-deck.pptx');
    if (office) expect(result).toMatchObject({ status: 'ready', kind: 'pages', source: 'slides', pageCount: 29, notice: 'Showing the first 10 of 29 slides.' });
    else expect(result).toMatchObject({ status: 'ready', kind: 'outline', slideCount: 29 });
    for (const phrase of phrases['097-cps-agouls-beta-assessment-deck.pptx']!) expect(shownText(result)).toContain(phrase);
  });

  it('previews every Markdown file as HTML with its headings and words', async () => {
    const markdown = files.filter((f) => f.endsWith('.md'));
    expect(markdown.length).toBeGreaterThan(60);
    for (const file of markdown) {
      const result = await previewFile(file);
      if (result.status !== 'ready' || result.kind !== 'html') throw new Error(`${file}: ${JSON.stringify(result)}`);
      expect(result.html, file).toMatch(/<(h[2-6]|p)>/);
      expect(tags(result.html), file).not.toMatch(/<(script|a|img|iframe)\b|\s(href|src|on\w+)=/i);
    }
  });
});
