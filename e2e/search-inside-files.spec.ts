import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { docx } from '../lib/extract/testing/test-files';
import { MaterialPage } from './pages/material-page';
import { SearchPage } from './pages/search-page';
import { SharePage } from './pages/share-page';
import { expectAccessible } from './support/accessibility';
import { signInAs, uniqueAddress } from './support/sign-in';

/**
 * Finding a document by what is inside it: a Word file is shared, the worker (`npm run worker`, a
 * separate process, as in production) reads its text, and search then finds words that appear only
 * in the file, shows the passage, forgives a typo and offers "did you mean".
 */

// Words of this run's own, letters only (the typo dictionary keeps words of letters): an eight-letter
// one (one typo forgiven) in the title, and a long one (two forgiven) only inside the file.
const letters = Date.now().toString(36).replace(/[0-9]/g, (digit) => 'abcdefghij'[Number(digit)]!);
const uniqueWord = `kerbsidewheelie${letters}`;

function wordFile(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-e2e-'));
  const file = path.join(folder, 'garden-waste-discussion-guide.docx');
  fs.writeFileSync(
    file,
    docx([
      'Discussion guide: garden waste',
      `Ask residents how they use the ${uniqueWord} service and what happens when a collection is missed.`,
      'Thank them, and explain how their answers will be used.',
    ]),
  );
  return file;
}

async function waitUntilRead(page: Page, material: MaterialPage) {
  await expect
    .poll(
      async () => {
        await page.reload();
        return material.detail('Text for search').textContent();
      },
      { timeout: 45_000, intervals: [500, 1000, 2000] },
    )
    .toBe('Search finds words inside this file.');
}

test('a word only the file contains finds it, with the passage where it occurs', async ({ page }) => {
  // Sign in, share, the file's check, publish, then wait for its text: more than the default minute on a busy machine.
  test.setTimeout(120_000);
  const title = `Garden waste discussion guide ${letters}`;
  await signInAs(page, uniqueAddress('leeds.gov.uk', 'researcher'), { returnTo: '/materials/new' });
  const share = new SharePage(page);
  await share.fill(
    {
      title,
      summary: 'Questions for residents about collections.',
      phases: ['Discovery'],
      type: 'Interview or discussion guide',
      kind: 'Template',
      file: wordFile(),
    },
    { javascript: true },
  );
  await share.submit();
  await share.publishAfterCheck();
  const material = new MaterialPage(page);
  await material.expectShown(title);
  await waitUntilRead(page, material);
  await expectAccessible(page);

  const search = new SearchPage(page);
  await search.open('/search');
  await search.searchFor(uniqueWord);
  await search.expectResult(title);
  const snippet = search.results().locator('.app-results__snippet');
  await expect(snippet).toContainText('In the file:');
  await expect(snippet.locator('mark')).toHaveText(uniqueWord);

  // One letter missing: still found.
  const typo = uniqueWord.slice(0, 5) + uniqueWord.slice(6);
  await search.searchFor(typo);
  await search.expectResult(title);
  await expect(page.getByTestId('close-matches')).toHaveText(`Also searched for ${uniqueWord} (you typed ‘${typo}’).`);

  // The last two letters of an eight-letter word left off is too far off to correct silently (one
  // slip is forgiven in a word that short): nothing found, and a suggestion that finds it.
  const farOff = letters.slice(0, -2);
  await search.searchFor(farOff);
  await expect(page.getByRole('heading', { name: 'No materials found' })).toBeVisible();
  await expect(page.getByText('Did you mean')).toBeVisible();
  await page.getByRole('link', { name: letters, exact: true }).click();
  await page.waitForLoadState('load');
  await expectAccessible(page);
  await search.expectResult(title);
});
