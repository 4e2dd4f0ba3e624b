import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { MaterialPage } from './pages/material-page';
import { SearchPage } from './pages/search-page';
import { expectAccessible, pagesWithoutJavaScript } from './support/accessibility';
import { openDatabase } from './support/seed-people';

/**
 * Templates in the formats councils edit (issue 9, part 8): a starter template's page offers its
 * Word and OpenDocument versions beside the Markdown, and anyone may download them, without
 * JavaScript. What the browser saves is the stored document, byte for byte, and a real one.
 */

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test.beforeEach(({ page }) => {
    pagesWithoutJavaScript.add(page);
  });

  test("download a starter template as a Word document and as OpenDocument text from its page", async ({ page }) => {
    const search = new SearchPage(page);
    await search.open('/search?q=User+research+plan');
    await search.results().getByRole('link', { name: 'User research plan', exact: true }).first().click();
    const material = new MaterialPage(page);
    await material.expectShown('User research plan');

    await expect(material.alternativeFormats()).toHaveText([
      /^Word document \(DOCX, [\d.]+ KB\) of User research plan$/,
      /^OpenDocument text \(ODT, [\d.]+ KB\) of User research plan$/,
    ]);

    const db = await openDatabase();
    try {
      const materialId = new URL(page.url()).pathname.split('/')[2]!;
      const { rows } = await db.query<{ format: string; sha256: string; size_bytes: string }>(
        `SELECT a.format, a.sha256, a.size_bytes FROM material_version_alternatives a
           JOIN material_versions v ON v.id = a.version_id
          WHERE v.material_id = $1 AND v.version_number = (SELECT max(version_number) FROM material_versions WHERE material_id = $1)`,
        [materialId],
      );
      const recorded = new Map(rows.map((row) => [row.format, row]));

      const docx = await material.downloadAlternative(/^Word document/);
      expect(docx.fileName).toBe('user-research-plan.docx');
      expect(createHash('sha256').update(docx.body).digest('hex')).toBe(recorded.get('docx')?.sha256);
      // A Word document: a zip package holding the main document part.
      expect(docx.body.subarray(0, 2).toString('latin1')).toBe('PK');
      expect(docx.body.includes(Buffer.from('word/document.xml'))).toBe(true);

      const odt = await material.downloadAlternative(/^OpenDocument text/);
      expect(odt.fileName).toBe('user-research-plan.odt');
      expect(createHash('sha256').update(odt.body).digest('hex')).toBe(recorded.get('odt')?.sha256);
      // An OpenDocument package names its type first, uncompressed (ODF 1.3 part 2, 3.3).
      expect(odt.body.subarray(30, 38).toString('latin1')).toBe('mimetype');
      expect(odt.body.includes(Buffer.from('application/vnd.oasis.opendocument.text'))).toBe(true);
    } finally {
      await db.end();
    }

    // The version's own page offers the same files, for that version.
    await page.goto(`${new URL(page.url()).pathname}/versions/1`);
    await expect(page.getByRole('heading', { level: 1, name: 'Version 1' })).toBeVisible();
    await expectAccessible(page);
    await expect(material.alternativeFormats()).toHaveCount(2);
  });
});
