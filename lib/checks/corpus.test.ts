import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testSettings } from '@/lib/testing/settings';
import { checkDocument } from './check-document';
import { verifyFormat } from './verify/verify-format';

/**
 * The real corpus (CORPUS_DIR): published public-sector documents. Every one is checked and verified
 * without failing, and none has a likely personal-data finding in its text: with published material
 * such a finding would be a false alarm (bench/check-false-positives.ts prints the details).
 */
const files = fs.readdirSync(testSettings.corpusDir).filter((file) => !/^(manifest\.csv|README\.md)$/.test(file));

describe('the real corpus', () => {
  it('has its documents', () => {
    expect(files.length).toBeGreaterThanOrEqual(89);
  });

  it('checks and verifies every document, with no likely personal data in published text', async () => {
    const likely: string[] = [];
    for (const file of files) {
      const format = path.extname(file).slice(1);
      const bytes = fs.readFileSync(path.join(testSettings.corpusDir, file));
      const report = await checkDocument({ format, bytes, fileName: file });
      expect(report.status, file).toBe('checked');
      if (report.status !== 'checked') continue;
      for (const finding of report.findings) {
        if (finding.category === 'personal-data' && finding.likelihood === 'likely') likely.push(`${file}: ${finding.kind} at ${finding.where}`);
      }
      expect(await verifyFormat(format, bytes), file).toMatchObject({ ok: true });
    }
    expect(likely).toEqual([]);
  }, 180_000);
});
