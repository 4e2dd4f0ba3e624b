import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSettings } from '@/lib/testing/settings';
import { extractText, type ExtractionResult } from './index';
import { xmlToText } from './xml-text';
import {
  buildZip,
  cfb,
  deflatedZeros,
  docx,
  docxEntries,
  odfManifest,
  pdf,
  wordDocumentStream,
  wordDocumentXml,
} from './testing/test-files';

/**
 * Hostile and broken files, all made here at run time: none is committed. Each must end in a
 * plain-English failure (or no_text), quickly, without the process growing or crashing.
 */

const MB = 1024 * 1024;

/** A failure whose message is fit for a person: no stack, path, library or error-class words. */
function expectFailure(result: ExtractionResult, reason: string): void {
  expect(result).toMatchObject({ status: 'failed', reason });
  if (result.status !== 'failed') return;
  expect(result.message).toMatch(/^[A-Z][^\n]*\.$/);
  expect(result.message).not.toMatch(/\bat \S+:\d+|\/|\\|node_modules|Error|Exception|yauzl|saxes|pdf\.js|zip entry|undefined|null/);
}

/** Runs `work`, sampling the process's resident memory meanwhile; the largest growth seen, in bytes. */
async function rssGrowth<T>(work: () => Promise<T>): Promise<{ value: T; growth: number }> {
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 2);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, growth: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

let zeros500: Buffer;
beforeAll(async () => {
  // 500 MB of zeros, deflated as a stream: about half a megabyte.
  zeros500 = await deflatedZeros(500);
}, 60_000);

describe('zip bombs and oversized containers', () => {
  it('refuses a DOCX whose document part declares 500 MB, before inflating it', async () => {
    const bomb = buildZip(docxEntries({ deflated: zeros500, inflatedSize: 500 * MB }));
    const started = performance.now();
    const { value: result, growth } = await rssGrowth(() => extractText({ format: 'docx', body: bomb, sizeBytes: bomb.length }));
    expectFailure(result, 'zip_bomb');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(growth).toBeLessThan(100 * MB);
  });

  it('stops a DOCX whose document part lies about its size (declares 40 KB, inflates to 500 MB)', async () => {
    // Spaces, not zeros: whitespace is a well-formed start for XML, so only the byte count stops it.
    const spaces = await deflatedZeros(500, 0x20);
    const liar = buildZip(docxEntries({ deflated: spaces, inflatedSize: 40 * 1024 }));
    const started = performance.now();
    const { value: result, growth } = await rssGrowth(() => extractText({ format: 'docx', body: liar, sizeBytes: liar.length }));
    expectFailure(result, 'zip_bomb');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(growth).toBeLessThan(100 * MB);
  });

  it('stops an entry that lies and stays under the per-entry size, by its compression ratio while inflating', async () => {
    const zeros = await deflatedZeros(30);
    // Declares 30 MB (allowed) from about 30 KB compressed: far past 100:1.
    const bomb = buildZip(docxEntries({ deflated: zeros, inflatedSize: 30 * MB }));
    const result = await extractText({ format: 'docx', body: bomb, sizeBytes: bomb.length });
    expectFailure(result, 'zip_bomb');
  });

  it('refuses a zip that lists more than 2,000 entries, before reading any', async () => {
    const many = buildZip(
      docxEntries({ data: Buffer.from(wordDocumentXml(['Fine'])) }, Array.from({ length: 2_000 }, (_, i) => ({ name: `word/media/${i}.bin`, data: Buffer.from('x') }))),
    );
    const result = await extractText({ format: 'docx', body: many, sizeBytes: many.length });
    expectFailure(result, 'too_many_entries');
    expect(result.status === 'failed' && result.message).toContain('2,000');
  });

  it('keeps the total inflated across entries under its limit', async () => {
    const file = docx(['Some words that take more than a hundred bytes once the XML around them is counted too.']);
    const result = await extractText({ format: 'docx', body: file, sizeBytes: file.length }, { maxTotalInflatedBytes: 300 });
    expectFailure(result, 'zip_bomb');
  });

  it('refuses entry names that climb out of the package, and duplicate names', async () => {
    const traversal = buildZip(docxEntries({ data: Buffer.from(wordDocumentXml(['Hello'])) }, [{ name: '../../evil.xml', data: Buffer.from('<x/>') }]));
    expectFailure(await extractText({ format: 'docx', body: traversal, sizeBytes: traversal.length }), 'malformed');
    const absolute = buildZip(docxEntries({ data: Buffer.from(wordDocumentXml(['Hello'])) }, [{ name: '/etc/evil.xml', data: Buffer.from('<x/>') }]));
    expectFailure(await extractText({ format: 'docx', body: absolute, sizeBytes: absolute.length }), 'malformed');
    const twice = buildZip(docxEntries({ data: Buffer.from(wordDocumentXml(['Hello'])) }, [{ name: 'word/document.xml', data: Buffer.from(wordDocumentXml(['Other'])) }]));
    expectFailure(await extractText({ format: 'docx', body: twice, sizeBytes: twice.length }), 'malformed');
  });

  it('says a zip entry marked encrypted is encrypted', async () => {
    const locked = buildZip(docxEntries({ data: Buffer.from(wordDocumentXml(['Hello'])), encryptedFlag: true }));
    expectFailure(await extractText({ format: 'docx', body: locked, sizeBytes: locked.length }), 'encrypted');
  });
});

