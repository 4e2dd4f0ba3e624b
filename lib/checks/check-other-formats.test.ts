import { beforeAll, describe, expect, it } from 'vitest';
import { checkDocument } from './check-document';
import type { CheckReport } from './report';
import { findingAt, findingsOf, reportText } from './testing/expect-report';
import { jpegWithMetadata, plainJpeg, pngWithMetadata } from './testing/planted-images';
import { odp } from '@/lib/extract/testing/test-files';
import { plantedOds, plantedOdt } from './testing/planted-open-document';
import { plantedPdf } from './testing/planted-pdf';

/** PDF, OpenDocument, plain text, CSV, RTF and pictures with planted content; formats not checked. */

describe('a PDF', () => {
  let report: CheckReport;
  beforeAll(async () => {
    const pdf = plantedPdf([['Meeting notes'], ['Patient: Jane', 'NHS number 943 476 5919']], { author: 'Jane Smith', comment: { author: 'Sam Reviewer', text: 'Her DOB is 12/03/1984' } });
    report = await checkDocument({ format: 'pdf', bytes: pdf });
  });

  it('finds the NHS number on its page', () => {
    expect(findingAt(report, 'nhs-number', 'page 2')).toMatchObject({ likelihood: 'likely', excerpt: '9•• ••• ••19' });
  });

  it('finds the comment, its author and the date of birth in it, and the author in the document information', () => {
    expect(findingAt(report, 'comment', 'page 1, in a comment')).toMatchObject({ excerpt: 'comment by S••• R•••' });
    expect(findingAt(report, 'date-of-birth', 'page 1, in a comment').likelihood).toBe('likely');
    expect(findingAt(report, 'author', 'document properties').excerpt).toBe('J••• S•••');
    expect(reportText(report)).not.toContain('943 476 5919');
  });

  it('signals an untagged PDF with no title or language, and says nothing of those when it has them', async () => {
    for (const kind of ['pdf-not-tagged', 'no-document-title', 'no-document-language'] as const) findingAt(report, kind, 'whole document');
    const good = await checkDocument({ format: 'pdf', bytes: plantedPdf([['Hello']], { title: 'A report', language: 'en-GB', tagged: true }) });
    expect(findingsOf(good).filter((f) => f.category === 'accessibility')).toEqual([]);
  });

  it('signals a PDF whose pages have no text (a scan)', async () => {
    const scan = await checkDocument({ format: 'pdf', bytes: plantedPdf([[], []], { title: 'Scan', language: 'en', tagged: true }) });
    expect(findingAt(scan, 'pdf-scanned-no-text', 'whole document').reason).toMatch(/scan/);
  });

  it('does not take ten digits without “NHS” for an NHS number', async () => {
    const other = await checkDocument({ format: 'pdf', bytes: plantedPdf([['Reference 943 476 5919']]) });
    expect(findingsOf(other).some((f) => f.kind === 'nhs-number')).toBe(false);
  });
});

describe('OpenDocument', () => {
  it('finds the comment, tracked deletion, hidden section and personal data in an ODT', async () => {
    const report = await checkDocument({ format: 'odt', bytes: plantedOdt() });
    expect(findingAt(report, 'phone-number', 'paragraph 2').likelihood).toBe('likely');
    expect(findingAt(report, 'comment', 'comment on paragraph 2').excerpt).toBe('comment by S••• R•••');
    expect(findingAt(report, 'tracked-change', 'paragraph 3').excerpt).toBe('deletion by S••• R•••');
    expect(findingAt(report, 'hidden-text', 'paragraph 4').likelihood).toBe('possible');
    expect(findingAt(report, 'national-insurance-number', 'paragraph 4').likelihood).toBe('likely');
    expect(findingAt(report, 'author', 'document properties').excerpt).toBe('J••• S•••');
    expect(findingsOf(report).some((f) => f.kind === 'no-headings' || f.kind === 'no-document-language')).toBe(false);
  });

  it('finds the speaker notes of an ODP by slide, and signals its slides without titles', async () => {
    const report = await checkDocument({ format: 'odp', bytes: odp([['Findings', 'Residents call 0300 123 4567'], ['Next steps']]) });
    expect(findingAt(report, 'speaker-notes', 'slide 1, speaker notes').excerpt).toBe('3 words of notes');
    findingAt(report, 'speaker-notes', 'slide 2, speaker notes');
    expect(findingAt(report, 'phone-number', 'slide 1').likelihood).toBe('unlikely');
    findingAt(report, 'slide-without-title', 'slide 2');
  });

  it('finds the hidden sheet of an ODS and the phone number in it, by cell', async () => {
    const report = await checkDocument({ format: 'ods', bytes: plantedOds() });
    findingAt(report, 'hidden-sheet', 'sheet ‘Contacts’');
    expect(findingAt(report, 'phone-number', 'sheet ‘Contacts’ (hidden), cell B2').likelihood).toBe('likely');
  });
});

