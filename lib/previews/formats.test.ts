import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { docx as simpleDocx } from '@/lib/extract/testing/test-files';
import { renderPreview, withHeadingsInOrder, withImageUrls, type PreviewResult } from './index';
import { sanitiseHtml } from './sanitise-html';
import { formatSerial, kindOfFormat } from './xlsx-dates';
import { docxWith, manyPagePdf, odf, paragraph, picture, pictureWithMetadata, pptx, SECRET_METADATA, workbook } from './testing/preview-files';

/**
 * Each format's preview on small files made here: what it shows, what it leaves out and says so, and
 * the HTML allow-list. The outline path for presentations is tested here without LibreOffice
 * (`libreOffice: false`), whatever this machine has; libreoffice.test.ts tests the drawn slides.
 */

const noOffice = { libreOffice: false } as const;

async function preview(format: string, body: Buffer, limits = {}, options: Parameters<typeof renderPreview>[2] = noOffice): Promise<PreviewResult> {
  return renderPreview({ format, body, sizeBytes: body.length }, limits, options);
}

function ready<K extends string>(result: PreviewResult, kind: K): Extract<PreviewResult, { kind: K }> {
  if (result.status !== 'ready') throw new Error(`expected a preview, got ${JSON.stringify(result)}`);
  expect(result.kind).toBe(kind);
  return result as Extract<PreviewResult, { kind: K }>;
}

describe('PDF', () => {
  it('draws each page as a WebP picture within the width, with its text and a thumbnail', async () => {
    const result = ready(await preview('pdf', manyPagePdf(3, { text: 'Consent form page' })), 'pages');
    expect(result.source).toBe('pdf');
    expect(result.pageCount).toBe(3);
    expect(result.pages.map((p) => p.number)).toEqual([1, 2, 3]);
    for (const page of result.pages) {
      expect(page.text).toBe('Consent form page');
      expect(page.image.contentType).toBe('image/webp');
      const meta = await sharp(page.image.data).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', 1000, 1294]);
    }
    expect(result.notice).toBeUndefined();
    const thumbnail = await sharp(result.thumbnail.data).metadata();
    expect([thumbnail.format, thumbnail.width]).toEqual(['webp', 320]);
    // The page is white paper with dark words: the picture really shows something.
    const { channels } = await sharp(result.pages[0]!.image.data).stats();
    expect(channels[0]!.min).toBeLessThan(100);
    expect(channels[0]!.max).toBeGreaterThan(240);
  });

  it('draws only the first pages and says how many there are', async () => {
    const result = ready(await preview('pdf', manyPagePdf(12), { maxPages: 4 }), 'pages');
    expect(result.pages).toHaveLength(4);
    expect(result.pageCount).toBe(12);
    expect(result.notice).toBe('Showing the first 4 of 12 pages.');
  });

  it('fits a huge page into the pixel limits, and stops at the total pixel budget', async () => {
    // 200 inches square (the PDF maximum) and a strip 1 point wide and 14,400 long.
    const square = ready(await preview('pdf', manyPagePdf(2, { mediaBox: [14400, 14400] })), 'pages');
    expect(square.pages[0]!.image).toMatchObject({ width: 1000, height: 1000 });
    const strip = ready(await preview('pdf', manyPagePdf(1, { mediaBox: [10, 14400] })), 'pages');
    expect(strip.pages[0]!.image.height).toBeLessThanOrEqual(4000);
    expect(strip.pages[0]!.image.width * strip.pages[0]!.image.height).toBeLessThanOrEqual(4_000_000);
    const budget = ready(await preview('pdf', manyPagePdf(5), { maxTotalPagePixels: 3_000_000 }), 'pages');
    expect(budget.pages).toHaveLength(2);
    expect(budget.notice).toBe('Showing the first 2 of 5 pages.');
  });
});

