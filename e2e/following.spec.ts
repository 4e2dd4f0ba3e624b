import { createHash, randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { expectAccessible, pagesWithoutJavaScript } from './support/accessibility';
import { findCouncils, markdownFile, openDatabase, requestContextFor, seedPeople, sessionCookie, shareMaterial } from './support/seed-people';
import { landed } from './support/forms';

/**
 * Following (issue 8, part 5), without JavaScript and with axe on every page: a member of another
 * council follows a council from its page, a service area and a named search from /search, sees what
 * is new since their last visit, chooses daily emails and stops following; then, signed out, the
 * "Stop these emails" link from a digest works once, and a used or forged link says so and changes
 * nothing. (The digest itself is proven through the SMTP sink in lib/following.)
 */

const run = Date.now().toString(36);

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('follow a council, a service area and a search; see what is new; choose emails; unfollow; unsubscribe in one click', async ({ browser }) => {
    test.setTimeout(120_000);
    const db = await openDatabase();
    const councils = await findCouncils(db);
    const { reader, sharer } = await seedPeople(db, councils, `follow${run}`, {
      reader: { label: 'reader', council: 'b' },
      sharer: { label: 'sharer', council: 'a' },
    });
    const councilName = councils.a.name;

    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.addCookies([sessionCookie(reader.sessionToken)]);
    const page = await context.newPage();
    pagesWithoutJavaScript.add(page);
    try {
      // A council, from its page.
      await page.goto(`/organisations/${councils.a.slug}`);
      await landed(page, councilName);
      await page.getByRole('button', { name: `Follow ${councilName}` }).click();
      await expect(page.getByText(`You follow ${councilName}.`)).toBeVisible();
      await expect(page.getByRole('button', { name: `Unfollow ${councilName}` })).toBeVisible();
      await expectAccessible(page);

      // A service area, from the search page.
      await page.goto('/search?topic=waste-recycling');
      await page.getByRole('link', { name: 'Follow Bins, waste and recycling' }).click();
      await landed(page, 'Bins, waste and recycling');
      await page.getByRole('button', { name: 'Follow Bins, waste and recycling' }).click();
      await landed(page, 'What you follow');

      // A search, with a name: none given is a clear error, beside the field.
      await page.goto(`/search?q=${encodeURIComponent(`bins ${run}`)}`);
      await page.getByRole('link', { name: 'Follow this search' }).click();
      await landed(page, 'Follow this search');
      await page.getByRole('button', { name: 'Follow this search' }).click();
      await expect(page).toHaveTitle(/^Error: Follow this search/);
      await expect(page.locator('.govuk-error-summary').getByRole('link', { name: 'Give this search a name, so you know it in your emails' })).toHaveAttribute('href', '#name');
      await expectAccessible(page);
      await page.getByLabel('Name this search').fill(`Bin research ${run}`);
      await page.getByRole('button', { name: 'Follow this search' }).click();
      await landed(page, 'What you follow');
      await expect(page.locator('.govuk-notification-banner--success')).toContainText('You now follow that search');
      const table = page.locator('table');
      await expect(table.getByRole('link', { name: councilName })).toBeVisible();
      await expect(table.getByRole('link', { name: 'Bins, waste and recycling' })).toBeVisible();
      await expect(table.getByRole('link', { name: `Bin research ${run}` })).toBeVisible();

      // Something new from the council since this visit: counted on the next one.
      const sharerApi = await requestContextFor(sharer);
      await shareMaterial(sharerApi, { title: `Bin round journey map ${run}`, visibility: 'public', topics: ['waste-recycling'] }, markdownFile(`map-${run}.md`, `# Map ${run}\n`));
      await sharerApi.dispose();
      await page.goto('/account/following');
      await landed(page, 'What you follow');
      const councilRow = table.getByRole('row').filter({ has: page.getByRole('link', { name: councilName }) });
      await expect(councilRow.getByTestId('new-count')).toHaveText('1');

      // Daily emails.
      await page.getByRole('radio', { name: 'Every day, when there is something new' }).check();
      await page.getByRole('button', { name: 'Save email choice' }).click();
      await expect(page.locator('.govuk-notification-banner--success')).toContainText('Your email choice has been saved');
      await expect(page.getByRole('radio', { name: 'Every day, when there is something new' })).toBeChecked();
      await expectAccessible(page);

      // Unfollow the council.
      await page.getByRole('button', { name: `Unfollow ${councilName}` }).click();
      await landed(page, 'What you follow');
      await expect(table.getByRole('link', { name: councilName })).toHaveCount(0);
    } finally {
      await context.close();
    }

    // The "Stop these emails" link of a digest, opened signed out. (Its token made as the digest job does: only the hash is stored.)
    const token = randomBytes(32).toString('base64url');
    await db.query(`INSERT INTO unsubscribe_tokens (token_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '60 days')`, [
      createHash('sha256').update(token).digest('hex'),
      reader.id,
    ]);
    const signedOut = await browser.newContext({ javaScriptEnabled: false });
    const outside = await signedOut.newPage();
    pagesWithoutJavaScript.add(outside);
    try {
      await outside.goto(`/unsubscribe/${'A'.repeat(43)}`);
      await landed(outside, 'This link does not work');

      await outside.goto(`/unsubscribe/${token}`);
      await landed(outside, 'Stop emails about what you follow');
      await outside.getByRole('button', { name: 'Stop these emails' }).click();
      await landed(outside, 'Emails stopped');
      const { rows } = await db.query<{ frequency: string }>('SELECT frequency FROM follower_settings WHERE user_id = $1', [reader.id]);
      expect(rows[0]!.frequency).toBe('off');

      await outside.goto(`/unsubscribe/${token}`);
      await landed(outside, 'This link has already been used');
    } finally {
      await signedOut.close();
      await db.end();
    }
  });
});
