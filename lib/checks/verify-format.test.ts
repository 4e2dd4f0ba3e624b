import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildZip, odp } from '@/lib/extract/testing/test-files';
import { testSettings } from '@/lib/testing/settings';
import { plainJpeg, plainPng, pngWithMetadata } from './testing/planted-images';
import { plantedDocx } from './testing/planted-docx';
import { plantedOds, plantedOdt } from './testing/planted-open-document';
import { plantedPdf } from './testing/planted-pdf';
import { plantedPptx } from './testing/planted-pptx';
import { plantedXlsx } from './testing/planted-xlsx';
import { verifyFormat } from './verify/verify-format';

/** The whole body must be the claimed format, not only its first bytes. */

const corpus = (file: string) => fs.readFileSync(path.join(testSettings.corpusDir, file));

describe('files that are what they claim', () => {
  it('accepts real and planted files of every format', async () => {
    const files: [string, Buffer][] = [
      ['pdf', corpus('015-gds-research-consent-form.pdf')],
      ['pdf', plantedPdf([['Hello']])],
      ['docx', corpus('028-scotgov-research-consent-form.docx')],
      ['docx', plantedDocx()],
      ['pptx', corpus('097-cps-agouls-beta-assessment-deck.pptx')],
      ['pptx', plantedPptx()],
      ['xlsx', plantedXlsx()],
      ['odt', corpus('020-gds-assisted-digital-personas.odt')],
      ['odt', plantedOdt()],
      ['ods', corpus('022-gds-alpha-assessment-prompts.ods')],
      ['ods', plantedOds()],
      ['odp', odp([['A slide']])],
      ['png', await plainPng()],
      ['png', await pngWithMetadata()],
      ['jpeg', await plainJpeg()],
      ['md', corpus('001-gds-discovery-phase-overview.md')],
      ['txt', Buffer.from('Plain words\r\n')],
      ['csv', Buffer.from('a,b\n1,2\n')],
      ['rtf', Buffer.from('{\\rtf1\\ansi Hello\\par}')],
      ['doc', fs.readFileSync(path.join(process.cwd(), 'lib', 'extract', 'fixtures', 'sample.doc'))],
    ];
    for (const [format, bytes] of files) expect(await verifyFormat(format, bytes), format).toMatchObject({ ok: true });
    expect(await verifyFormat('doc', fs.readFileSync(path.join(process.cwd(), 'lib', 'extract', 'fixtures', 'sample.doc')))).toEqual({ ok: true, checked: 'signature' });
  });
});

describe('files that are not', () => {
  it('refuses HTML behind a %PDF-1.7 header, with or without an end marker', async () => {
    const html = '%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n';
    expect(await verifyFormat('pdf', Buffer.from(html))).toEqual({ ok: false, reason: 'It is not a PDF file, or it is damaged.' });
    expect(await verifyFormat('pdf', Buffer.from(`${html}%%EOF\n`))).toEqual({ ok: false, reason: 'It is not a PDF file, or it is damaged.' });
  });

  it('refuses a PDF cut short', async () => {
    const whole = plantedPdf([['Hello'], ['World']]);
    expect(await verifyFormat('pdf', whole.subarray(0, whole.length - 200))).toMatchObject({ ok: false });
  });

  it('refuses a zip named .docx with no Word document inside, and an Excel workbook named .docx', async () => {
    const zip = buildZip([{ name: 'readme.txt', data: Buffer.from('Just a zip') }]);
    expect(await verifyFormat('docx', zip)).toEqual({ ok: false, reason: 'It is a zip file, but there is no Word document inside it.' });
    expect(await verifyFormat('docx', plantedXlsx())).toEqual({ ok: false, reason: 'It is an Excel workbook, not a Word document.' });
    expect(await verifyFormat('ods', plantedOdt())).toEqual({ ok: false, reason: 'It is an OpenDocument text file, not an OpenDocument spreadsheet file.' });
  });

  it('refuses a truncated PNG and JPEG, and a PNG named .jpg', async () => {
    const png = await plainPng();
    expect(await verifyFormat('png', png.subarray(0, png.length - 20))).toEqual({ ok: false, reason: 'The PNG picture is cut short: it ends before its last part.' });
    const jpeg = await plainJpeg();
    expect(await verifyFormat('jpeg', jpeg.subarray(0, Math.floor(jpeg.length * 0.6)))).toEqual({ ok: false, reason: 'The JPEG picture is damaged or cut short, so it cannot be shown.' });
    expect(await verifyFormat('jpg', png)).toEqual({ ok: false, reason: 'It is not a JPEG picture: it does not start the way a JPEG does.' });
  });

  it('refuses binary data and web pages as text', async () => {
    expect(await verifyFormat('txt', Buffer.from('MZ\u0000\u0001binary'))).toEqual({ ok: false, reason: 'It is not a text file: it contains binary data.' });
    expect(await verifyFormat('csv', Buffer.from('<!DOCTYPE html><html><script>x()</script>'))).toEqual({ ok: false, reason: 'It is a web page (HTML), not a text file.' });
    expect(await verifyFormat('md', Buffer.from('# Title\n\n<details>HTML is fine in Markdown</details>'))).toMatchObject({ ok: true });
  });

  it('refuses an RTF that stops inside a \\bin, a legacy file without its stream, empty files and unknown formats', async () => {
    expect(await verifyFormat('rtf', Buffer.from('{\\rtf1 \\bin99999 abc}'))).toEqual({ ok: false, reason: 'It is not a Rich text file, or it is damaged.' });
    expect(await verifyFormat('xls', fs.readFileSync(path.join(process.cwd(), 'lib', 'extract', 'fixtures', 'sample.doc')))).toEqual({ ok: false, reason: 'It is an Office file, but not an Excel 97–2003 spreadsheet.' });
    expect(await verifyFormat('pdf', Buffer.alloc(0))).toEqual({ ok: false, reason: 'The file is empty.' });
    expect(await verifyFormat('exe', Buffer.from('MZ'))).toEqual({ ok: false, reason: 'Files of this type are not accepted.' });
  });
});