describe('XML external entities', () => {
  let secretFile: string;
  const secret = `SECRET-${crypto.randomUUID()}`;

  beforeAll(() => {
    secretFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'extract-xxe-')), 'secret.txt');
    fs.writeFileSync(secretFile, secret);
  });
  afterAll(() => fs.rmSync(path.dirname(secretFile), { recursive: true, force: true }));

  it('never reads a file named by an external entity in a DOCX, and refuses the DOCTYPE', async () => {
    const doctype = `<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://${secretFile}">]>`;
    const xml = wordDocumentXml(['Before &xxe; after'], doctype);
    const hostile = buildZip(docxEntries({ data: Buffer.from(xml) }));
    const result = await extractText({ format: 'docx', body: hostile, sizeBytes: hostile.length });
    expect(JSON.stringify(result)).not.toContain(secret);
    expectFailure(result, 'malformed');
  });

  it('does not expand entities even where a DOCTYPE is allowed (external file, billion laughs)', async () => {
    const external = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file://${secretFile}">]><r>a &xxe; b</r>`;
    const outcome = await xmlToText(external, { allowDoctype: true }).then(
      (text) => ({ text }),
      (error: unknown) => ({ error }),
    );
    expect(JSON.stringify(outcome)).not.toContain(secret);
    expect(outcome).toMatchObject({ error: { reason: 'malformed' } });

    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>`;
    await expect(xmlToText(laughs, { allowDoctype: true })).rejects.toMatchObject({ reason: 'malformed' });
    // The predefined entities and character references still work.
    expect(await xmlToText('<r>Fish &amp; chips &#8211; &lt;hot&gt;</r>')).toBe('Fish & chips – <hot>');
  });
});

describe('broken, empty and random files', () => {
  it('fails a truncated PDF (the first half of a real one) as malformed', async () => {
    const whole = fs.readFileSync(path.join(testSettings.corpusDir, '014-gds-bis-expert-interviews-discussion-guide.pdf'));
    const half = whole.subarray(0, Math.floor(whole.length / 2));
    expectFailure(await extractText({ format: 'pdf', body: half, sizeBytes: half.length }), 'malformed');
  });

  it('fails a truncated DOCX (the first half of a real one) as malformed', async () => {
    const whole = fs.readFileSync(path.join(testSettings.corpusDir, '098-cps-witness-expenses-alpha-assessment-report.docx'));
    const half = whole.subarray(0, Math.floor(whole.length / 2));
    expectFailure(await extractText({ format: 'docx', body: half, sizeBytes: half.length }), 'malformed');
  });

  it('handles an empty file in every format: malformed for containers, no_text for text', async () => {
    for (const format of ['pdf', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp', 'doc', 'rtf']) {
      expectFailure(await extractText({ format, body: Buffer.alloc(0), sizeBytes: 0 }), 'malformed');
    }
    for (const format of ['txt', 'md', 'csv']) {
      expect(await extractText({ format, body: Buffer.alloc(0), sizeBytes: 0 })).toEqual({ status: 'no_text' });
    }
  });

  it('fails random bytes as malformed, whatever format they claim', async () => {
    const random = crypto.randomBytes(64 * 1024);
    for (const format of ['pdf', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp', 'doc', 'rtf']) {
      expectFailure(await extractText({ format, body: random, sizeBytes: random.length }), 'malformed');
    }
    // Random bytes behind a zip's magic number are no better.
    const zipLike = Buffer.concat([Buffer.from('PK\x03\x04'), random]);
    expectFailure(await extractText({ format: 'docx', body: zipLike, sizeBytes: zipLike.length }), 'malformed');
  });

  it('fails a real zip that is not an Office or OpenDocument package as malformed', async () => {
    const other = buildZip([{ name: 'readme.txt', data: Buffer.from('Just a zip') }]);
    for (const format of ['docx', 'xlsx', 'pptx', 'odt']) {
      expectFailure(await extractText({ format, body: other, sizeBytes: other.length }), 'malformed');
    }
  });

  it('fails XML that is not well-formed as malformed', async () => {
    const broken = buildZip(docxEntries({ data: Buffer.from('<w:document><w:body><w:p><w:t>Unclosed') }));
    expectFailure(await extractText({ format: 'docx', body: broken, sizeBytes: broken.length }), 'malformed');
  });
});

describe('password-protected files', () => {
  it('says a PDF that needs a password is encrypted', async () => {
    const locked = pdf(['Private words'], { encrypted: true });
    const result = await extractText({ format: 'pdf', body: locked, sizeBytes: locked.length });
    expectFailure(result, 'encrypted');
    expect(JSON.stringify(result)).not.toContain('Private words');
  });

  it('says a password-protected DOCX (a CFB file with an EncryptedPackage) is encrypted', async () => {
    const locked = cfb([
      { name: 'EncryptionInfo', data: Buffer.alloc(4096, 1) },
      { name: 'EncryptedPackage', data: Buffer.alloc(4096, 2) },
    ]);
    expectFailure(await extractText({ format: 'docx', body: locked, sizeBytes: locked.length }), 'encrypted');
    expectFailure(await extractText({ format: 'xlsx', body: locked, sizeBytes: locked.length }), 'encrypted');
  });

  it('says a Word 97 document with its fEncrypted flag set is encrypted', async () => {
    const locked = cfb([{ name: 'WordDocument', data: wordDocumentStream({ encrypted: true }) }]);
    expectFailure(await extractText({ format: 'doc', body: locked, sizeBytes: locked.length }), 'encrypted');
  });

  it('says an OpenDocument file whose manifest encrypts content.xml is encrypted', async () => {
    const locked = buildZip([
      { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.text'), stored: true },
      { name: 'content.xml', data: crypto.randomBytes(2048) },
      { name: 'META-INF/manifest.xml', data: Buffer.from(odfManifest(true)) },
    ]);
    expectFailure(await extractText({ format: 'odt', body: locked, sizeBytes: locked.length }), 'encrypted');
  });
});

describe('time limit', () => {
  it('stops a PDF with thousands of pages at the time limit', async () => {
    const long = pdf(Array.from({ length: 5_000 }, (_, i) => `Page ${i} of a very long report`));
    const started = performance.now();
    const result = await extractText({ format: 'pdf', body: long, sizeBytes: long.length }, { timeLimitMs: 300 });
    expectFailure(result, 'timeout');
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('stops a PDF page that never ends (a content stream of millions of operators) at the time limit', async () => {
    const endless = pdf(['One line repeated until the page takes seconds to read'], { contentRepeat: 400_000 });
    const started = performance.now();
    const result = await extractText({ format: 'pdf', body: endless, sizeBytes: endless.length }, { timeLimitMs: 300 });
    expectFailure(result, 'timeout');
    expect(performance.now() - started).toBeLessThan(3_000);
    // And this process was not held up meanwhile: a timer fires on time right after.
    const timerStarted = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(performance.now() - timerStarted).toBeLessThan(1_000);
  });

  it('stops a long RTF and a long CSV at the time limit', async () => {
    const rtf = Buffer.from(`{\\rtf1\\ansi ${'Some words \\par '.repeat(3_000_000)}}`);
    const started = performance.now();
    const rtfResult = await extractText({ format: 'rtf', body: rtf, sizeBytes: rtf.length }, { timeLimitMs: 50, maxTextBytes: 100 * MB });
    expectFailure(rtfResult, 'timeout');
    expect(performance.now() - started).toBeLessThan(3_000);

    const csv = Buffer.from('a,b,c\n'.repeat(5_000_000));
    const csvResult = await extractText({ format: 'csv', body: csv, sizeBytes: csv.length }, { timeLimitMs: 50, maxTextBytes: 100 * MB });
    expectFailure(csvResult, 'timeout');
  });

  it('says so in whole seconds with the default limit', async () => {
    const long = pdf(Array.from({ length: 200 }, (_, i) => `Page ${i}`));
    const result = await extractText({ format: 'pdf', body: long, sizeBytes: long.length }, { timeLimitMs: 30_000 });
    expect(result.status).toBe('done');
    const timedOut = await extractText({ format: 'pdf', body: long, sizeBytes: long.length }, { timeLimitMs: 1 });
    expect(timedOut).toEqual({ status: 'failed', reason: 'timeout', message: 'Reading the text took longer than 0.001 seconds, so we stopped.' });
  });
});

describe('size limits', () => {
  it('refuses a file declared larger than the limit without reading it', async () => {
    let opened = false;
    const result = await extractText({
      format: 'pdf',
      body: () => {
        opened = true;
        return Readable.from([Buffer.alloc(10)]);
      },
      sizeBytes: 100 * MB + 1,
    });
    expectFailure(result, 'too_large');
    expect(result.status === 'failed' && result.message).toBe('The file is larger than 100 MB, the most we read text from.');
    expect(opened).toBe(false);
  });

  it('stops reading a stream that goes past the limit, whatever size was declared', async () => {
    let produced = 0;
    let destroyed = false;
    const stream = new Readable({
      read() {
        produced += 1024;
        this.push(Buffer.alloc(1024, 0x61));
      },
      destroy(error, callback) {
        destroyed = true;
        callback(error);
      },
    });
    const result = await extractText({ format: 'txt', body: () => stream, sizeBytes: 10 }, { maxInputBytes: 64 * 1024 });
    expectFailure(result, 'too_large');
    expect(destroyed).toBe(true);
    expect(produced).toBeLessThan(200 * 1024);
  });

  it('reads a body given as a stream', async () => {
    const file = docx(['Streamed from storage']);
    const result = await extractText({ format: 'docx', body: () => Readable.from([file.subarray(0, 100), file.subarray(100)]), sizeBytes: file.length });
    expect(result).toEqual({ status: 'done', text: 'Streamed from storage', truncated: false });
  });

  it('rejects (for the job to retry) when the storage stream itself fails', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(extractText({ format: 'docx', body: () => failing, sizeBytes: 100 })).rejects.toThrow('connection reset');
  });

  it('cuts long text at the text limit, on a character boundary, and says it did', async () => {
    const body = fs.readFileSync(path.join(testSettings.corpusDir, '034-scotgov-discovery-assessment-prompts.docx'));
    const result = await extractText({ format: 'docx', body, sizeBytes: body.length }, { maxTextBytes: 1000 });
    expect(result.status).toBe('done');
    if (result.status !== 'done') return;
    expect(result.truncated).toBe(true);
    expect(Buffer.byteLength(result.text)).toBeLessThanOrEqual(1000);
    expect(Buffer.byteLength(result.text)).toBeGreaterThan(900);
    expect(result.text).not.toContain('\uFFFD');

    const twoByteLetters = Buffer.from('ł'.repeat(1000));
    const cut = await extractText({ format: 'txt', body: twoByteLetters, sizeBytes: twoByteLetters.length }, { maxTextBytes: 11 });
    expect(cut).toEqual({ status: 'done', text: 'łłłłł', truncated: true });
  });

  it('cuts a long PDF at the text limit and stops reading it', async () => {
    const long = pdf(Array.from({ length: 2_000 }, (_, i) => `Page ${i} with some words on it`));
    const started = performance.now();
    const result = await extractText({ format: 'pdf', body: long, sizeBytes: long.length }, { maxTextBytes: 500 });
    expect(result).toMatchObject({ status: 'done', truncated: true, pageCount: 2_000 });
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('formats without text', () => {
  it('says images and the legacy spreadsheet and slide formats are unsupported, and unknown codes too', async () => {
    for (const format of ['png', 'jpeg', 'jpg', 'xls', 'ppt', 'exe', '']) {
      expect(await extractText({ format, body: Buffer.from('whatever'), sizeBytes: 8 })).toEqual({ status: 'unsupported' });
    }
  });

  it('says no_text for documents with nothing to index', async () => {
    const blank = pdf(['', '']);
    expect(await extractText({ format: 'pdf', body: blank, sizeBytes: blank.length })).toEqual({ status: 'no_text' });
    const emptyDocx = docx([]);
    expect(await extractText({ format: 'docx', body: emptyDocx, sizeBytes: emptyDocx.length })).toEqual({ status: 'no_text' });
    const punctuation = Buffer.from(' \n\n --- * \t\n');
    expect(await extractText({ format: 'txt', body: punctuation, sizeBytes: punctuation.length })).toEqual({ status: 'no_text' });
  });
});
