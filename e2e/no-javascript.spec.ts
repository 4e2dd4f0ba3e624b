import { expect, test } from '@playwright/test';
import { MaterialPage } from './pages/material-page';
import { SearchPage } from './pages/search-page';
import { SharePage } from './pages/share-page';
import { pagesWithoutJavaScript } from './support/accessibility';
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
