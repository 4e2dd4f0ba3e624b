import { expect, test, type Page } from '@playwright/test';
import { MaterialPage } from './pages/material-page';
import { SearchPage } from './pages/search-page';
import { SharePage } from './pages/share-page';
import { expectAccessible, pagesWithoutJavaScript } from './support/accessibility';
import { makeTextFile } from './support/files';
import { findCouncils, openDatabase, seedPeople, sessionCookie } from './support/seed-people';

/**
 * Finding by type of material and deciding whether to reuse it (issue 14): browsing by type from the
 * home page and the search filters on a phone, without JavaScript; the material page's reuse
 * information; the warning when the file being shared is already in the hub; and another council
 * saying "We used this", without JavaScript, after downloading it (counted).
 */

const run = Date.now().toString(36);
const servicePhases = ['Discovery', 'Alpha', 'Beta', 'Live', 'Retirement'];

test.describe('on a phone, without JavaScript', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 375, height: 740 } });
  test.beforeEach(({ page }) => {
    pagesWithoutJavaScript.add(page);
  });

  test('browse by type of material from the home page, then reach every filter below the results', async ({ page }) => {
    const search = new SearchPage(page);
    await search.open('/');

    // Each type with how many materials it has, linking to the search filtered by it.
    const types = page.getByRole('heading', { name: 'Browse by type of material' }).locator('xpath=following-sibling::ul[1]');
    const consentForms = types.getByRole('listitem').filter({ hasText: 'Consent form or participant information sheet' });
    const count = Number((await consentForms.textContent())?.match(/\((\d+)\)\s*$/)?.[1]);
    expect(count).toBeGreaterThan(0);
    await consentForms.getByRole('link').click();
    await expect(page).toHaveURL(/\/search\?type=consent-form$/);
    await expectAccessible(page);
    const found = page.getByRole('heading', { name: `${count} ${count === 1 ? 'material' : 'materials'} found` });
    await expect(found).toBeVisible();

    // The same search as an Atom feed (named in the page's head too) and as a spreadsheet, beside the results.
    await expect(page.getByRole('link', { name: 'Subscribe to this search (Atom feed)' })).toHaveAttribute('href', '/search/feed?type=consent-form');
    await expect(page.locator('head link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute('href', /\/search\/feed\?type=consent-form$/);
    await expect(page.getByRole('link', { name: 'Download these results as CSV (up to 5,000)' })).toHaveAttribute('href', '/search/export.csv?type=consent-form');
    const feed = await page.request.get('/search/feed?type=consent-form');
    expect(feed.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect((await feed.text()).match(/<entry>/g)).toHaveLength(Math.min(count, 50));

    // Results first on a narrow screen; the filters come after them, reached by "Filter results".
    const filters = page.locator('#filters');
    const firstResult = search.results().locator('.app-results__item').first();
    const filterLink = page.getByRole('link', { name: 'Filter results' });
    await expect(filterLink).toBeInViewport();
    expect((await filters.boundingBox())!.y).toBeGreaterThanOrEqual((await firstResult.boundingBox())!.y + (await firstResult.boundingBox())!.height);
    await filterLink.click();
    await expect(page).toHaveURL(/#filters$/);
    await expect(filters.getByRole('heading', { name: 'Filter results' })).toBeInViewport();

    // Every option is on the page, none hidden in a scroll box.
    for (const group of await filters.locator('.govuk-checkboxes').all()) {
      const { scrollHeight, clientHeight } = await group.evaluate((el) => ({ scrollHeight: el.scrollHeight, clientHeight: el.clientHeight }));
      expect(scrollHeight).toBeLessThanOrEqual(clientHeight + 1);
    }
    // Phases in the order a service goes through them.
    const phaseLabels = (await filters.getByRole('group', { name: 'Phase' }).locator('label').allTextContents()).map((l) => l.replace(/ \(\d+\)$/, '').trim());
    expect(phaseLabels.length).toBeGreaterThan(0);
    expect(phaseLabels).toEqual(servicePhases.filter((phase) => phaseLabels.includes(phase)));

    // Type and phases are plain text in each result, not tall tags.
    await expect(firstResult.locator('.govuk-tag')).toHaveCount(0);
    await expect(firstResult).toContainText('Consent form or participant information sheet');

    // On a wide screen the filters sit beside the results: no link to jump to them.
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect(filterLink).toBeHidden();
    await expect(filters.getByRole('heading', { name: 'Filter results' })).toBeVisible();
  });
});

test('a material shows what a reuse decision needs, and sharing the same file again points to it first', async ({ browser }) => {
  // Three uploads and an edit in one journey: more than the default minute on a busy machine.
  test.setTimeout(120_000);
  const db = await openDatabase();
  const councils = await findCouncils(db);
  const { sharer, reuser } = await seedPeople(db, councils, `reuse${run}`, {
    sharer: { label: 'sharer', council: 'a', name: `Robin Patel ${run}` },
    reuser: { label: 'reuser', council: 'b', name: `Kim Lee ${run}` },
  });
  const context = await browser.newContext();
  await context.addCookies([sessionCookie(sharer.sessionToken)]);
  const page = await context.newPage();
  try {
    const file = makeTextFile(`consent-${run}.txt`, `Consent form for resident interviews, ${run}.\n`);
    const title = `Consent form for resident interviews ${run}`;
    // The share form itself is checked in share-validation.spec.ts: here only the pages that change.
    const share = new SharePage(page);
    await page.goto('/materials/new');
    await share.fill(
      { title, phases: ['Alpha', 'Discovery'], type: 'Consent form or participant information sheet', kind: 'Template', visibility: 'Only my council', file },
      { javascript: true },
    );
    await page.getByRole('group', { name: 'Licence' }).getByLabel(/ask the publishing council before reuse/).check();
    await submit(page);
    await share.publishAfterCheck();

    // The banner matches who can see it: only Bristol, not "other councils".
    const material = new MaterialPage(page);
    const banner = page.locator('.govuk-notification-banner--success');
    await expect(banner).toContainText('Only members of Bristol City Council can find it.');
    await expect(banner).not.toContainText('Other councils can now find it');
    await expect(page.getByText('No summary given.')).toBeVisible();
    await expect(material.detail('Last updated')).toHaveCount(0);
    const materialPath = new URL(page.url()).pathname;

    // Where it was first published (as an import records it), then a change of details. Shared an hour
    // earlier: "Last updated" shows a change more than a second after sharing, and on a fast machine
    // this journey edits it sooner than that.
    const source = `https://github.com/alphagov/government-service-design-manual/blob/4efa105e0dde7beb862f99253f118e140da8d487/service-manual/${run}.md`;
    await db.query(`UPDATE materials SET source_url = $1, attribution = $2, created_at = created_at - interval '1 hour' WHERE title = $3`, [
      source,
      '© Crown copyright',
      title,
    ]);
    await page.goto(`${materialPath}/edit`);
    await page.getByLabel('Summary (optional)').fill('Consent form and information sheet for recorded interviews.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/updated=1/);
    await material.expectShown(title);

    // Not openly licensed: said before the download button, with the way to ask.
    const warning = page.locator('.govuk-warning-text');
    await expect(warning).toContainText('This material is not openly licensed. Ask Bristol City Council before you reuse it.');
    await expect(warning.getByRole('link', { name: 'Contact Bristol City Council' })).toHaveAttribute('href', '/organisations/bristol#contact');
    await expect(material.detail('Shared by')).toContainText(`Robin Patel ${run}, Bristol City Council`);
    await expect(material.detail('Shared by').getByRole('link', { name: 'Contact Bristol City Council about reusing it' })).toHaveAttribute(
      'href',
      '/organisations/bristol#contact',
    );
    expect(await material.detail('Phases').getByRole('listitem').allTextContents()).toEqual(['Discovery', 'Alpha']);
    await expect(material.detail('Last updated')).toHaveText(/^\d{1,2} \w+ \d{4}$/);
    // By the site's name, not its long address.
    await expect(material.detail('Source')).toContainText('© Crown copyright');
    await expect(material.detail('Source').getByRole('link', { name: 'government-service-design-manual on GitHub' })).toHaveAttribute('href', source);

    // The same file again: refused with a link to the material that has it, answers kept.
    await page.goto('/materials/new');
    const copyTitle = `Our consent form ${run}`;
    await share.fill({ title: copyTitle, phases: ['Discovery'], type: 'Consent form or participant information sheet', kind: 'Template', file }, { javascript: true });
    await share.submit();
    await expect(page).toHaveTitle(/^Error: Share a material/);
    await expect(share.errorSummary()).toContainText('This file is already in the hub');
    await expect(page.getByLabel('Title')).toHaveValue(copyTitle);
    await expect(page.getByTestId('already-shared').getByRole('link', { name: title })).toHaveAttribute('href', materialPath);

    // Sharing it anyway.
    await page.getByLabel('Share it anyway').check();
    await page.getByLabel('Upload a file').setInputFiles(file);
    await submit(page);
    await share.publishAfterCheck();
    await expect(page.getByRole('heading', { level: 1, name: copyTitle })).toBeVisible();
    const copyPath = new URL(page.url()).pathname;

    // Leeds downloads the public copy, then says it used it, without JavaScript.
    const leeds = await browser.newContext({ javaScriptEnabled: false });
    await leeds.addCookies([sessionCookie(reuser.sessionToken)]);
    const leedsPage = await leeds.newPage();
    pagesWithoutJavaScript.add(leedsPage);
    try {
      // The file itself (local disk), or the way to it (S3).
      expect([200, 303]).toContain((await leedsPage.request.get(`${copyPath}/download`, { maxRedirects: 0 })).status());
      await leedsPage.goto(copyPath);
      await expect(leedsPage.getByText('No council has said it used this material yet.')).toBeVisible();
      const note = leedsPage.getByLabel('Say your council used this material, and how (optional)');
      await note.fill('x'.repeat(501));
      await leedsPage.getByRole('button', { name: 'We used this' }).click();
      await expect(leedsPage).toHaveTitle(/^Error: /);
      await expect(leedsPage.locator('.govuk-error-summary')).toContainText('How you used it must be 500 characters or fewer');
      await expectAccessible(leedsPage);
      await leedsPage.getByLabel('Say your council used this material, and how (optional)').fill('Adapted for our housing repairs discovery.');
      await leedsPage.getByRole('button', { name: 'We used this' }).click();
      await expect(leedsPage.getByText('Your council is now listed as using this material.')).toBeVisible();
      const usedBy = leedsPage.locator('#we-used-this');
      await expect(usedBy.getByRole('link', { name: councils.b.name })).toHaveAttribute('href', `/organisations/${councils.b.slug}`);
      await expect(usedBy).toContainText('Adapted for our housing repairs discovery.');
      await expectAccessible(leedsPage);
      // The download was counted once (counting does not hold up the download, so it may land just after).
      await expect(async () => {
        await leedsPage.reload();
        await expect(new MaterialPage(leedsPage).detail('Downloads')).toHaveText('Downloaded 1 time', { timeout: 1000 });
      }).toPass();
    } finally {
      await leeds.close();
    }
  } finally {
    await context.close();
    await db.end();
  }
});

/** Sends the share form and waits for the next page, without an accessibility check (done elsewhere). */
async function submit(page: Page) {
  const before = page.url();
  await page.getByRole('button', { name: 'Share material' }).click();
  await page.waitForURL((url) => url.href !== before, { waitUntil: 'load' });
}
