import { expect, request, test } from '@playwright/test';
import { expectAccessible, pagesWithoutJavaScript } from './support/accessibility';
import { baseURL, findCouncils, openDatabase, seedPeople, sessionCookie } from './support/seed-people';
import { inDays } from './support/forms';

/**
 * Personal API tokens (issue 11, part 3), without JavaScript: make a token on the account page (the
 * form first says what to fix), see its secret once, use it against the API, say it is copied (it is
 * not shown again), revoke it, and find the API refusing it. Axe on every page.
 */

const run = Date.now().toString(36);

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('create an API token, see it once, use it, revoke it', async ({ browser }) => {
    test.setTimeout(120_000);
    const db = await openDatabase();
    const councils = await findCouncils(db);
    const { member } = await seedPeople(db, councils, `tokens${run}`, { member: { label: 'member', council: 'a', name: `Alex Token ${run}` } });
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.addCookies([sessionCookie(member.sessionToken)]);
    const page = await context.newPage();
    pagesWithoutJavaScript.add(page);
    const api = await request.newContext({ baseURL });
    try {
      await page.goto('/account');
      await page.getByRole('link', { name: 'Your API tokens' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Your API tokens' })).toBeVisible();
      await expect(page.getByText('You have not made any tokens.')).toBeVisible();
      await expectAccessible(page);

      // More than a year ahead, and no name: both problems listed, each beside its field.
      const tooFar = inDays(400);
      await page.getByLabel('Day').fill(tooFar.day);
      await page.getByLabel('Month').fill(tooFar.month);
      await page.getByLabel('Year').fill(tooFar.year);
      await page.getByRole('button', { name: 'Create token' }).click();
      await expect(page).toHaveTitle(/^Error: Your API tokens/);
      const summary = page.locator('.govuk-error-summary');
      await expect(summary.getByRole('link', { name: 'Enter a name for the token' })).toBeVisible();
      await expect(summary.getByRole('link', { name: /no more than a year from today/ })).toBeVisible();
      await expectAccessible(page);

      const name = `Nightly import ${run}`;
      const soon = inDays(30);
      await page.getByLabel('Name').fill(name);
      await page.getByLabel('Day').fill(soon.day);
      await page.getByLabel('Month').fill(soon.month);
      await page.getByLabel('Year').fill(soon.year);
      await page.getByRole('button', { name: 'Create token' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Token created' })).toBeVisible();
      await expectAccessible(page);
      const secret = await page.getByLabel('Your token').inputValue();
      expect(secret).toMatch(/^dc_[A-Za-z0-9_-]{43}$/);
      expect(page.url()).not.toContain(secret);

      const used = await api.get('/api/v1/vocabularies', { headers: { authorization: `Bearer ${secret}` } });
      expect(used.status()).toBe(200);
      expect(used.headers()['ratelimit-policy']).toContain('per-token');

      await page.getByRole('button', { name: 'I have copied it' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Your API tokens' })).toBeVisible();
      await page.goto('/account/api-tokens/created');
      await expect(page.getByRole('heading', { level: 1, name: 'This token can no longer be shown' })).toBeVisible();
      await expect(page.getByText(secret)).toHaveCount(0);
      await expectAccessible(page);

      await page.goto('/account/api-tokens');
      const row = page.getByRole('row', { name: new RegExp(name) });
      await expect(row.getByText('Active')).toBeVisible();
      await expect(row).not.toContainText('Never');
      await row.getByRole('button', { name: `Revoke ${name}` }).click();
      await expect(page.getByText('Token revoked.')).toBeVisible();
      await expect(page.getByRole('row', { name: new RegExp(name) }).getByText('Revoked')).toBeVisible();
      await expectAccessible(page);

      const refused = await api.get('/api/v1/vocabularies', { headers: { authorization: `Bearer ${secret}` } });
      expect(refused.status()).toBe(401);
      expect(refused.headers()['www-authenticate']).toContain('error="invalid_token"');
    } finally {
      await api.dispose();
      await context.close();
      await db.end();
    }
  });
});
