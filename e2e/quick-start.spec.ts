import { expect, test } from '@playwright/test';
import { MaterialPage } from './pages/material-page';
import { SearchPage } from './pages/search-page';

// The quick start: `npm run dev` on the embedded defaults (PGlite and local disk in a fresh folder),
// with nothing configured. A newcomer lands in a hub with the starter kit in it.
test('a fresh hub has the starter kit, and a template downloads from local disk', async ({ page, request }) => {
  // The development server compiles each route on its first request (search, the material, its
  // download): on a busy 2-core machine that alone can take most of the default minute.
  test.setTimeout(150_000);
  const search = new SearchPage(page);
  await search.open('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await search.open('/search?q=consent');
  await search.expectResult('Consent form and participant information sheet');
  await search.openResult('Consent form and participant information sheet');

  const material = new MaterialPage(page);
  await material.expectShown('Consent form and participant information sheet');
  await expect(material.detail('Licence')).toHaveText('Open Government Licence v3.0');
  const downloaded = await material.download();
  expect(downloaded.fileName).toBe('consent-form-and-participant-information.md');

  // Served by the app itself from local disk: an attachment that browsers must not sniff.
  const response = await request.get(`${page.url()}/download`);
  expect(response.status()).toBe(200);
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
  expect(response.headers()['content-type']).toBe('text/markdown; charset=utf-8');
  expect(response.headers()['content-disposition']).toBe('attachment; filename=consent-form-and-participant-information.md');
  expect(await response.text()).toContain('# Consent form and participant information sheet');
});

// The background worker runs inside `npm run dev` on the embedded defaults: the starter kit's own
// text becomes searchable without anything else running.
test('words inside the starter kit files are found, with the passage where they occur', async ({ page }) => {
  const search = new SearchPage(page);
  await expect
    .poll(
      async () => {
        await page.goto('/search?q=%22anonymised+notes%22');
        return page.locator('.app-results__snippet mark').first().textContent({ timeout: 1000 }).catch(() => null);
      },
      { timeout: 60_000, intervals: [500, 1000, 2000] },
    )
    .toMatch(/anonymised notes/i);
  await search.open('/search?q=%22anonymised+notes%22');
  await search.expectResult('Consent form and participant information sheet');
});
