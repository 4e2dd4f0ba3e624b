import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractText, type ExtractionResult } from './index';
import { buildZip, docxEntries, odp, xlsx } from './testing/test-files';
import { TextSink, sliceToUtf8Bytes } from './text-sink';
import { entryNameProblem, resolvePartName } from './zip';

/** The text of a 'done' result (fails the test for anything else). */
async function textOf(format: string, body: Buffer | string): Promise<string> {
  const buffer = typeof body === 'string' ? Buffer.from(body) : body;
  const result: ExtractionResult = await extractText({ format, body: buffer, sizeBytes: buffer.length });
  expect(result.status).toBe('done');
  return result.status === 'done' ? result.text : '';
}

describe('normalising text', () => {
  it('collapses whitespace, keeps line and paragraph breaks, and drops control and zero-width characters', () => {
    const sink = new TextSink(1000);
    sink.text('  Hello \t  wor');
    sink.text('ld\u200B\u0007 ');
    sink.line();
    sink.text('next line');
    sink.paragraph();
    sink.paragraph();
    sink.text('\u00A0new\u00ADparagraph\n\n\n');
    sink.text('  ');
    sink.line();
    expect(sink.toString()).toBe('Hello world\nnext line\n\nnewparagraph');
    expect(sink.truncated).toBe(false);
  });

  it('cuts at the byte limit without splitting a character', () => {
    expect(sliceToUtf8Bytes('a😀b', 4)).toBe('a');
    expect(sliceToUtf8Bytes('a😀b', 5)).toBe('a😀');
    const sink = new TextSink(6);
    sink.text('ab😀cd');
    expect(sink.toString()).toBe('ab😀');
    expect(sink.full).toBe(true);
    sink.text('more');
    expect(sink.toString()).toBe('ab😀');
  });
});

describe('plain text, Markdown and CSV', () => {
  it('reads UTF-8 with or without a byte-order mark, and UTF-16 with one', async () => {
    expect(await textOf('txt', 'Café in Llanelli')).toBe('Café in Llanelli');
    expect(await textOf('txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Café')]))).toBe('Café');
    expect(await textOf('txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Café', 'utf16le')]))).toBe('Café');
  });

  it('falls back to Windows-1252 for bytes that are not UTF-8', async () => {
    // "£5 – café" as Windows-1252 saves it.
    expect(await textOf('txt', Buffer.from([0xa3, 0x35, 0x20, 0x96, 0x20, 0x63, 0x61, 0x66, 0xe9]))).toBe('£5 – café');
  });

  it('keeps paragraphs and lines of plain text', async () => {
    expect(await textOf('txt', 'First line\r\nsecond   line\n\n\n\nNew paragraph\n')).toBe('First line\nsecond line\n\nNew paragraph');
  });

  it('keeps the words of Markdown and drops its markup and link URLs', async () => {
    const markdown = [
      '---',
      'title: "Discovery: housing repairs"',
      'layout: post',
      'hero_image: /img/x.png',
      '---',
      '# A heading ##',
      '',
      'Some **bold**, _emphasised_ and `code` words with a [link](https://example.org/a_(b) "Title") and snake_case.',
      '![A chart of calls](chart.png) and <span class="x">inline HTML</span> &amp; more.',
      '',
      '> A quote',
      '- a list item',
      '1. a numbered item',
      '',
      '| Column one | Column two |',
      '| --- | :---: |',
      '| cell a | cell b |',
      '',
      '```js',
      'const kept = "code words";',
      '```',
      '',
      '[ref]: https://example.org/ref',
      'A [reference link][ref] and <https://example.org/auto>.',
    ].join('\n');
    const text = await textOf('md', markdown);
    expect(text).toBe(
      [
        'Discovery: housing repairs',
        '',
        'A heading',
        '',
        'Some bold, emphasised and code words with a link and snake_case.',
        'A chart of calls and inline HTML & more.',
        '',
        'A quote',
        'a list item',
        'a numbered item',
        '',
        'Column one Column two',
        'cell a cell b',
        '',
        'const kept = "code words";',
        '',
        'A reference link and https://example.org/auto.',
      ].join('\n'),
    );
  });

  it('reads every HTML character reference in Markdown as the character it stands for', async () => {
    const markdown = 'Ask &mdash; don&#8217;t tell: caf&eacute;s&nbsp;and &ndash; &lt;b&gt; &amp;amp; &#x2014; &unknown;';
    expect(await textOf('md', markdown)).toBe('Ask \u2014 don\u2019t tell: caf\u00e9s and \u2013 <b> &amp; \u2014 &unknown;');
  });

  it('gives CSV rows as lines and cells joined by spaces, with quoted fields', async () => {
    const csv = 'Service,Calls,"Notes, if any"\r\nHousing repairs,120,"Said ""too slow""\nand more"\nBins,,\n';
    // A line break inside a quoted field is only whitespace within that cell.
    expect(await textOf('csv', csv)).toBe('Service Calls Notes, if any\nHousing repairs 120 Said "too slow" and more\nBins');
    expect(await textOf('csv', 'a;b;c\n1;2;3\n')).toBe('a b c\n1 2 3');
    // An unclosed quote is not an error: the rest is the last field.
    expect(await textOf('csv', 'a,"b,c\nd')).toBe('a b,c d');
  });
});

