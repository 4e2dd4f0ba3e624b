import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { extractText } from '@/lib/extract';
import { ZipArchive } from '@/lib/extract/zip';
import { resolveLimits } from '@/lib/extract/limits';
import { testSettings } from '@/lib/testing/settings';
import { checkDocument } from './check-document';
import { cleanDocument, type CleanResult } from './clean/clean-document';
import type { FindingKind } from './findings';
import { readImageMetadata } from './images/read-image-metadata';
import { findingsOf } from './testing/expect-report';
import { packageProblems } from './testing/package-consistency';
import { jpegWithMetadata, pngWithMetadata } from './testing/planted-images';
import { PLANTED_DOCX_TEXT, plantedDocx } from './testing/planted-docx';
import { PLANTED_PPTX_TEXT, plantedPptx } from './testing/planted-pptx';
import { plantedXlsx } from './testing/planted-xlsx';
import { verifyFormat } from './verify/verify-format';

/**
 * The clean-up makes new files without the planted hidden content; each is read back with the
 * checker (the items are gone), with lib/extract (the text is intact) and with verifyFormat (it is
 * still a well-formed file of its format).
 */

function cleaned(result: CleanResult): { bytes: Buffer; removed: string[] } {
  expect(result.status).toBe('cleaned');
  return result.status === 'cleaned' ? result : { bytes: Buffer.alloc(0), removed: [] };
}

async function kindsIn(format: string, bytes: Buffer): Promise<Set<FindingKind>> {
  return new Set(findingsOf(await checkDocument({ format, bytes })).map((f) => f.kind));
}

async function textOf(format: string, bytes: Buffer): Promise<string> {
  const result = await extractText({ format, body: bytes, sizeBytes: bytes.length });
  expect(result.status).toBe('done');
  return result.status === 'done' ? result.text : '';
}

async function entryNames(bytes: Buffer): Promise<string[]> {
  const zip = await ZipArchive.open(bytes, resolveLimits(), new AbortController().signal);
  try {
    return zip.names();
  } finally {
    zip.close();
  }
}

describe('cleaning a Word document', () => {
  it('removes authors, comments, tracked changes and the template path, and keeps the text', async () => {
    const original = plantedDocx({ picture: await jpegWithMetadata() });
    const { bytes, removed } = cleaned(await cleanDocument('docx', original));
    expect(removed).toEqual([
      'the author’s name',
      'the name of the last person to save it',
      'the manager’s name',
      'file paths that include a computer user name',
      '1 comment',
      '1 tracked insertion (accepted: the words stay as ordinary text)',
      '1 tracked deletion (accepted: the deleted words are gone)',
    ]);

    const kinds = await kindsIn('docx', bytes);
    for (const gone of ['comment', 'tracked-change', 'author', 'last-modified-by', 'user-name-in-file-path', 'date-of-birth'] as const) expect(kinds.has(gone), gone).toBe(false);
    // Personal data in the body is the uploader's to edit: still reported.
    expect(kinds.has('phone-number')).toBe(true);

    const text = await textOf('docx', bytes);
    for (const phrase of PLANTED_DOCX_TEXT.kept) expect(text).toContain(phrase);
    expect(text).not.toContain(PLANTED_DOCX_TEXT.deleted);
    expect(bytes.toString('latin1')).not.toContain('Sam Reviewer');
    expect(await entryNames(bytes)).not.toContain('word/comments.xml');
    expect(await verifyFormat('docx', bytes)).toEqual({ ok: true, checked: 'structure' });
    expect(await packageProblems(original)).toEqual([]);
    expect(await packageProblems(bytes)).toEqual([]);
  });

  it('changes nothing it does not need to: cleaning twice removes nothing more', async () => {
    const once = cleaned(await cleanDocument('docx', plantedDocx())).bytes;
    expect(cleaned(await cleanDocument('docx', once)).removed).toEqual([]);
  });
});

describe('cleaning an Excel workbook', () => {
  it('removes the comment and its drawing, the authors and the saved folder, and keeps every sheet', async () => {
    const { bytes, removed } = cleaned(await cleanDocument('xlsx', plantedXlsx()));
    expect(removed).toEqual(['the author’s name', 'the name of the last person to save it', 'file paths that include a computer user name', '1 cell comment']);
    const kinds = await kindsIn('xlsx', bytes);
    for (const gone of ['comment', 'author', 'last-modified-by', 'user-name-in-file-path'] as const) expect(kinds.has(gone), gone).toBe(false);
    expect(kinds.has('hidden-sheet')).toBe(true);
    const names = await entryNames(bytes);
    expect(names).not.toContain('xl/comments1.xml');
    expect(names).not.toContain('xl/drawings/vmlDrawing1.vml');
    const text = await textOf('xlsx', bytes);
    expect(text).toContain('Parking');
    expect(text).toContain('07981 123456');
    expect(bytes.toString('latin1')).not.toContain('legacyDrawing');
    expect(await verifyFormat('xlsx', bytes)).toMatchObject({ ok: true });
    expect(await packageProblems(bytes)).toEqual([]);
  });
});

