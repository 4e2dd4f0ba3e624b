import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip, deflatedZeros, docxEntries, wordDocumentXml } from '@/lib/extract/testing/test-files';
import { renderPreview, type PreviewResult } from './index';
import { docxWith, hostileDocx, hostileOdp, hugePng, manyPagePdf, paragraph, pptx, startRecordingServer, xlsxWithRows, type RecordingServer } from './testing/preview-files';

/**
 * Hostile and oversized files, all made here at run time (none is committed). Each either previews
 * within its limits or fails with a plain reason, never fetches anything (every hostile file points
 * at a local HTTP server that must see no connection at all) and never runs anything. LibreOffice's
 * side of this (sandbox, cleaned copy, killing) is in libreoffice.test.ts; here presentations take the
 * outline path, which every server has.
 */

const MB = 1024 * 1024;
const noOffice = { libreOffice: false } as const;

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(async () => {
  // Whatever ran in this file, nothing reached the server the hostile files point at.
  expect(server.connections).toBe(0);
  expect(server.requests).toEqual([]);
  await server.close();
});

async function preview(format: string, body: Buffer, limits = {}): Promise<PreviewResult> {
  return renderPreview({ format, body, sizeBytes: body.length }, limits, noOffice);
}

/** A failure whose message is fit for a person: no stack, path, library or error-class words. */
function expectFailure(result: PreviewResult, reason: string, message?: string): void {
  expect(result).toMatchObject({ status: 'failed', reason });
  if (result.status !== 'failed') return;
  if (message) expect(result.message).toBe(message);
  expect(result.message).toMatch(/^[A-Z][^\n]*\.$/);
  expect(result.message).not.toMatch(/\bat \S+:\d+|\/|\\|node_modules|Error|Exception|sharp|mammoth|pdf\.js|LibreOffice|zip entry|undefined|null/);
}

