import { expect, test } from '@playwright/test';
import { expectAccessible, pagesWithoutJavaScript } from './support/accessibility';
import { signInAs, uniqueAddress } from './support/sign-in';

// The JSON API over real HTTP (the route tests in app/api/v1 cover every viewer and visibility), and
// its reference page read as a person would, with JavaScript off.
test.use({ javaScriptEnabled: false });
test.beforeEach(({ page }) => {
  pagesWithoutJavaScript.add(page);
});

test('the reference page reads without JavaScript and links to the document it is made from', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: 'API for developers', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API for developers' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Search materials' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Parameters of search materials' })).toBeVisible();
  await expectAccessible(page);

  const href = await page.getByRole('link', { name: '/api/v1/openapi.json' }).getAttribute('href');
  const document = await page.request.get(href!);
  expect(document.status()).toBe(200);
  expect(document.headers()['content-type']).toBe('application/json; charset=utf-8');
  expect((await document.json()).openapi).toBe('3.1.1');
});

test('anonymous answers carry an ETag and come back as 304; mistakes are problems; a signed-in browser’s answers are never stored', async ({ page }) => {
  const first = await page.request.get('/api/v1/search?q=research&limit=5');
  expect(first.status()).toBe(200);
  const etag = first.headers().etag!;
  expect(etag).toBeTruthy();
  expect((await first.json()).results.length).toBeLessThanOrEqual(5);
  const again = await page.request.get('/api/v1/search?q=research&limit=5', { headers: { 'if-none-match': etag } });
  expect(again.status()).toBe(304);

  const wrong = await page.request.get('/api/v1/search?phase=nonsense&page=2');
  expect(wrong.status()).toBe(400);
  expect(wrong.headers()['content-type']).toBe('application/problem+json');
  expect((await wrong.json()).errors.map((e: { parameter: string }) => e.parameter).sort()).toEqual(['page', 'phase']);
  const nowhere = await page.request.get('/api/v1/nothing-here');
  expect(nowhere.status()).toBe(404);
  expect(nowhere.headers()['content-type']).toBe('application/problem+json');

  // Projects and kits over real HTTP (every viewer and visibility: app/api/v1/projects, app/api/v1/kits).
  for (const path of ['/api/v1/projects?limit=2', '/api/v1/kits?limit=2']) {
    const list = await page.request.get(path);
    expect(list.status(), path).toBe(200);
    expect(list.headers().etag, path).toBeTruthy();
    const body = (await list.json()) as { results: { apiUrl: string }[] };
    if (body.results[0]) expect((await page.request.get(body.results[0].apiUrl)).status(), body.results[0].apiUrl).toBe(200);
  }

  await signInAs(page, uniqueAddress('leeds.gov.uk', 'developer'));
  const signedIn = await page.request.get('/api/v1/search?q=research&limit=5', { headers: { 'if-none-match': etag } });
  expect(signedIn.status()).toBe(200);
  expect(signedIn.headers()['cache-control']).toBe('private, no-store');
  expect(signedIn.headers().etag).toBeUndefined();
});