describe('cleaning a PowerPoint deck', () => {
  it('removes comments and authors, keeps speaker notes unless asked', async () => {
    const kept = cleaned(await cleanDocument('pptx', plantedPptx()));
    expect(kept.removed).toEqual(['the author’s name', 'the name of the last person to save it', '1 comment']);
    const keptKinds = await kindsIn('pptx', kept.bytes);
    expect(keptKinds.has('comment')).toBe(false);
    expect(keptKinds.has('speaker-notes')).toBe(true);

    const { bytes, removed } = cleaned(await cleanDocument('pptx', plantedPptx(), { removeSpeakerNotes: true }));
    expect(removed).toContain('speaker notes from 1 slide');
    const kinds = await kindsIn('pptx', bytes);
    expect(kinds.has('speaker-notes')).toBe(false);
    expect(kinds.has('phone-number')).toBe(false);
    const names = await entryNames(bytes);
    expect(names.filter((n) => /notesSlide|comment/i.test(n))).toEqual([]);
    const text = await textOf('pptx', bytes);
    for (const phrase of PLANTED_PPTX_TEXT.slides) expect(text).toContain(phrase);
    expect(await verifyFormat('pptx', bytes)).toMatchObject({ ok: true });
    expect(await packageProblems(kept.bytes)).toEqual([]);
    expect(await packageProblems(bytes)).toEqual([]);
  });
});

describe('cleaning pictures', () => {
  it('removes EXIF, GPS, comments and trailing data from a JPEG without touching its pixels', async () => {
    const original = await jpegWithMetadata(undefined, { comment: 'Taken at 12 Acacia Avenue', trailer: Buffer.from('trailing data') });
    const { bytes, removed } = cleaned(await cleanDocument('jpeg', original));
    expect(removed).toEqual(['3 blocks of hidden picture details (such as location, camera and author)']);
    expect(findingsOf(await checkDocument({ format: 'jpeg', bytes }))).toEqual([]);
    expect(bytes.toString('latin1')).not.toMatch(/Acacia|Jane Smith|trailing data/);
    const [before, after] = await Promise.all([sharp(original).raw().toBuffer(), sharp(bytes).raw().toBuffer()]);
    expect(after.equals(before)).toBe(true);
    expect(await verifyFormat('jpeg', bytes)).toMatchObject({ ok: true });
  });

  it('keeps a JPEG’s orientation, so it stays the right way up', async () => {
    const turned = await jpegWithMetadata({ orientation: 6, artist: 'Jane Smith', gps: { latitude: 51.45, longitude: -2.59 } });
    const { bytes } = cleaned(await cleanDocument('jpeg', turned));
    expect(readImageMetadata(bytes)).toEqual({ orientation: 6, names: [], positionInXmp: false, hasComments: false });
    expect((await sharp(bytes).metadata()).orientation).toBe(6);
  });

  it('removes text chunks and EXIF from a PNG without touching its pixels', async () => {
    const original = await pngWithMetadata();
    const { bytes } = cleaned(await cleanDocument('png', original));
    expect(findingsOf(await checkDocument({ format: 'png', bytes }))).toEqual([]);
    const [before, after] = await Promise.all([sharp(original).raw().toBuffer(), sharp(bytes).raw().toBuffer()]);
    expect(after.equals(before)).toBe(true);
    expect(await verifyFormat('png', bytes)).toMatchObject({ ok: true });
  });
});

describe('cleaning the real corpus', () => {
  it('keeps every word of every real DOCX and PPTX, and leaves the package as consistent as it was', async () => {
    const files = fs.readdirSync(testSettings.corpusDir).filter((f) => /\.(docx|pptx)$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const file of files) {
      const format = path.extname(file).slice(1);
      const original = fs.readFileSync(path.join(testSettings.corpusDir, file));
      const { bytes } = cleaned(await cleanDocument(format, original));
      expect(await textOf(format, bytes), file).toBe(await textOf(format, original));
      expect(await packageProblems(bytes), file).toEqual(await packageProblems(original));
      const kinds = await kindsIn(format, bytes);
      expect(kinds.has('author') || kinds.has('last-modified-by'), file).toBe(false);
    }
  });
});

describe('formats not cleaned', () => {
  it('says so plainly', async () => {
    expect(await cleanDocument('pdf', Buffer.from('%PDF-1.7'))).toEqual({ status: 'not-cleaned', message: 'PDF files are not cleaned automatically. Remove any hidden details in the application that made the file.' });
  });
});
