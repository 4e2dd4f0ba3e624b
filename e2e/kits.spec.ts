import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, pagesWithoutJavaScript } from './support/accessibility';
import { baseURL, findCouncils, markdownFile, openDatabase, requestContextFor, seedPeople, sessionCookie, shareMaterial } from './support/seed-people';
import { sha256, unzipFile } from './support/zip';
import { landed } from './support/forms';

/**
 * Discovery kits (issue 9, part 7): a council member makes a kit, adds three materials to it from their
 * pages (one only their council may see), puts them in order, notes one, and downloads the kit as one
 * zip whose every file matches what was shared, byte for byte (sha256). Someone signed out sees the
 * same kit without the council-only material, in the page and in the zip. All without JavaScript,
 * with axe on every page.
 */

const run = Date.now().toString(36);

/** Clicks "Download all" and reads the zip the browser saved. */
async function downloadKit(page: Page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download all as a zip/ }).click()]);
  expect(download.suggestedFilename()).toBe(`Bins kit ${run}.zip`);
  return unzipFile(await download.path());
}

const filesOf = (entries: Map<string, Buffer>) => [...entries.entries()].filter(([name]) => name !== 'README.txt' && name !== 'attribution.csv');

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('make a kit, add materials from their pages, order and note them, download it; signed out sees only what is public', async ({ browser }, testInfo) => {
    test.setTimeout(180_000);
    const db = await openDatabase();
    const councils = await findCouncils(db);
    const { member } = await seedPeople(db, councils, `kits${run}`, { member: { label: 'member', council: 'a', name: `Alex Kit ${run}` } });
    await db.end();
    const api = await requestContextFor(member);
    const files = {
      guide: { title: `Bins discussion guide ${run}`, visibility: 'public' as const, text: `# Discussion guide ${run}\n\nWhat do you do when your bin is missed?\n` },
      notes: { title: `Bins interview notes ${run}`, visibility: 'organisation' as const, text: `# Interview notes ${run}\n\nOnly for our council.\n` },
      persona: { title: `Bins persona ${run}`, visibility: 'public' as const, text: `# Persona ${run}\n\nSam, who works nights.\n` },
    };
    const ids: Record<keyof typeof files, string> = { guide: '', notes: '', persona: '' };
    for (const key of Object.keys(files) as (keyof typeof files)[]) {
      const file = files[key];
      ids[key] = await shareMaterial(api, { title: file.title, visibility: file.visibility }, markdownFile(`${key}-${run}.md`, file.text));
    }
    await api.dispose();
    const kitTitle = `Bins kit ${run}`;

    const context = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true });
    await context.addCookies([sessionCookie(member.sessionToken)]);
    const page = await context.newPage();
    pagesWithoutJavaScript.add(page);
    const anonymousContext = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true });
    const stranger = await anonymousContext.newPage();
    pagesWithoutJavaScript.add(stranger);
    try {
      await page.goto('/kits');
      await landed(page, 'Discovery kits');
      await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Kits' })).toHaveAttribute('aria-current', 'page');
      await page.getByRole('button', { name: 'Make a kit' }).click();
      await landed(page, 'Make a kit');

      // No title: the problem is listed and shown beside the field.
      await page.getByRole('button', { name: 'Make kit' }).click();
      await expect(page).toHaveTitle(/^Error: Make a kit/);
      await expect(page.locator('.govuk-error-summary').getByRole('link', { name: 'Enter a title for the kit' })).toHaveAttribute('href', '#title');
      await expectAccessible(page);

      await page.getByLabel('Title').fill(kitTitle);
      await page.getByLabel('Description (optional)').fill('What we used to start our Discovery on bin collections.');
      await expect(page.getByRole('radio', { name: 'Public' })).toBeChecked();
      await page.getByRole('button', { name: 'Make kit' }).click();
      await landed(page, kitTitle);
      await expect(page.locator('.govuk-notification-banner--success')).toContainText('Your kit was made.');
      const kitUrl = page.url().replace(/\?.*$/, '');

      // Add each material from its own page, with a note on the first.
      for (const key of ['guide', 'notes', 'persona'] as const) {
        await page.goto(`/materials/${ids[key]}`);
        await landed(page, files[key].title);
        await page.getByLabel('Kit', { exact: true }).selectOption({ label: kitTitle });
        if (key === 'guide') await page.getByLabel('Note (optional)').fill('Start with these questions.');
        await page.getByRole('button', { name: 'Add to kit' }).click();
        await landed(page, kitTitle);
        await expect(page.locator('.govuk-notification-banner--success')).toContainText('The material was added to the kit.');
      }
      // Adding one twice is refused, beside the kit choice.
      await page.goto(`/materials/${ids.guide}`);
      await page.getByLabel('Kit', { exact: true }).selectOption({ label: kitTitle });
      await page.getByRole('button', { name: 'Add to kit' }).click();
      await expect(page.locator('.govuk-error-summary')).toContainText('already has this material');
      await expectAccessible(page);

      // Put the persona first, with two moves up.
      await page.goto(kitUrl);
      const items = page.locator('.app-kit-items > li h3');
      await expect(items).toHaveText([files.guide.title, files.notes.title, files.persona.title]);
      await page.getByRole('button', { name: `Move up ${files.persona.title}` }).click();
      await landed(page, kitTitle);
      await page.getByRole('button', { name: `Move up ${files.persona.title}` }).click();
      await expect(items).toHaveText([files.persona.title, files.guide.title, files.notes.title]);
      await expect(page.locator('.app-kit-items .govuk-inset-text')).toHaveText(['Note: Start with these questions.']);
      // For a person to look at (test-results/): the kit page as its maker sees it.
      await page.screenshot({ path: testInfo.outputPath('kit-page.png'), fullPage: true });

      const mine = await downloadKit(page);
      expect([...mine.keys()].slice(0, 2)).toEqual(['README.txt', 'attribution.csv']);
      expect(filesOf(mine).map(([, bytes]) => sha256(bytes))).toEqual([sha256(files.persona.text), sha256(files.guide.text), sha256(files.notes.text)]);
      expect(mine.get('README.txt')!.toString('utf8')).toContain('Start with these questions.');

      // Someone signed out: the public kit, without the council-only notes, in the page and in the zip.
      await stranger.goto(kitUrl);
      await landed(stranger, kitTitle);
      await expect(stranger.locator('.app-kit-items > li h3')).toHaveText([files.persona.title, files.guide.title]);
      await expect(stranger.getByText(files.notes.title)).toHaveCount(0);
      const theirs = await downloadKit(stranger);
      expect(filesOf(theirs).map(([, bytes]) => sha256(bytes))).toEqual([sha256(files.persona.text), sha256(files.guide.text)]);
      const everything = [...theirs.values()].map((bytes) => bytes.toString('utf8')).join('\n');
      expect(everything).not.toContain(files.notes.title);
      expect(everything).not.toContain(ids.notes);
      // And a direct download of the notes is still not found for them.
      expect((await stranger.request.get(`${baseURL}/materials/${ids.notes}/download`)).status()).toBe(404);

      // Make it the council's only: for someone signed out, the page and the zip are now not found.
      await page.getByRole('link', { name: 'Change the title, description or who can see it' }).click();
      await landed(page, 'Change this kit');
      await page.getByRole('radio', { name: 'Only my council' }).check();
      await page.getByRole('button', { name: 'Save changes' }).click();
      await landed(page, kitTitle);
      expect((await stranger.request.get(kitUrl)).status()).toBe(404);
      expect((await stranger.request.get(`${kitUrl}/download`)).status()).toBe(404);
      await stranger.goto('/kits');
      await landed(stranger, 'Discovery kits');
      await expect(stranger.getByText(kitTitle)).toHaveCount(0);

      // Delete the kit.
      await page.getByRole('link', { name: 'Delete this kit' }).click();
      await landed(page, 'Delete this kit');
      await page.getByRole('button', { name: 'Delete kit' }).click();
      await landed(page, 'Discovery kits');
      await expect(page.locator('.govuk-notification-banner--success')).toContainText('The kit was deleted.');
      expect((await stranger.request.get(`${kitUrl}/download`)).status()).toBe(404);
    } finally {
      await context.close();
      await anonymousContext.close();
    }
  });
});