describe('RTF', () => {
  it('reads the body and skips tables, info, pictures and ignorable destinations', async () => {
    const rtf = [
      '{\\rtf1\\ansi\\ansicpg1252\\deff0',
      '{\\fonttbl{\\f0\\fswiss Helvetica;}{\\f1 Times New Roman;}}',
      '{\\colortbl;\\red255\\green0\\blue0;}',
      '{\\stylesheet{\\s0 Normal;}}',
      '{\\info{\\title Secret title}{\\author Someone}}',
      '{\\*\\generator Riched20 10.0;}',
      // The space after a control word ends it; a space in the text after one is a second space.
      '\\pard\\plain\\f0\\fs24 Discovery \\b report\\b0  for Caf\\\'e9 owners\\par',
      'Second para\\tab with a tab\\line and a line break\\par',
      '{\\pict\\pngblip 89504e470d0a1a0a0000}',
      '{\\*\\bkmkstart hidden}Unicode: \\u8217?s and \\uc0\\u8211  dash\\par',
      'Escaped \\{braces\\} and \\\\ backslash\\emdash  done.\\par',
      '{\\field{\\*\\fldinst HYPERLINK "https://example.org"}{\\fldrslt the link text}}\\par',
      'Binary \\bin4 \x00\x01\x02\x03after binary\\par',
      '}',
    ].join('\n');
    const text = await textOf('rtf', Buffer.from(rtf, 'latin1'));
    expect(text).toBe(
      [
        'Discovery report for Café owners',
        'Second para with a tab\nand a line break',
        'Unicode: ’s and – dash',
        'Escaped {braces} and \\ backslash— done.',
        'the link text',
        'Binary after binary',
      ].join('\n\n'),
    );
    expect(text).not.toMatch(/Helvetica|Secret title|Riched|89504e|HYPERLINK|hidden/);
  });

  it('decodes 8-bit text in the document code page', async () => {
    // Windows-1250 (Central European): \'b3 is ł.
    expect(await textOf('rtf', '{\\rtf1\\ansi\\ansicpg1250 Wroc\\\'b3aw\\par}')).toBe('Wrocław');
  });

  it('fails what is not RTF, and groups nested absurdly deep', async () => {
    expect(await extractText({ format: 'rtf', body: Buffer.from('Just text'), sizeBytes: 9 })).toMatchObject({ status: 'failed', reason: 'malformed' });
    const deep = Buffer.from(`{\\rtf1 ${'{'.repeat(5000)}x${'}'.repeat(5000)}}`);
    expect(await extractText({ format: 'rtf', body: deep, sizeBytes: deep.length })).toMatchObject({ status: 'failed', reason: 'malformed' });
  });
});

