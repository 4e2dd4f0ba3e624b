import { expect, test } from '@playwright/test';
import { MaterialPage } from './pages/material-page';
import { SharePage } from './pages/share-page';
import { expectAccessible, pagesWithoutJavaScript } from './support/accessibility';
import { makeTextFile } from './support/files';
import { findCouncils, markdownFile, openDatabase, requestContextFor, seedPeople, sessionCookie, shareMaterial } from './support/seed-people';

/**
 * "Adapt this for my council" (issue 9, part 4) and "More like this" (part 6): Leeds adapts a template
 * Bristol shared, without JavaScript, and each page shows the other (with the attribution the
 * template's licence asks for); a template whose licence forbids changed versions says why it cannot
 * be adapted; the original lists related materials. Every page visited is checked with axe.
 */

const run = Date.now().toString(36);

test.use({ javaScriptEnabled: false });

test('another council adapts a template, and the lineage shows on both pages', async ({ browser }) => {
  // Two shares through the API, one through the form, and its check: more than a minute on a busy machine.
  test.setTimeout(120_000);
  const db = await openDatabase();
  const councils = await findCouncils(db);
  const { sharer, adapter } = await seedPeople(db, councils, `adapt${run}`, {
    sharer: { label: 'sharer', council: 'a' },
    adapter: { label: 'adapter', council: 'b' },
  });
  const bristol = await requestContextFor(sharer);
  const answers = { phases: ['discovery'], artefactType: 'discussion-guide', kind: 'template', topics: ['waste-recycling'], visibility: 'public' as const };
  const originalTitle = `Bin round discussion guide ${run}`;
  const original = await shareMaterial(
    bristol,
    { ...answers, title: originalTitle, summary: `Questions for crews about missed bin rounds ${run}.`, tags: 'bins, interviews' },
    markdownFile(`guide-${run}.md`, `# Bin rounds ${run}\n\nAsk about the round.\n`),
  );
  const sibling = await shareMaterial(
    bristol,
    { ...answers, title: `Bin round recruitment plan ${run}`, summary: `Recruiting crews for bin round interviews ${run}.` },
    markdownFile(`recruit-${run}.md`, `# Recruiting ${run}\n`),
  );
  const closedTitle = `Closed bin round guide ${run}`;
  const closed = await shareMaterial(
    bristol,
    { ...answers, title: closedTitle, licence: 'LicenseRef-ask-owner' },
    markdownFile(`closed-${run}.md`, `# Closed ${run}\n`),
  );
  await bristol.dispose();

  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.addCookies([sessionCookie(adapter.sessionToken)]);
  const page = await context.newPage();
  pagesWithoutJavaScript.add(page);
  try {
    // From the template's page to the adapt form, filled in from the template.
    await page.goto(`/materials/${original}`);
    await new MaterialPage(page).expectShown(originalTitle);
    await expect(page.locator('#adapted-by')).toContainText('No council has shared an adaptation of this material yet.');
    await page.locator('#adapted-by').getByRole('link', { name: 'Adapt this for your council' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Adapt this for your council' })).toBeVisible();
    await expectAccessible(page);
    await expect(page.getByLabel('Title')).toHaveValue(originalTitle);
    await expect(page.getByLabel('Summary (optional)')).toHaveValue(`Questions for crews about missed bin rounds ${run}.`);
    await expect(page.getByLabel('Type of material')).toHaveValue('discussion-guide');
    await expect(page.getByRole('group', { name: 'Which phases is it for?' }).getByLabel('Discovery', { exact: true })).toBeChecked();
    await expect(page.getByRole('group', { name: 'Service areas (optional)' }).getByLabel('Bins, waste and recycling', { exact: true })).toBeChecked();
    await expect(page.getByText(`Contains public sector information from ${councils.a.name} licensed under the Open Government Licence v3.0.`)).toBeVisible();

    // Without a file: the form again, answers kept, the error linked to the file input.
    const adaptedTitle = `Leeds bin round guide ${run}`;
    await page.getByLabel('Title').fill(adaptedTitle);
    await page.getByRole('button', { name: 'Share your version' }).click();
    await expect(page).toHaveTitle(/^Error: Adapt /);
    await expect(page.getByLabel('Title')).toHaveValue(adaptedTitle);
    await expectAccessible(page);

    // With its own file: through the same check and draft as any share.
    await page.getByLabel('Upload a file').setInputFiles(makeTextFile(`leeds-guide-${run}.txt`, `Leeds questions about bin rounds ${run}.\n`));
    await page.getByRole('button', { name: 'Share your version' }).click();
    const share = new SharePage(page);
    await share.publishAfterCheck();
    await new MaterialPage(page).expectShown(adaptedTitle);
    const adaptation = new URL(page.url()).pathname;

    // The adaptation names its source, with the credit the source's licence asks for.
    const from = page.getByTestId('adapted-from');
    await expect(from.getByRole('link', { name: originalTitle })).toHaveAttribute('href', `/materials/${original}`);
    await expect(from.getByRole('link', { name: councils.a.name })).toHaveAttribute('href', `/organisations/${councils.a.slug}`);
    await expect(from).toContainText(`Contains public sector information from ${councils.a.name} licensed under the Open Government Licence v3.0.`);
    const structured = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
    expect(structured.isBasedOn).toMatch(new RegExp(`/materials/${original}$`));

    // The template lists it, with the council, and related materials.
    await page.goto(`/materials/${original}`);
    await expectAccessible(page);
    const adaptedBy = page.locator('#adapted-by');
    await expect(adaptedBy.getByRole('link', { name: adaptedTitle })).toHaveAttribute('href', adaptation);
    await expect(adaptedBy.getByRole('link', { name: councils.b.name })).toHaveAttribute('href', `/organisations/${councils.b.slug}`);
    const moreLikeThis = page.locator('#more-like-this');
    await expect(moreLikeThis.getByRole('link', { name: `Bin round recruitment plan ${run}` })).toHaveAttribute('href', `/materials/${sibling}`);
    await expect(moreLikeThis.getByRole('link', { name: originalTitle })).toHaveCount(0);

    // Signed out, the template still lists the public adaptation.
    const anonymous = await browser.newContext({ javaScriptEnabled: false });
    const anonymousPage = await anonymous.newPage();
    pagesWithoutJavaScript.add(anonymousPage);
    await anonymousPage.goto(`/materials/${original}`);
    await expect(anonymousPage.locator('#adapted-by').getByRole('link', { name: adaptedTitle })).toBeVisible();
    await expectAccessible(anonymousPage);
    await anonymous.close();

    // A licence that forbids changed versions: no way to adapt it, and the reason.
    await page.goto(`/materials/${closed}`);
    await expect(page.getByTestId('cannot-adapt')).toContainText('does not allow others to share changed versions');
    await expect(page.locator('#adapted-by').getByRole('link', { name: 'Adapt this for your council' })).toHaveCount(0);
    await expectAccessible(page);
    await page.goto(`/materials/${closed}/adapt`);
    await expect(page.getByRole('heading', { level: 1, name: 'You cannot adapt this material' })).toBeVisible();
    await expect(page.getByRole('link', { name: `Contact ${councils.a.name}` })).toHaveAttribute('href', `/organisations/${councils.a.slug}#contact`);
    // No form to fill in. (Not "the title is absent": Next's route announcer may read the page's
    // <title>, "Adapt <the title>", into its live region once the page has loaded.)
    await expect(page.getByRole('button', { name: 'Share your version' })).toHaveCount(0);
    await expect(page.getByLabel('Title')).toHaveCount(0);
    await expectAccessible(page);
  } finally {
    await context.close();
    await db.end();
  }
});