describe('pictures', () => {
  it.each(['png', 'jpeg'] as const)('re-encodes a %s without any of its metadata, and makes a thumbnail', async (format) => {
    const original = await pictureWithMetadata(format);
    const before = await sharp(original).metadata();
    expect([before.exif, before.xmp, before.icc].every(Boolean)).toBe(true);
    if (format === 'png') expect(before.comments).toEqual([{ keyword: 'Comment', text: 'secret png comment' }]);
    // The words themselves, where the format stores them uncompressed (PNG compresses its XMP).
    expect(SECRET_METADATA.filter((secret) => original.includes(secret)).length).toBeGreaterThanOrEqual(3);

    const result = ready(await preview(format, original), 'image');
    const after = await sharp(result.image.data).metadata();
    expect(after.format).toBe('webp');
    expect([after.width, after.height]).toEqual([64, 48]);
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.comments).toBeUndefined();
    for (const secret of SECRET_METADATA) expect(result.image.data.includes(secret)).toBe(false);
    expect(result.thumbnail.width).toBe(64);
  });

  it('shrinks a large picture to the width limit', async () => {
    const result = ready(await preview('png', await picture('png', 2000, 500)), 'image');
    expect([result.image.width, result.image.height]).toEqual([1600, 400]);
    expect([result.thumbnail.width, result.thumbnail.height]).toEqual([320, 80]);
  });

  it('says a file that is not the picture it claims to be is damaged', async () => {
    const result = await preview('png', await picture('jpeg', 10, 10));
    expect(result).toEqual({ status: 'failed', reason: 'malformed', message: 'The file is damaged, or is not a PNG image file, so we cannot preview it.' });
  });
});

