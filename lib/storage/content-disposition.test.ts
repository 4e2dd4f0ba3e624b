import { parse } from 'content-disposition';
import { describe, expect, it } from 'vitest';
import { attachmentDisposition, cleanFileName } from './content-disposition';

// The hostile names of SECURITY.md ("Upload"), plus a few that break naive encoders.
const hostileNames: Array<[string, string]> = [
  ['quotes', 'the "final" report\'s copy.pdf'],
  ['CR/LF header injection', 'report.pdf\r\nSet-Cookie: session=stolen\r\n\r\n<html>'],
  ['NUL', 'report.pdf\0.html'],
  ['unix traversal', '../../../etc/passwd'],
  ['windows traversal', '..\\..\\Windows\\System32\\cmd.exe'],
  ['double extension', 'a.pdf.html'],
  ['right-to-left override', 'invoice\u202Egpj.exe'],
  ['bidi isolates and zero-width', '\u2066report\u2069\u200B.pdf'],
  ['300 ASCII characters', `${'a'.repeat(296)}.pdf`],
  ['300 non-ASCII characters', `${'é'.repeat(295)}.docx`],
  ['300 astral characters', `${'📄'.repeat(300)}.pdf`],
  ['Latin-1', 'Résumé café.pdf'],
  ['CJK', '議事録 2026年.xlsx'],
  ['percent escapes', '100%25 done %0d%0a.pdf'],
  ['backslash and semicolon', 'a;b\\c.txt'],
  ['lone surrogate', 'broken\uD800name.pdf'],
  ['only separators', '../..'],
  ['empty', ''],
];

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;

describe('attachmentDisposition', () => {
  it.each(hostileNames)('is a well-formed attachment header for %s', (_label, name) => {
    const header = attachmentDisposition(name);
    const cleaned = cleanFileName(name);

    expect(header).not.toMatch(/[\r\n\0]/);
    expect(header).toMatch(ASCII_PRINTABLE); // no raw non-ASCII anywhere

    const parsed = parse(header);
    expect(parsed.type).toBe('attachment');
    expect(parsed.parameters.filename).toBe(cleaned); // filename* wins when present: the exact name

    const fallback = parse(header, { extended: false }).parameters.filename ?? '';
    expect(fallback).toMatch(ASCII_PRINTABLE);
    expect(fallback).not.toMatch(/["\\/%]/);
    if (!ASCII_PRINTABLE.test(cleaned)) expect(header).toContain("filename*=UTF-8''");
  });

  it('is a plain filename for a plain name', () => {
    expect(attachmentDisposition('notes.pdf')).toBe('attachment; filename=notes.pdf');
  });
});

describe('cleanFileName', () => {
  it.each([
    ['../../../etc/passwd', 'passwd'],
    ['..\\..\\Windows\\System32\\cmd.exe', 'cmd.exe'],
    ['C:\\Users\\me\\Desktop\\notes.docx', 'notes.docx'],
    ['report.pdf\r\n.html', 'report.pdf.html'],
    ['report\0.pdf', 'report.pdf'],
    ['invoice\u202Egpj.exe', 'invoicegpj.exe'],
    ['  spaced out.pdf  ', 'spaced out.pdf'],
    ['a.pdf.html', 'a.pdf.html'],
    ['trailing dots...', 'trailing dots'],
    ['folder/', 'folder'],
    ['', 'file'],
    ['   ', 'file'],
    ['..', 'file'],
    ['\u202E\u200B', 'file'],
  ])('cleans %j to %j', (name, expected) => {
    expect(cleanFileName(name)).toBe(expected);
  });

  it('caps long names at 200 characters and keeps the extension', () => {
    const cleaned = cleanFileName(`${'a'.repeat(296)}.pdf`);
    expect(cleaned).toHaveLength(200);
    expect(cleaned.endsWith('.pdf')).toBe(true);
  });

  it('counts code points, so a cap never splits an emoji', () => {
    const cleaned = cleanFileName(`${'📄'.repeat(300)}.pdf`);
    expect(Array.from(cleaned)).toHaveLength(200);
    expect(cleaned).toBe(`${'📄'.repeat(196)}.pdf`);
  });

  it('leaves no control, bidi or separator characters in any hostile name', () => {
    for (const [, name] of hostileNames) {
      const cleaned = cleanFileName(name);
      expect(cleaned).not.toMatch(/[\p{Cc}\u200B-\u200F\u202A-\u202E\u2066-\u2069/\\]/u);
      expect(cleaned).not.toMatch(/[\uD800-\uDFFF]/u); // no lone surrogates (u-flag: pairs are one char)
      expect(Array.from(cleaned).length).toBeLessThanOrEqual(200);
      expect(cleaned).not.toBe('');
    }
  });
});