/** Runs `work`, sampling this process's resident memory meanwhile; the largest growth seen, in bytes. */
async function rssGrowth<T>(work: () => Promise<T>): Promise<{ value: T; growth: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, growth: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

describe('a PDF with 10,000 pages', () => {
  it('previews its first 10 pages and says how many there are', async () => {
    const file = manyPagePdf(10_000);
    const result = await preview('pdf', file);
    expect(result).toMatchObject({ status: 'ready', kind: 'pages', pageCount: 10_000, notice: 'Showing the first 10 of 10,000 pages.' });
    if (result.status === 'ready' && result.kind === 'pages') expect(result.pages.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('is refused with a plain reason where the page limit is lower', async () => {
    expectFailure(await preview('pdf', manyPagePdf(10_000), { maxDocumentPages: 5_000 }), 'too_many_pages', 'This file has more pages than we preview.');
  });

  it('stops at the time limit, whatever the page count', async () => {
    expectFailure(await preview('pdf', manyPagePdf(10_000), { timeLimitMs: 300 }), 'timeout', 'Making the preview took longer than 0.3 seconds, so we stopped.');
  });
});

describe('a 30,000 × 30,000 pixel PNG', () => {
  it('is refused from its header, without decoding its 900 megapixels', async () => {
    const bomb = await hugePng(30_000, 30_000);
    expect(bomb.length).toBeLessThan(1 * MB);
    const { value: result, growth } = await rssGrowth(() => preview('png', bomb));
    expectFailure(result, 'too_many_pixels', 'The picture is too large for us to preview.');
    expect(growth).toBeLessThan(100 * MB);
  });

  it('inside a document, is left out and the document still previews', async () => {
    const bomb = await hugePng(30_000, 30_000);
    const file = docxWith({
      body: `${paragraph('Before the picture')}<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="p" descr="Enormous"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip r:embed="rIdBig"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`,
      relationships: ['<Relationship Id="rIdBig" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/big.png"/>'],
      extra: [{ name: 'word/media/big.png', data: bomb }],
    });
    const { value: result, growth } = await rssGrowth(() => preview('docx', file));
    expect(result).toMatchObject({ status: 'ready', kind: 'html', images: [] });
    if (result.status === 'ready' && result.kind === 'html') expect(result.html).toBe('<p>Before the picture</p><p><span>[Picture: Enormous]</span></p>');
    expect(growth).toBeLessThan(150 * MB);
  });
});

describe('a DOCX with an external picture link and a script', () => {
  it('previews its words, fetches nothing, and keeps no script, handler, link or remote address', async () => {
    const result = await preview('docx', await hostileDocx(server.url));
    expect(result).toMatchObject({ status: 'ready', kind: 'html' });
    if (result.status !== 'ready' || result.kind !== 'html') return;
    expect(result.html).toContain('<h3>Consent form</h3>');
    expect(result.html).toContain('<p>&lt;script&gt;alert("text")&lt;/script&gt; is only words here.</p>');
    // Linked pictures (the server's and a file on this disk) show as their alternative text.
    expect(result.html).toContain('<span>[Picture: Remote picture]</span>');
    expect(result.html).toContain('<span>[Picture: Picture from the disk]</span>');
    // The embedded picture is kept, its hostile alternative text escaped inside the attribute.
    expect(result.html).toContain('<img src="preview-image:0" alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" />');
    expect(result.images).toHaveLength(1);
    // Links keep their words only.
    expect(result.html).toContain('<p>Read more</p><p>Click me</p>');
    // No element or attribute that runs or loads anything (attribute values, escaped, left aside),
    // and no address of anything outside at all.
    const tags = result.html.replace(/"[^"]*"/g, '""');
    expect(tags).not.toMatch(/<(script|a|iframe|object|embed|link|meta|style|form)\b|\s(href|on\w+|style|srcset)=/i);
    expect(result.html).not.toMatch(/javascript:|127\.0\.0\.1|file:|etc\/hostname|Chunk/i);
    expect(server.requests).toEqual([]);
  });

  it('refuses a DOCX with a DOCTYPE (external entity or entity expansion) before mammoth sees it', async () => {
    const xxe = buildZip(docxEntries({ data: Buffer.from(wordDocumentXml(['&xxe;'], `<!DOCTYPE d [<!ENTITY xxe SYSTEM "${server.url}/xxe">]>`)) }));
    expectFailure(await preview('docx', xxe), 'malformed');
  });

  it('refuses a DOCX zip bomb before inflating it', async () => {
    const bomb = buildZip(docxEntries({ deflated: await deflatedZeros(500), inflatedSize: 500 * MB }));
    const { value: result, growth } = await rssGrowth(() => preview('docx', bomb));
    expectFailure(result, 'zip_bomb', 'The file unpacks to far more data than a document of its size should, so we did not preview it.');
    expect(growth).toBeLessThan(100 * MB);
  });
});

describe('an XLSX with a million rows', () => {
  // About 90 MB of sheet XML; made once (it takes a while on a busy machine).
  let file: Buffer;
  beforeAll(() => {
    file = xlsxWithRows(1_000_000);
  });

  it('previews its first 200 rows and counts them all, holding only what it shows', async () => {
    const { value: result, growth } = await rssGrowth(() => preview('xlsx', file));
    expect(result).toMatchObject({ status: 'ready', kind: 'sheets', sheetCount: 1 });
    if (result.status !== 'ready' || result.kind !== 'sheets') return;
    expect(result.sheets[0]).toMatchObject({ name: 'Big', rowsShown: 200, rowCount: 1_000_000, columnCount: 2, summary: 'Showing 200 of 1,000,000 rows.' });
    expect(result.sheets[0]!.html).toContain('<tr><td>200</td><td>400</td></tr></tbody>');
    expect(growth).toBeLessThan(200 * MB);
  });

  it('stops reading after the rows shown when the sheet says its size', async () => {
    const result = await preview('xlsx', xlsxWithRows(1_000_000, { dimension: true }), { timeLimitMs: 20_000 });
    expect(result).toMatchObject({ status: 'ready', sheets: [{ rowsShown: 200, rowCount: 1_000_000, summary: 'Showing 200 of 1,000,000 rows.' }] });
  });

  it('fails with a plain reason when counting would take longer than the time limit', async () => {
    expectFailure(await preview('xlsx', file, { timeLimitMs: 200 }), 'timeout');
  });
});

describe('presentations with external links (the outline every server can give)', () => {
  it('gives a PPTX outline, fetching nothing', async () => {
    const result = await preview('pptx', pptx([{ title: 'Hostile', lines: ['Link here', 'More'] }], { serverUrl: server.url }));
    expect(result).toEqual({
      status: 'ready',
      kind: 'outline',
      slideCount: 1,
      slides: [{ number: 1, title: 'Hostile', paragraphs: ['Link here', 'More', 'Picture: Linked picture'] }],
      thumbnail: null,
    });
    expect(server.requests).toEqual([]);
  });

  it('gives an ODP outline, fetching nothing and running nothing', async () => {
    const result = await preview('odp', hostileOdp(server.url));
    expect(result).toMatchObject({ status: 'ready', kind: 'outline', slides: [{ number: 1, title: 'Hostile slide', paragraphs: ['Visit our site or home', 'Picture: Linked picture'] }] });
    expect(server.requests).toEqual([]);
  });
});
