import { expect, test } from '@playwright/test';
import { buildZip } from '../lib/extract/testing/test-files';
import { MaterialPage } from './pages/material-page';
import { expectAccessible, pagesWithoutJavaScript } from './support/accessibility';
import { baseURL, findCouncils, openDatabase, requestContextFor, seedPeople, sessionCookie, shareMaterial } from './support/seed-people';

/**
 * The XLSX preview (issue 9, part 1) as someone sees it: a spreadsheet shared by a council shows, on its
 * page and without JavaScript, its first sheet as a table, bounded in rows and saying what was left out.
 * (PDF and DOCX previews: share-find-download.spec.ts.) The workbook is made here at run time (the
 * corpus has no XLSX). With axe on the page.
 */

const run = Date.now().toString(36);
const SPREADSHEET = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** A sheet with a header row and `rows` rows of ward survey counts: more rows than a preview shows. */
function surveySheet(rows: number): string {
  const text = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;
  const lines = [`<row r="1">${text('A1', 'Ward')}${text('B1', 'Responses')}</row>`];
  for (let r = 2; r <= rows + 1; r++) lines.push(`<row r="${r}">${text(`A${r}`, `Ward ${r - 1}`)}<c r="B${r}"><v>${r * 3}</v></c></row>`);
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${SPREADSHEET}"><sheetData>${lines.join('')}</sheetData></worksheet>`;
}

/** A one-sheet XLSX that Excel opens and the upload check recognises (its content types name the workbook). */
function surveyWorkbook(rows: number): Buffer {
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const types =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
  const packageRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const book = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${SPREADSHEET}" xmlns:r="${rel}"><sheets><sheet name="Responses" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  const bookRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
  return buildZip([
    { name: '[Content_Types].xml', data: Buffer.from(types) },
    { name: '_rels/.rels', data: Buffer.from(packageRels) },
    { name: 'xl/workbook.xml', data: Buffer.from(book) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(bookRels) },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(surveySheet(rows)) },
  ]);
}

test.use({ javaScriptEnabled: false });

test('an XLSX shows its first sheet as a table, saying how many rows were left out', async ({ browser }) => {
  test.setTimeout(120_000);
  const db = await openDatabase();
  const councils = await findCouncils(db);
  const { member } = await seedPeople(db, councils, `sheet${run}`, { member: { label: 'member', council: 'a', name: `Sam Sheet ${run}` } });
  await db.end();
  const api = await requestContextFor(member);
  const title = `Ward survey responses ${run}`;
  const file = surveyWorkbook(250);
  const id = await shareMaterial(api, { title, visibility: 'public' }, { name: `ward-survey-${run}.xlsx`, content: file, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  await api.dispose();

  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  await context.addCookies([sessionCookie(member.sessionToken)]);
  const page = await context.newPage();
  pagesWithoutJavaScript.add(page);
  try {
    await page.goto(`/materials/${id}`);
    const material = new MaterialPage(page);
    await material.expectShown(title);
    await material.expectPreviewMade();
    const preview = material.preview();
    await expect(preview.getByRole('heading', { level: 3, name: 'Responses' })).toBeVisible();
    await expect(preview.getByText('Showing 200 of 251 rows.')).toBeVisible();
    const table = preview.getByRole('region', { name: 'Table: Responses' }).locator('table');
    await expect(table).toBeVisible();
    await expect(table.locator('tr').first()).toContainText('Ward');
    await expect(table).toContainText('Ward 199');
    await expect(table).not.toContainText('Ward 200');
    await expectAccessible(page);
  } finally {
    await context.close();
  }
});
