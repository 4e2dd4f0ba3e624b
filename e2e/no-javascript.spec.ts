import { expect, test } from '@playwright/test';
import { MaterialPage } from './pages/material-page';
import { SearchPage } from './pages/search-page';
import { SharePage } from './pages/share-page';
import { expectAccessible, pagesWithoutJavaScript } from './support/accessibility';
import { baseURL, findCouncils, markdownFile, openDatabase, requestContextFor, seedPeople, sessionCookie, shareMaterial } from './support/seed-people';
import { corpusFile, sha256OfFile } from './support/files';
import { signInAs, uniqueAddress } from './support/sign-in';

// The core journeys with JavaScript switched off, as on some locked-down council laptops.
test.use({ javaScriptEnabled: false });
test.beforeEach(({ page }) => {
  pagesWithoutJavaScript.add(page);
});

const run = Date.now().toString(36);
const file = corpusFile('016-gds-ida-example-research-brief.pdf');
const title = `Research brief without JavaScript ${run}`;

test('sign in, share, search with a filter, and download, all without JavaScript', async ({ page }) => {
  // A long journey, with an accessibility check of every page (each without JavaScript, in a copy).
  test.setTimeout(120_000);
  // Sharing needs a member of a council: a cardiff.gov.uk address (City of Cardiff Council's homepage
  // domain in lib/taxonomy/data/local-authorities.csv) joins it on signing in, by email link, without JavaScript.
  await signInAs(page, uniqueAddress('cardiff.gov.uk', 'sharer'), { returnTo: '/materials/new' });
  const share = new SharePage(page);
  await share.expectShown();
  await expect(share.sharingFor()).toHaveText('You are sharing this for City of Cardiff Council.');

  // A refused attempt first: the error summary and kept answers work without JavaScript too.
  await share.fill(
    {
      title: '',
      phases: ['Discovery'],
      type: 'User research plan',
      kind: 'Worked example',
      topics: ['Benefits and financial support'],
      visibility: 'Public',
      file,
    },
    { javascript: false },
  );
  await share.submit();
  await expect(share.errorSummary()).toContainText('Enter a title');
  await expect(page.getByRole('group', { name: 'Service areas (optional)' }).getByLabel('Benefits and financial support')).toBeChecked();
  await expect(share.visibilityGroup().getByLabel('Public', { exact: true })).toBeChecked();
  await expect(share.sharingFor()).toHaveText('You are sharing this for City of Cardiff Council.');

  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Upload a file').setInputFiles(file);
  await share.submit();
  await share.publishAfterCheck();

  const material = new MaterialPage(page);
  await material.expectShown(title);
  await expect(material.detail('Council')).toHaveText('City of Cardiff Council');

  const search = new SearchPage(page);
  await search.open('/search');
  await search.searchFor(`research brief ${run}`);
  await search.filterBy('Service area', 'Benefits and financial support');
  await search.expectResult(title);
  await search.openResult(title);

  await material.expectShown(title);
  const downloaded = await material.download();
  expect(downloaded.sha256).toBe(sha256OfFile(file));
});

test('the home page starts from a phase without JavaScript', async ({ page }) => {
  const search = new SearchPage(page);
  await search.open('/');
  await page.getByRole('link', { name: 'Discovery', exact: true }).click();
  await expect(page).toHaveURL(/\/search\?phase=discovery/);
  await expect(page.getByRole('heading', { name: /materials? found/ })).toBeVisible();
});

test('a material that is missing, or not yours to see, says "Page not found" without JavaScript', async ({ page, browser }) => {
  // A material only its council may see, shared through the upload route by a member of Bristol.
  const db = await openDatabase();
  let privateId: string;
  try {
    const councils = await findCouncils(db);
    const { sharer } = await seedPeople(db, councils, `nojs${run}`, { sharer: { label: 'sharer', council: 'a' } });
    const context = await requestContextFor(sharer);
    privateId = await shareMaterial(context, { title: `Only Bristol ${run}`, visibility: 'organisation' }, markdownFile('private.md', '# Private\n'));
    await context.dispose();
  } finally {
    await db.end();
  }

  for (const path of [`/materials/${privateId}`, `/materials/${privateId}/edit`, '/materials/00000000-0000-4000-8000-000000000000']) {
    const response = await page.goto(path);
    expect(response?.status(), `${path}: status`).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expect(page.getByText(`Only Bristol ${run}`)).toHaveCount(0);
    await expectAccessible(page);
  }

  // Someone who may see it still gets the page (the early answer is only for those who may not).
  const bristol = await browser.newContext({ baseURL, javaScriptEnabled: false });
  try {
    const db2 = await openDatabase();
    const councils = await findCouncils(db2);
    const { member } = await seedPeople(db2, councils, `nojs2${run}`, { member: { label: 'member', council: 'a' } });
    await db2.end();
    await bristol.addCookies([sessionCookie(member.sessionToken)]);
    const own = await bristol.newPage();
    const response = await own.goto(`/materials/${privateId}`);
    expect(response?.status()).toBe(200);
    await expect(own.getByRole('heading', { level: 1, name: `Only Bristol ${run}` })).toBeVisible();
  } finally {
    await bristol.close();
  }
});