describe('DOCX', () => {
  it('gives headings, paragraphs, lists, tables and pictures with their alternative text', async () => {
    const png = await picture('png', 30, 20);
    const body = [
      paragraph('Research plan', 'Heading1'),
      paragraph('Why we are doing this', 'Heading2'),
      paragraph('We will talk to residents.'),
      '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Week</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Activity</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Interviews</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
      `<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="p" descr="A map of the ward"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip r:embed="rIdImage"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`,
    ].join('');
    const file = docxWith({
      body,
      relationships: ['<Relationship Id="rIdImage" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/map.png"/>'],
      extra: [{ name: 'word/media/map.png', data: png }],
    });
    const result = ready(await preview('docx', file), 'html');
    expect(result.html).toContain('<h3>Research plan</h3><h4>Why we are doing this</h4><p>We will talk to residents.</p>');
    expect(result.html).toContain('<table><tr><td><p>Week</p></td><td><p>Activity</p></td></tr><tr><td><p>1</p></td><td><p>Interviews</p></td></tr></table>');
    expect(result.html).toContain('<img src="preview-image:0" alt="A map of the ward" />');
    expect(result.images).toHaveLength(1);
    expect(result.images[0]).toMatchObject({ contentType: 'image/webp', width: 30, height: 20 });
    expect(result.thumbnail).toBeNull();
    expect(withImageUrls(result.html, (i) => `/materials/m1/preview/images/${i}`)).toContain('<img src="/materials/m1/preview/images/0" alt="A map of the ward" />');
  });

  it('keeps only the first pictures, showing the rest by their alternative text', async () => {
    const png = await picture('png', 8, 8);
    const drawingOf = (i: number) =>
      `<w:p><w:r><w:drawing><wp:inline><wp:docPr id="${i}" name="p" descr="Picture ${i}"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip r:embed="rId${i}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;
    const file = docxWith({
      body: [1, 2, 3].map(drawingOf).join(''),
      relationships: [1, 2, 3].map((i) => `<Relationship Id="rId${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/p${i}.png"/>`),
      extra: [1, 2, 3].map((i) => ({ name: `word/media/p${i}.png`, data: png })),
    });
    const result = ready(await preview('docx', file, { maxImages: 2 }), 'html');
    expect(result.images).toHaveLength(2);
    expect(result.html).toContain('<span>[Picture: Picture 3]</span>');
  });

  it('cuts a very long document at an element and says so', async () => {
    const file = simpleDocx(Array.from({ length: 2000 }, (_, i) => `Paragraph number ${i} of a long report.`));
    const result = ready(await preview('docx', file, { maxHtmlBytes: 10_000 }), 'html');
    expect(result.truncated).toBe(true);
    expect(result.notice).toBe('The preview shows the start of the document only.');
    expect(Buffer.byteLength(result.html)).toBeLessThanOrEqual(10_000);
    expect(result.html).toMatch(/^<p>Paragraph number 0 of a long report.<\/p>[\s\S]*<\/p>$/);
  });
});

describe('ODT', () => {
  it('gives headings by level, paragraphs, lists, tables and stored pictures with their description', async () => {
    const png = await picture('png', 12, 10);
    const body = `<text:h text:outline-level="1">Journey map</text:h><text:p>Steps a resident takes<text:line-break/>from start to end.</text:p><text:list><text:list-item><text:p>Finds the form</text:p></text:list-item><text:list-item><text:p>Fills it in</text:p></text:list-item></text:list><table:table table:name="T"><table:table-header-rows><table:table-row><table:table-cell><text:p>Stage</text:p></table:table-cell><table:table-cell><text:p>Pain</text:p></table:table-cell></table:table-row></table:table-header-rows><table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>Both</text:p></table:table-cell><table:covered-table-cell/></table:table-row></table:table><text:p><draw:frame draw:name="Map"><draw:image xlink:href="Pictures/map.png"/><svg:title>Map</svg:title><svg:desc>The route across town</svg:desc></draw:frame></text:p><text:p>Contact <text:a xlink:href="https://example.org/x">the team</text:a><office:annotation><text:p>Private comment</text:p></office:annotation>.</text:p>`;
    const result = ready(await preview('odt', odf('text', body, [{ name: 'Pictures/map.png', data: png }])), 'html');
    expect(result.html).toBe(
      '<h3>Journey map</h3><p>Steps a resident takes<br />from start to end.</p><ul><li><p>Finds the form</p></li><li><p>Fills it in</p></li></ul><table><tbody><tr><th>Stage</th><th>Pain</th></tr><tr><td colspan="2"><p>Both</p></td></tr></tbody></table><p><img src="preview-image:0" alt="The route across town" /></p><p>Contact the team.</p>'.replace(
        '<th>Stage</th><th>Pain</th>',
        '<th><p>Stage</p></th><th><p>Pain</p></th>',
      ),
    );
    expect(result.images).toHaveLength(1);
  });
});

describe('Markdown and plain text', () => {
  it('renders Markdown without raw HTML, links or remote pictures, and without front matter', async () => {
    const md = `---\nlayout: guide\ntitle: Hidden\n---\n# Discussion guide\n\nSay **hello** and [read this](https://example.org/a).\n\n<script>alert(1)</script>\n\n![A chart](https://example.org/chart.png)\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n`;
    const result = ready(await preview('md', Buffer.from(md)), 'html');
    expect(result.html).toContain('<h3>Discussion guide</h3>');
    expect(result.html).toContain('<p>Say <strong>hello</strong> and read this.</p>');
    expect(result.html).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(result.html).toContain('<span>[Picture: A chart]</span>');
    expect(result.html).toContain('<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
    expect(result.html).toContain('<td>1</td>');
    expect(result.html).not.toMatch(/example\.org|layout|Hidden|<script/);
  });

  it('turns plain text into paragraphs at blank lines, keeping line breaks, with Windows-1252 read right', async () => {
    const text = Buffer.concat([Buffer.from('Dear resident,\r\nthank you.\r\n\r\nCost: '), Buffer.from([0x80]), Buffer.from('5 <b>\r\n')]);
    const result = ready(await preview('txt', text), 'html');
    expect(result.html).toBe('<p>Dear resident,<br />thank you.</p>\n<p>Cost: €5 &lt;b&gt;</p>');
  });
});

describe('spreadsheets', () => {
  it('shows an XLSX sheet bounded in rows and columns, saying what was left out', async () => {
    const columnLetter = (c: number) => (c < 26 ? String.fromCharCode(65 + c) : `A${String.fromCharCode(65 + c - 26)}`);
    const rows = Array.from({ length: 300 }, (_, r) => `<row r="${r + 1}">${Array.from({ length: 40 }, (_, c) => `<c r="${columnLetter(c)}${r + 1}" t="inlineStr"><is><t>r${r + 1}c${c + 1}</t></is></c>`).join('')}</row>`).join('');
    const sheet = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
    const result = ready(await preview('xlsx', workbook([{ name: 'Survey &lt;answers&gt;', xml: sheet }])), 'sheets');
    const [first] = result.sheets;
    expect(first).toMatchObject({ name: 'Survey <answers>', rowsShown: 200, rowCount: 300, columnsShown: 30, columnCount: 40, summary: 'Showing 200 of 300 rows and 30 of 40 columns.' });
    expect(first!.html).toMatch(/^<table><caption>Survey &lt;answers&gt;<\/caption><tbody><tr><td>r1c1<\/td>/);
    expect(first!.html).toContain('<td>r200c30</td></tr></tbody></table>');
    expect(first!.html).not.toContain('r201c1');
    expect(first!.html).not.toContain('r1c31');
  });

  it('shows the first sheets only, and says how many there are', async () => {
    const sheet = (text: string) => `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c><c r="B1" t="b"><v>1</v></c></row></sheetData></worksheet>`;
    const result = ready(await preview('xlsx', workbook(Array.from({ length: 7 }, (_, i) => ({ name: `S${i + 1}`, xml: sheet(`sheet ${i + 1}`) })))), 'sheets');
    expect(result.sheetCount).toBe(7);
    expect(result.sheets.map((s) => s.name)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5']);
    expect(result.sheets[0]!.summary).toBe('Showing all 1 row.');
    expect(result.sheets[0]!.html).toContain('<td>sheet 1</td><td>TRUE</td>');
    expect(result.notice).toBe('Showing the first 5 of 7 sheets.');
  });

  it('shows XLSX dates as dates, from built-in and custom number formats', async () => {
    const styles = `<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd\\ mmm\\ yyyy"/><numFmt numFmtId="165" formatCode="#,##0.00&quot; days&quot;"/></numFmts><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="22"/></cellXfs></styleSheet>`;
    const sheet = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>45366</v></c><c r="B1" s="1"><v>45366</v></c><c r="C1" s="2"><v>45366</v></c><c r="D1" s="3"><v>45366</v></c><c r="E1" s="4"><v>45366.5</v></c></row></sheetData></worksheet>`;
    const result = ready(await preview('xlsx', workbook([{ name: 'Plan', xml: sheet }], [], [{ name: 'xl/styles.xml', data: Buffer.from(styles) }])), 'sheets');
    expect(result.sheets[0]!.html).toContain('<tr><td>45366</td><td>15/03/2024</td><td>15/03/2024</td><td>45366</td><td>15/03/2024 12:00</td></tr>');
  });

  it('tells dates, times and numbers apart by their format code', () => {
    expect(['dd/mm/yyyy', 'mmm-yy', 'yyyy-mm-dd hh:mm', 'h:mm AM/PM', 'mm:ss', '[h]:mm:ss', '0.00', '#,##0 "days"', 'General', '[$£-809]#,##0.00'].map(kindOfFormat)).toEqual([
      'date',
      'date',
      'datetime',
      'time',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(formatSerial('1', 'date', true)).toBe('02/01/1904');
    expect(formatSerial('not a number', 'date', false)).toBe('not a number');
  });

  it('shows an ODS sheet without expanding a million repeated empty rows', async () => {
    const body = `<table:table table:name="Budget"><table:table-row><table:table-cell><text:p>Item</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"><text:p>£</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16000"/></table:table-row><table:table-row table:number-rows-repeated="3"><table:table-cell/></table:table-row><table:table-row><table:table-cell><text:p>Total</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>`;
    const result = ready(await preview('ods', odf('spreadsheet', body)), 'sheets');
    expect(result.sheets[0]).toMatchObject({ name: 'Budget', rowsShown: 5, rowCount: 5, columnCount: 3, summary: 'Showing all 5 rows.' });
    expect(result.sheets[0]!.html).toBe('<table><caption>Budget</caption><tbody><tr><td>Item</td><td>£</td><td>£</td></tr><tr><td></td><td></td><td></td></tr><tr><td></td><td></td><td></td></tr><tr><td></td><td></td><td></td></tr><tr><td>Total</td><td></td><td></td></tr></tbody></table>');
  });

  it('shows a CSV with its quoted cells, counting every row', async () => {
    const csv = `name,comment\n"Smith, J","said ""yes"""\n${Array.from({ length: 500 }, (_, i) => `p${i},ok`).join('\n')}\n`;
    const result = ready(await preview('csv', Buffer.from(csv)), 'sheets');
    expect(result.sheets[0]).toMatchObject({ rowsShown: 200, rowCount: 502, columnCount: 2, summary: 'Showing 200 of 502 rows.' });
    expect(result.sheets[0]!.html).toContain('<tr><td>Smith, J</td><td>said "yes"</td></tr>');
  });
});

describe('presentations without LibreOffice', () => {
  it('gives a PPTX outline: each slide title and text', async () => {
    const file = pptx([
      { title: 'Show and tell', lines: ['Sprint 4', 'What we learned'] },
      { title: 'Next steps', lines: ['Test the form'] },
    ]);
    const result = ready(await preview('pptx', file), 'outline');
    expect(result.slideCount).toBe(2);
    expect(result.slides).toEqual([
      { number: 1, title: 'Show and tell', paragraphs: ['Sprint 4', 'What we learned'] },
      { number: 2, title: 'Next steps', paragraphs: ['Test the form'] },
    ]);
    expect(result.thumbnail).toBeNull();
  });

  it('gives an ODP outline, leaving out speaker notes', async () => {
    const body = `<draw:page draw:name="p1"><draw:frame presentation:class="title"><draw:text-box><text:p>Findings</text:p></draw:text-box></draw:frame><draw:frame><draw:text-box><text:p>Residents want text updates</text:p></draw:text-box></draw:frame><draw:frame><draw:image xlink:href="Pictures/x.png"/><svg:desc>Chart of replies</svg:desc></draw:frame><presentation:notes><draw:frame><draw:text-box><text:p>Say this slowly</text:p></draw:text-box></draw:frame></presentation:notes></draw:page>`;
    const result = ready(await preview('odp', odf('presentation', body)), 'outline');
    expect(result.slides).toEqual([{ number: 1, title: 'Findings', paragraphs: ['Residents want text updates', 'Picture: Chart of replies'] }]);
  });
});

describe('results that are not previews', () => {
  it('says plainly which formats it does not preview', async () => {
    for (const format of ['doc', 'xls', 'ppt', 'rtf', 'exe', '']) {
      expect(await preview(format, Buffer.from('x'))).toEqual({ status: 'unsupported', message: 'We cannot preview this format. You can still download the file.' });
    }
  });

  it('says a damaged file is damaged, in words fit for the uploader', async () => {
    const cases: [string, Buffer, string][] = [
      ['pdf', Buffer.from('%PDF-1.4 not really'), 'The file is damaged, or is not a PDF file, so we cannot preview it.'],
      ['docx', Buffer.from('PK not a zip'), 'The file is damaged, or is not a Word document file, so we cannot preview it.'],
      ['xlsx', Buffer.from('hello'), 'The file is damaged, or is not a Excel spreadsheet file, so we cannot preview it.'],
      ['jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]), 'The file is damaged, or is not a JPEG image file, so we cannot preview it.'],
    ];
    for (const [format, body, message] of cases) expect(await preview(format, body)).toEqual({ status: 'failed', reason: 'malformed', message });
  });

  it('refuses a file larger than the limit before reading it', async () => {
    let opened = false;
    const result = await renderPreview({ format: 'pdf', sizeBytes: 200 * 1024 * 1024, body: () => ((opened = true), Buffer.alloc(0) as never) });
    expect(result).toEqual({ status: 'failed', reason: 'too_large', message: 'The file is larger than 100 MB, the most we preview.' });
    expect(opened).toBe(false);
  });
});

describe('the HTML sanitiser', () => {
  it('keeps structure and drops everything that could run, load or point elsewhere', () => {
    const dirty = `<h1 onclick="x()">Title</h1><p style="background:url(https://e.org/x)" class="c" id="i">Text <a href="https://e.org">link</a> <a href="javascript:alert(1)">js</a></p><script>alert(1)</script><style>p{}</style><iframe src="https://e.org"></iframe><form action="https://e.org"><input name="q"></form><img src="https://e.org/x.png" alt="remote"><img src="data:image/png;base64,AAAA" alt="inline"><img src="preview-image:0" alt="ours" onerror="x()"><img src="preview-image:5" alt="not ours"><svg><script>alert(2)</script></svg><table><tr><td colspan="9999" style="x">c</td></tr></table><object data="x.swf"></object><meta http-equiv="refresh" content="0;url=https://e.org"><base href="https://e.org/"><link rel="stylesheet" href="https://e.org/s.css">`;
    const { html } = sanitiseHtml(dirty, { imageCount: 1, maxBytes: 1_000_000 });
    expect(html).toBe(
      '<h3>Title</h3><p>Text link js</p><span>[Picture: remote]</span><span>[Picture: inline]</span><img src="preview-image:0" alt="ours" /><span>[Picture: not ours]</span><table><tr><td colspan="100">c</td></tr></table>',
    );
  });

  it('makes header cells with no words plain cells (nothing for a screen reader to announce)', () => {
    const { html } = sanitiseHtml(
      '<table><thead><tr><th></th><th scope="col"> </th><th colspan="2">&nbsp;</th><th scope="col">Name</th></tr></thead><tbody><tr><th scope="row">A</th><td>1</td></tr></tbody></table>',
      { imageCount: 0, maxBytes: 1_000_000 },
    );
    expect(html).toBe(
      '<table><thead><tr><td></td><td></td><td colspan="2"></td><th scope="col">Name</th></tr></thead><tbody><tr><th scope="row">A</th><td>1</td></tr></tbody></table>',
    );
  });

  it('gives picture addresses only on this site', () => {
    const html = '<img src="preview-image:0" alt="a" />';
    expect(withImageUrls(html, () => '/p/0')).toBe('<img src="/p/0" alt="a" />');
    expect(() => withImageUrls(html, () => '//evil.example/x')).toThrow();
    expect(() => withImageUrls(html, () => 'https://evil.example/x')).toThrow();
    expect(() => withImageUrls(html, () => '/x" onerror="alert(1)')).toThrow();
  });

  it('renumbers headings so none skips a level under the page\'s own, keeping their nesting', () => {
    // A document that starts at Heading 2, jumps from 1 to 3, and goes back up.
    const html = '<h4>Intro</h4><p>a</p><h3>Findings</h3><h5>Detail</h5><h6>Deeper</h6><h5>Sibling</h5><h3>Next</h3><h4>Under</h4>';
    expect(withHeadingsInOrder(html, 3)).toBe(
      '<h3>Intro</h3><p>a</p><h3>Findings</h3><h4>Detail</h4><h5>Deeper</h5><h4>Sibling</h4><h3>Next</h3><h4>Under</h4>',
    );
    expect(withHeadingsInOrder('<p>No headings</p>', 3)).toBe('<p>No headings</p>');
  });
});