describe('plain text, Markdown, CSV and RTF', () => {
  it('places findings in text and Markdown by line', async () => {
    const text = Buffer.from('Notes from the visit\n\nParticipant: Jane Smith\nEmail: jane.doe@gmail.com\n');
    const report = await checkDocument({ format: 'md', bytes: text });
    expect(findingAt(report, 'person-name', 'line 3')).toMatchObject({ likelihood: 'likely', excerpt: 'J••• S•••' });
    findingAt(report, 'email-address', 'line 4');
  });

  it('places findings in a CSV by cell, and finds a date of birth in the cell after its label', async () => {
    const csv = Buffer.from('name,dob,phone\nJane,12/03/1984,07981 123456\n');
    const report = await checkDocument({ format: 'csv', bytes: csv, fileName: 'people.csv' });
    expect(findingAt(report, 'phone-number', 'sheet ‘people.csv’, cell C2').likelihood).toBe('likely');
    // "dob" is a column heading, not next to the date: not found (the check reads text, not tables).
    expect(findingsOf(report).some((f) => f.kind === 'date-of-birth')).toBe(false);
    const labelled = await checkDocument({ format: 'csv', bytes: Buffer.from('Date of birth,12/03/1984\n') });
    expect(findingAt(labelled, 'date-of-birth', 'sheet ‘the file’, cell B1').likelihood).toBe('likely');
  });

  it('finds personal data, the author and comments in RTF', async () => {
    const rtf = Buffer.from('{\\rtf1\\ansi{\\info{\\author Jane Smith}{\\operator Sam Reviewer}}Call 07981 123456.\\par{\\*\\atnauthor Sam Reviewer}\\chatn{\\*\\annotation Remove this}\\par}');
    const report = await checkDocument({ format: 'rtf', bytes: rtf });
    expect(findingAt(report, 'phone-number', 'paragraph 1').likelihood).toBe('likely');
    expect(findingAt(report, 'author', 'document properties').excerpt).toBe('J••• S•••');
    expect(findingAt(report, 'last-modified-by', 'document properties').excerpt).toBe('S••• R•••');
    expect(findingAt(report, 'comment', 'whole document').excerpt).toBe('comment by S••• R•••');
  });
});

describe('pictures', () => {
  it('finds the GPS position and the author in a JPEG and a PNG', async () => {
    for (const [format, bytes] of [['jpeg', await jpegWithMetadata()], ['png', await pngWithMetadata()]] as const) {
      const report = await checkDocument({ format, bytes });
      expect(findingAt(report, 'image-location', 'whole document')).toMatchObject({ likelihood: 'likely', excerpt: 'about 51.5°N, 2.6°W' });
      expect(findingAt(report, 'image-author', 'whole document').excerpt).toBe('J••• S•••');
      expect(report.status === 'checked' && report.notes.join(' ')).toMatch(/not read/);
    }
  });

  it('finds nothing in a picture without metadata', async () => {
    expect(findingsOf(await checkDocument({ format: 'jpg', bytes: await plainJpeg() }))).toEqual([]);
  });
});

describe('formats not checked', () => {
  it('says so plainly for the legacy Office formats and for unknown ones', async () => {
    const doc = await checkDocument({ format: 'doc', bytes: Buffer.from('whatever') });
    expect(doc).toEqual({ status: 'not-checked', format: 'doc', message: expect.stringMatching(/^Word 97–2003 document files are not checked .* save it as a Word document \(DOCX\)/) });
    expect(await checkDocument({ format: 'exe', bytes: Buffer.from('MZ') })).toMatchObject({ status: 'not-checked', message: 'Files of this type are not checked. Please check the file yourself before you publish it.' });
  });
});
