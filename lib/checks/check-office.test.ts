import { beforeAll, describe, expect, it } from 'vitest';
import { checkDocument } from './check-document';
import type { CheckReport } from './report';
import { findingAt, findingsOf, reportText } from './testing/expect-report';
import { jpegWithMetadata } from './testing/planted-images';
import { plantedDocx } from './testing/planted-docx';
import { plantedPptx } from './testing/planted-pptx';
import { plantedXlsx } from './testing/planted-xlsx';

/**
 * Word, Excel and PowerPoint files with planted personal data and hidden content (see the builders in
 * testing/ for what is where): each item is found, at the right place, ranked, and masked.
 */

describe('a Word document', () => {
  let report: CheckReport;
  beforeAll(async () => {
    report = await checkDocument({ format: 'docx', bytes: plantedDocx({ picture: await jpegWithMetadata() }) });
  });

  it('finds the personal data in the body, each at its paragraph, masked', () => {
    expect(findingAt(report, 'person-name', 'paragraph 2')).toMatchObject({ likelihood: 'likely', excerpt: 'J•••' });
    expect(findingAt(report, 'postal-address', 'paragraph 2')).toMatchObject({ likelihood: 'likely' });
    expect(findingAt(report, 'phone-number', 'paragraph 3')).toMatchObject({ likelihood: 'likely', excerpt: '07••• ••••56' });
    expect(findingAt(report, 'email-address', 'paragraph 3')).toMatchObject({ likelihood: 'likely', excerpt: 'j•••@gmail.com' });
    expect(findingAt(report, 'phone-number', 'paragraph 7')).toMatchObject({ likelihood: 'unlikely' });
  });

  it('finds the comment, its author and the date of birth inside it', () => {
    expect(findingAt(report, 'comment', 'comment on paragraph 3')).toMatchObject({ likelihood: 'likely', excerpt: 'comment by S••• R•••' });
    expect(findingAt(report, 'date-of-birth', 'comment on paragraph 3')).toMatchObject({ likelihood: 'likely' });
  });

  it('finds the tracked insertion and deletion with their author', () => {
    const changes = findingsOf(report).filter((f) => f.kind === 'tracked-change');
    expect(changes.map((f) => [f.where, f.excerpt])).toEqual([
      ['paragraph 4', 'insertion by S••• R•••'],
      ['paragraph 4', 'deletion by S••• R•••'],
    ]);
  });

  it('finds the hidden text, and the National Insurance number in it', () => {
    expect(findingAt(report, 'hidden-text', 'paragraph 5')).toMatchObject({ excerpt: '7 hidden words' });
    expect(findingAt(report, 'national-insurance-number', 'paragraph 5')).toMatchObject({ likelihood: 'likely', excerpt: 'A• •• •• •• C' });
  });

  it('finds the names in the properties and the user name in the template path', () => {
    expect(findingAt(report, 'last-modified-by', 'document properties')).toMatchObject({ excerpt: 'S••• R•••' });
    const authors = findingsOf(report).filter((f) => f.kind === 'author').map((f) => f.excerpt);
    expect(authors.sort()).toEqual(['J••• S•••', 'P••• M•••']);
    expect(findingAt(report, 'user-name-in-file-path', 'document properties').excerpt).toBe('…\\Users\\j•••\\…');
  });

  it('finds the GPS position and the author in the embedded picture, and its missing alternative text', () => {
    expect(findingAt(report, 'image-location', 'embedded image 1')).toMatchObject({ likelihood: 'likely', excerpt: 'about 51.5°N, 2.6°W' });
    expect(findingAt(report, 'image-author', 'embedded image 1')).toMatchObject({ excerpt: 'J••• S•••' });
    expect(findingAt(report, 'image-without-alt-text', 'paragraph 6').guidance?.url).toBe('https://www.gov.uk/guidance/publishing-accessible-documents#writing-accessible-documents');
  });

  it('ranks likely personal data first, then possible, then unlikely, then accessibility signals', () => {
    const order = { likely: 0, possible: 1, unlikely: 2, 'not-personal': 3 };
    const ranks = findingsOf(report).map((f) => order[f.likelihood]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(findingsOf(report)[0]!.category).toBe('personal-data');
    expect(report.status === 'checked' && report.counts.byLikelihood.likely).toBeGreaterThanOrEqual(9);
  });

  it('never repeats a planted value whole', () => {
    const text = reportText(report);
    for (const value of ['07981 123456', 'jane.doe@gmail.com', 'AB 12 34 56 C', '12/03/1984', 'Acacia', 'Jane Smith', 'Sam Reviewer', 'jane.smith', 'Monday at her home']) {
      expect(text).not.toContain(value);
    }
  });

  it('gives accessibility signals only where they apply', async () => {
    expect(findingsOf(report).some((f) => f.kind === 'no-headings' || f.kind === 'no-document-title' || f.kind === 'no-document-language')).toBe(false);
    const bare = await checkDocument({ format: 'docx', bytes: plantedDocx({ title: '', language: false }) });
    expect(findingAt(bare, 'no-document-title', 'whole document').category).toBe('accessibility');
    expect(findingAt(bare, 'no-document-language', 'whole document').reason).toMatch(/language/);
  });
});

describe('an Excel workbook', () => {
  let report: CheckReport;
  beforeAll(async () => {
    report = await checkDocument({ format: 'xlsx', bytes: plantedXlsx() });
  });

  it('finds the hidden sheet and the phone numbers in it, by cell, typed as text or as a number', () => {
    expect(findingAt(report, 'hidden-sheet', 'sheet ‘Contacts’')).toMatchObject({ likelihood: 'possible', excerpt: 'hidden' });
    const typed = findingAt(report, 'phone-number', 'sheet ‘Contacts’ (hidden), cell B2');
    expect(typed).toMatchObject({ likelihood: 'likely', excerpt: '07••• ••••56' });
    expect(findingAt(report, 'phone-number', 'sheet ‘Contacts’ (hidden), cell B3')).toMatchObject({ likelihood: 'likely' });
  });

  it('finds the comment on B2 with its author, and the same number inside it (one item, two places)', () => {
    expect(findingAt(report, 'comment', 'sheet ‘Summary’, comment on cell B2')).toMatchObject({ excerpt: 'comment by S••• R•••' });
    const number = findingAt(report, 'phone-number', 'sheet ‘Summary’, comment on cell B2');
    expect(number.occurrences).toBe(2);
  });

  it('finds the authors and the user name in the saved folder', () => {
    expect(findingAt(report, 'author', 'document properties').excerpt).toBe('J••• S•••');
    expect(findingAt(report, 'user-name-in-file-path', 'document properties').excerpt).toBe('…\\Users\\j•••\\…');
  });

  it('says a very hidden sheet is very hidden', async () => {
    const veryHidden = await checkDocument({ format: 'xlsx', bytes: plantedXlsx({ hiddenState: 'veryHidden' }) });
    expect(findingAt(veryHidden, 'hidden-sheet', 'sheet ‘Contacts’').excerpt).toMatch(/very hidden/);
  });
});

describe('a PowerPoint deck', () => {
  let report: CheckReport;
  beforeAll(async () => {
    report = await checkDocument({ format: 'pptx', bytes: plantedPptx() });
  });

  it('finds the speaker notes, and the phone number in them', () => {
    expect(findingAt(report, 'speaker-notes', 'slide 1, speaker notes')).toMatchObject({ likelihood: 'possible', excerpt: '10 words of notes' });
    expect(findingAt(report, 'phone-number', 'slide 1, speaker notes')).toMatchObject({ likelihood: 'likely' });
  });

  it('finds the hidden slide, the participant named on it and the comment on it', () => {
    expect(findingAt(report, 'hidden-slide', 'slide 2')).toMatchObject({ likelihood: 'possible' });
    expect(findingAt(report, 'person-name', 'slide 2')).toMatchObject({ likelihood: 'likely', excerpt: 'T••• J•••' });
    expect(findingAt(report, 'comment', 'slide 2, in a comment')).toMatchObject({ excerpt: 'comment by S••• R•••' });
  });

  it('signals the slide without a title and the picture without alternative text', () => {
    expect(findingAt(report, 'slide-without-title', 'slide 3').guidance?.url).toContain('publishing-accessible-documents');
    findingAt(report, 'image-without-alt-text', 'slide 3');
    expect(findingsOf(report).filter((f) => f.kind === 'slide-without-title')).toHaveLength(1);
  });
});
