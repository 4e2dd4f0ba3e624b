import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildZip, cfb, deflatedZeros, docxEntries, pdf, wordDocumentXml } from '@/lib/extract/testing/test-files';
import { checkDocument } from './check-document';
import { cleanDocument } from './clean/clean-document';
import type { CheckReport } from './report';
import { plantedDocx } from './testing/planted-docx';
import { verifyFormat } from './verify/verify-format';

/**
 * Hostile and broken files, made here at run time: each ends in a plain failure (or a bounded
 * result) quickly, for checking, cleaning and verifying alike, without the process growing.
 */

const MB = 1024 * 1024;

function expectFailure(report: CheckReport | Awaited<ReturnType<typeof cleanDocument>>, reason: string): void {
  expect(report).toMatchObject({ status: 'failed', reason });
  if (report.status !== 'failed') return;
  expect(report.message).toMatch(/^[A-Z][^\n]*\.$/);
  expect(report.message).not.toMatch(/\bat \S+:\d+|\/|\\|node_modules|Error|Exception|yauzl|saxes|pdf\.js|zip entry|undefined|null/);
}

async function rssGrowth<T>(work: () => Promise<T>): Promise<{ value: T; growth: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
  try {
    const value = await work();
    return { value, growth: Math.max(peak, process.memoryUsage().rss) - before };
  } finally {
    clearInterval(sampler);
  }
}

let zeros500: Buffer;
beforeAll(async () => {
  zeros500 = await deflatedZeros(500);
}, 60_000);

describe('zip bombs and oversized packages', () => {
  it('refuses a DOCX whose document part declares 500 MB, before inflating it: check, clean and verify', async () => {
    const bomb = buildZip(docxEntries({ deflated: zeros500, inflatedSize: 500 * MB }));
    const { value, growth } = await rssGrowth(() => checkDocument({ format: 'docx', bytes: bomb }));
    expectFailure(value, 'zip_bomb');
    expect(growth).toBeLessThan(100 * MB);
    expectFailure(await cleanDocument('docx', bomb), 'zip_bomb');
    expect(await verifyFormat('docx', bomb)).toEqual({ ok: false, reason: 'The file unpacks to far more data than a document of its size should, so we stopped checking it.' });
  });

  it('stops a part that lies about its size (declares 40 KB, inflates to 500 MB)', async () => {
    const spaces = await deflatedZeros(500, 0x20);
    const liar = buildZip(docxEntries({ deflated: spaces, inflatedSize: 40 * 1024 }));
    const { value, growth } = await rssGrowth(() => checkDocument({ format: 'docx', bytes: liar }));
    expectFailure(value, 'zip_bomb');
    expect(growth).toBeLessThan(100 * MB);
  });

  it('refuses a package of more than 2,000 parts before reading any', async () => {
    const many = buildZip(docxEntries({ data: Buffer.from(wordDocumentXml(['Fine'])) }, Array.from({ length: 2_000 }, (_, i) => ({ name: `word/media/${i}.bin`, data: Buffer.from('x') }))));
    expectFailure(await checkDocument({ format: 'docx', bytes: many }), 'too_many_entries');
    expectFailure(await cleanDocument('docx', many), 'too_many_entries');
  });

  it('checks only the first part of a huge document, and says so', async () => {
    const paragraphs = Array.from({ length: 20_000 }, (_, i) => `Paragraph ${i} of a long report with nothing personal in it at all.`);
    paragraphs.push('Her mobile is 07981 123456.');
    const long = buildZip(docxEntries({ data: Buffer.from(wordDocumentXml(paragraphs)) }));
    const report = await checkDocument({ format: 'docx', bytes: long }, { maxTextBytes: 64 * 1024 });
    expect(report.status).toBe('checked');
    if (report.status !== 'checked') return;
    expect(report.notes).toContain('The document is very long: only the first part of its text was checked for personal data.');
    expect(report.findings.some((f) => f.kind === 'phone-number')).toBe(false);
  });
});

describe('XML that must not be trusted', () => {
  it('refuses a DOCTYPE (external entities, billion laughs) in any part', async () => {
    const xxe = wordDocumentXml(['Before &xxe; after'], '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>');
    const hostile = buildZip(docxEntries({ data: Buffer.from(xxe) }));
    const report = await checkDocument({ format: 'docx', bytes: hostile });
    expectFailure(report, 'malformed');
    expect(JSON.stringify(report)).not.toContain('root:');
    expectFailure(await cleanDocument('docx', hostile), 'malformed');
  });

  it('fails XML that is not well-formed', async () => {
    const broken = buildZip(docxEntries({ data: Buffer.from('<w:document><w:body><w:p><w:t>Unclosed') }));
    expectFailure(await checkDocument({ format: 'docx', bytes: broken }), 'malformed');
  });
});

describe('broken, random, empty and locked files', () => {
  it('fails a truncated DOCX and random bytes as malformed, in every container format', async () => {
    const whole = plantedDocx();
    expectFailure(await checkDocument({ format: 'docx', bytes: whole.subarray(0, whole.length >> 1) }), 'malformed');
    const random = crypto.randomBytes(64 * 1024);
    for (const format of ['pdf', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp', 'rtf', 'png', 'jpeg']) {
      expectFailure(await checkDocument({ format, bytes: random }), 'malformed');
    }
    for (const format of ['docx', 'xlsx', 'pptx', 'png', 'jpeg']) expectFailure(await cleanDocument(format, random), 'malformed');
  });

  it('handles empty files: containers fail, text has nothing to find', async () => {
    for (const format of ['pdf', 'docx', 'odt', 'rtf', 'png']) expectFailure(await checkDocument({ format, bytes: Buffer.alloc(0) }), 'malformed');
    expect(await checkDocument({ format: 'txt', bytes: Buffer.alloc(0) })).toMatchObject({ status: 'checked', findings: [] });
  });

  it('says password-protected files are protected', async () => {
    expectFailure(await checkDocument({ format: 'pdf', bytes: pdf(['Secret'], { encrypted: true }) }), 'encrypted');
    const locked = cfb([{ name: 'EncryptionInfo', data: Buffer.alloc(4096, 1) }, { name: 'EncryptedPackage', data: Buffer.alloc(4096, 2) }]);
    expectFailure(await checkDocument({ format: 'docx', bytes: locked }), 'encrypted');
  });

  it('refuses a file over the size limit without reading it', async () => {
    const report = await checkDocument({ format: 'txt', bytes: Buffer.alloc(2048, 0x61) }, { maxInputBytes: 1024 });
    expectFailure(report, 'too_large');
  });
});

describe('time limit', () => {
  it('stops a PDF with thousands of pages, and one endless page, at the time limit', async () => {
    const long = pdf(Array.from({ length: 5_000 }, (_, i) => `Page ${i} of a very long report`));
    const started = performance.now();
    expectFailure(await checkDocument({ format: 'pdf', bytes: long }, { timeLimitMs: 300 }), 'timeout');
    const endless = pdf(['One line repeated until the page takes seconds to read'], { contentRepeat: 400_000 });
    expectFailure(await checkDocument({ format: 'pdf', bytes: endless }, { timeLimitMs: 300 }), 'timeout');
    expect(performance.now() - started).toBeLessThan(6_000);
  });

  it('stops a long text file at the time limit', async () => {
    const text = Buffer.from('Call 07981 123456 now\n'.repeat(2_000_000));
    expectFailure(await checkDocument({ format: 'txt', bytes: text }, { timeLimitMs: 50, maxTextBytes: 100 * MB }), 'timeout');
  });
});