describe('Office Open XML', () => {
  it('reads DOCX paragraphs, runs, tabs and breaks, once for text boxes, not deleted text or field codes', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
<w:body>
  <w:p><w:r><w:t>Disc</w:t></w:r><w:r><w:t>overy</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">phase </w:t></w:r><w:r><w:br/><w:t>next line</w:t></w:r></w:p>
  <w:p><w:del><w:r><w:delText>removed words</w:delText></w:r></w:del><w:r><w:instrText>HYPERLINK "x"</w:instrText></w:r><w:r><w:t>kept</w:t></w:r></w:p>
  <w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:txbxContent><w:p><w:r><w:t>In a text box</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>In a text box</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>
  <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell one</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Cell two</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>`;
    const file = buildZip(docxEntries({ data: Buffer.from(xml) }));
    expect(await textOf('docx', file)).toBe('Discovery phase\nnext line\n\nkept\n\nIn a text box\n\nCell one\n\nCell two');
  });

  it('reads XLSX shared strings, inline strings and numbers, sheet by sheet', async () => {
    const file = xlsx([
      { name: 'Sheet1', rows: [['Service', 'Calls'], ['Housing repairs', 120]] },
      { name: 'Budget 2024', rows: [['Line', 'Amount'], ['Staff', 50000.5]] },
    ]);
    const result = await extractText({ format: 'xlsx', body: file, sizeBytes: file.length });
    expect(result).toEqual({
      status: 'done',
      text: 'Service Calls\nHousing repairs 120\n\nBudget 2024\nLine Amount\nStaff 50000.5',
      truncated: false,
      sheetCount: 2,
    });
  });
});

describe('OpenDocument', () => {
  it('reads ODP slides in order, counts them, and leaves out speaker notes', async () => {
    const file = odp([['Title slide', 'Subtitle'], ['Second slide']]);
    const result = await extractText({ format: 'odp', body: file, sizeBytes: file.length });
    expect(result).toEqual({ status: 'done', text: 'Title slide\n\nSubtitle\n\nSecond slide', truncated: false, slideCount: 2 });
  });
});

describe('Word 97 (.doc)', () => {
  it('reads a .doc that LibreOffice wrote: body, table, footnote and header', async () => {
    const file = fs.readFileSync(path.join(__dirname, 'fixtures', 'sample.doc'));
    // word-extractor turns curly quotes and dashes into plain ones.
    expect(await textOf('doc', file)).toBe(
      [
        'Housing repairs discovery',
        "Residents told us the repairs line costs £5 a call - and that's too much.",
        'A second paragraph about the reporting journey.',
        'Need Evidence',
        'Report a repair online 14 interviews',
        'Survey of 120 residents in Wrocław Street.',
        'Discovery Commons sample header',
      ].join('\n\n'),
    );
  });

  it('fails a CFB file that is not a Word document, and a .docx given as .doc', async () => {
    const { cfb, docx } = await import('./testing/test-files');
    const notWord = cfb([{ name: 'Workbook', data: Buffer.alloc(4096) }]);
    expect(await extractText({ format: 'doc', body: notWord, sizeBytes: notWord.length })).toMatchObject({ status: 'failed', reason: 'malformed' });
    const modern = docx(['Hello']);
    expect(await extractText({ format: 'doc', body: modern, sizeBytes: modern.length })).toMatchObject({ status: 'failed', reason: 'malformed' });
  });
});

describe('zip entry names and part names', () => {
  it('refuses names that could escape a folder', () => {
    expect(entryNameProblem('word/document.xml')).toBeUndefined();
    expect(entryNameProblem('../x')).toBeDefined();
    expect(entryNameProblem('a/../../x')).toBeDefined();
    expect(entryNameProblem('/etc/passwd')).toBeDefined();
    expect(entryNameProblem('C:/x')).toBeDefined();
    expect(entryNameProblem('a\\..\\x')).toBeDefined();
    expect(entryNameProblem('a\0b')).toBeDefined();
  });

  it('resolves relationship targets within the package only', () => {
    expect(resolvePartName('word', 'header1.xml')).toBe('word/header1.xml');
    expect(resolvePartName('ppt', 'slides/slide2.xml')).toBe('ppt/slides/slide2.xml');
    expect(resolvePartName('ppt/slides', '../media/image1.png')).toBe('ppt/media/image1.png');
    expect(resolvePartName('', '/word/document.xml')).toBe('word/document.xml');
    expect(resolvePartName('word', '../../../etc/passwd')).toBeUndefined();
    expect(resolvePartName('xl', 'worksheets/sheet%201.xml')).toBe('xl/worksheets/sheet 1.xml');
  });
});
