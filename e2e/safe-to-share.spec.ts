import { expect, test, type Browser, type Page } from '@playwright/test';
import { SharePage } from './pages/share-page';
import { expectAccessible, pagesWithoutJavaScript } from './support/accessibility';
import { makeTextFile } from './support/files';
import { baseURL, findCouncils, markdownFile, openDatabase, requestContextFor, seedPeople, sessionCookie, shareMaterial, type Person } from './support/seed-people';

// Safe to share: an upload is a draft until its sharer has seen the check of the file; anyone signed
// in can raise a concern, which the owning council's admins decide. Permutations are in
// lib/file-checks/safe-to-share.integration.test.ts; these are the journeys, with axe.

const run = Date.now().toString(36);

async function people(tag: string) {
  const db = await openDatabase();
  try {
    const councils = await findCouncils(db);
    return await seedPeople(db, councils, `safe${tag}${run}`, {
      sharer: { label: 'sharer', council: 'a', name: `Sam Sharer ${run}` },
      admin: { label: 'organisation admin', council: 'a', role: 'org_admin', name: `Bea Admin ${run}` },
      reporter: { label: 'member of another council', council: 'b', name: `Lee Reporter ${run}` },
    });
  } finally {
    await db.end();
  }
}

async function pageAs(browser: Browser, person: Person, javascript: boolean): Promise<Page> {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: javascript });
  await context.addCookies([sessionCookie(person.sessionToken)]);
  const page = await context.newPage();
  if (!javascript) pagesWithoutJavaScript.add(page);
  return page;
}

test('without JavaScript: share a file with a phone number in it, see the finding, publish it with a reason', async ({ browser }) => {
  const { sharer, reporter } = await people('a');
  const page = await pageAs(browser, sharer, false);
  const title = `Parking interview notes ${run}`;
  const share = new SharePage(page);
  await share.open();
  await share.fill(
    {
      title,
      phases: ['Discovery'],
      type: 'Research findings or synthesis',
      kind: 'Worked example',
      file: makeTextFile('parking-notes.txt', 'Interview notes\nThe resident asked us to ring her mobile, 07981 123456, after six.\n'),
    },
    { javascript: false },
  );
  await share.submit();

  // The check page: the finding, where it is, masked; the material is a draft meanwhile.
  await expect(page.getByRole('heading', { level: 1, name: 'Check before you publish' })).toBeVisible();
  await expect(page.getByText('This material is a draft')).toBeVisible();
  const finding = page.getByRole('list', { name: 'Findings' }).getByRole('listitem').first();
  await expect(finding).toContainText('Phone number');
  await expect(finding).toContainText('Likely personal');
  await expect(finding).toContainText('line 2');
  await expect(page.locator('main')).not.toContainText('123456');
  await expect(page.getByText('These are signals, not a verdict', { exact: false })).toBeVisible();
  const materialPath = new URL(page.url()).pathname.replace(/\/check$/, '');

  // Someone from another council cannot see the draft.
  const outsider = await pageAs(browser, reporter, false);
  expect((await outsider.goto(materialPath))?.status()).toBe(404);
  expect((await outsider.goto(`${materialPath}/check`))?.status()).toBe(404);

  // Publishing with a finding needs a reason.
  await page.getByRole('button', { name: 'Publish anyway' }).click();
  await expect(share.errorSummary()).toContainText('Enter why it is right to publish this file as it is');
  await expect(page).toHaveTitle(/^Error: /);
  await expectAccessible(page);
  await page.getByLabel('Why is it right to publish this file as it is?').fill('The resident asked to be called back; agreed with our DPO');
  await page.getByRole('button', { name: 'Publish anyway' }).click();
  await expect(page.getByText('Your material has been published')).toBeVisible();
  await expectAccessible(page);
  expect((await outsider.goto(materialPath))?.status()).toBe(200);
  await outsider.context().close();

  // The wrong file goes up as version 2; version 1, previewed on its own page, is made current again
  // as version 3, and its check comes back with the same finding.
  await page.goto(`${materialPath}/replace`);
  await page.getByLabel('What has changed?').fill('Added the notes from the second visit');
  await page.getByLabel('Upload the new file').setInputFiles(makeTextFile('parking-notes.txt', 'Interview notes\nA different resident, by mistake.\n'));
  await page.getByRole('button', { name: 'Upload new version' }).click();
  await share.publishAfterCheck();
  await page.getByRole('link', { name: `Preview version 1 of ${title}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Version 1' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Preview' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Make this the current version' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Are you sure you want to make version 1 the current version?' })).toBeVisible();
  await expect(page.getByLabel('What has changed?')).toHaveValue('Made version 1 current again');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Make this the current version' }).click();
  await expect(page.getByRole('list', { name: 'Findings' })).toContainText('Phone number');
  await share.publishAfterCheck('The resident asked to be called back; agreed with our DPO');
  const version3 = page.getByRole('row').filter({ hasText: 'Made version 1 current again' });
  await expect(version3.getByRole('rowheader')).toHaveText('3 (current)');
  await expectAccessible(page);
  await page.context().close();
});

test('report a concern about a material, and resolve it as the organisation admin', async ({ browser }) => {
  const { sharer, admin, reporter } = await people('b');
  const context = await requestContextFor(sharer);
  const title = `Bin round discussion guide ${run}`;
  const id = await shareMaterial(context, { title, visibility: 'public' }, markdownFile('bins.md', '# Bin rounds\n\nQuestions about missed bins.\n'));
  await context.dispose();

  const page = await pageAs(browser, reporter, true);
  await page.goto(`/materials/${id}`);
  await page.getByRole('link', { name: 'Report a concern about this material' }).click();
  await page.getByRole('button', { name: 'Send concern' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText('Select what the concern is about');
  await page.getByLabel('It contains personal data').check();
  await page.getByLabel('Details').fill('A resident’s name is in the second question');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Send concern' }).click();
  await expect(page.getByRole('heading', { name: 'Concern sent' })).toBeVisible();
  await expectAccessible(page);

  const adminPage = await pageAs(browser, admin, true);
  await adminPage.goto('/concerns');
  await expectAccessible(adminPage);
  await adminPage.getByRole('link', { name: title }).click();
  await expect(adminPage.getByText('A resident’s name is in the second question')).toBeVisible();
  // The council never learns who raised it.
  await expect(adminPage.locator('main')).not.toContainText(`Lee Reporter ${run}`);
  await adminPage.getByLabel('Hide the material now (withdraw it)').check();
  await adminPage.getByLabel('Note to the person who raised it').fill('Thank you: hidden while we fix it');
  await adminPage.getByRole('button', { name: 'Save decision' }).click();
  await expect(adminPage.getByText('Decision saved')).toBeVisible();
  await expectAccessible(adminPage);

  // Hidden from everyone outside the council, and the reporter sees the outcome.
  expect((await page.goto(`/materials/${id}`))?.status()).toBe(404);
  await page.goto('/account');
  await expect(page.getByRole('list', { name: 'Concerns you raised' })).toContainText('Material hidden');
  await expect(page.getByRole('list', { name: 'Concerns you raised' })).toContainText('Thank you: hidden while we fix it');
  await page.context().close();
  await adminPage.context().close();
});
