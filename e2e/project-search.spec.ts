import { expect, test } from '@playwright/test';
import type { Client } from 'pg';
import { expectAccessible, pagesWithoutJavaScript } from './support/accessibility';
import { findCouncils, openDatabase, seedPeople, sessionCookie } from './support/seed-people';

/**
 * Projects as their own type in search (issue 8, part 4), without JavaScript: the materials search
 * lists the projects its words find and links to the projects view (/search?show=projects), which
 * filters them by phase, service area, council and how open they are to working together, through
 * the same GET form. A council-only project shows to its council's members and to nobody else. Axe on
 * every page, at desktop and phone widths (screenshots kept with the test output).
 */

const run = Date.now().toString(36);

async function insertProject(db: Client, fields: { organisationId: string; name: string; visibility: string; phase: string; topics: string[]; collaboration: string[] }): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO projects (organisation_id, name, summary, topics, phase, collaboration, start_on, visibility)
     VALUES ($1, $2, 'Helping visitors find their way', $3, $4, $5, current_date - 20, $6) RETURNING id`,
    [fields.organisationId, fields.name, fields.topics, fields.phase, fields.collaboration, fields.visibility],
  );
  return rows[0]!.id;
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('search finds projects, and the projects view filters them by phase, service area, council and collaboration', async ({ browser }, testInfo) => {
    test.setTimeout(120_000);
    const db = await openDatabase();
    const councils = await findCouncils(db);
    const people = await seedPeople(db, councils, `psearch${run}`, { member: { label: 'member', council: 'a' } });
    const signs = `Wayfinding signs ${run}`;
    const maps = `Wayfinding maps ${run}`;
    const secret = `Wayfinding budget ${run}`;
    const signsId = await insertProject(db, { organisationId: councils.a.id, name: signs, visibility: 'public', phase: 'alpha', topics: ['roads-transport'], collaboration: ['partners'] });
    await insertProject(db, { organisationId: councils.b.id, name: maps, visibility: 'public', phase: 'discovery', topics: ['parks-leisure'], collaboration: ['sharing'] });
    await insertProject(db, { organisationId: councils.a.id, name: secret, visibility: 'organisation', phase: 'alpha', topics: ['roads-transport'], collaboration: ['partners'] });
    await db.end();

    const signedOut = await browser.newContext({ javaScriptEnabled: false });
    const page = await signedOut.newPage();
    pagesWithoutJavaScript.add(page);
    const member = await browser.newContext({ javaScriptEnabled: false });
    await member.addCookies([sessionCookie(people.member.sessionToken)]);
    const memberPage = await member.newPage();
    pagesWithoutJavaScript.add(memberPage);
    try {
      await page.goto(`/search?q=${encodeURIComponent(`wayfinding ${run}`)}`);
      const matching = page.getByRole('region', { name: 'Projects matching your search' });
      await expect(matching.getByRole('link', { name: signs })).toHaveAttribute('href', `/projects/${signsId}`);
      await expect(page.getByText(secret)).toHaveCount(0);
      await matching.getByTestId('all-matching-projects').click();

      await expect(page.getByRole('heading', { level: 1, name: 'Search projects' })).toBeVisible();
      await expect(page).toHaveURL(/show=projects/);
      const results = page.getByTestId('project-search-results');
      await expect(results.getByRole('heading', { level: 2 })).toHaveText('2 projects found');
      await expect(results.getByRole('link', { name: signs })).toBeVisible();
      await expect(results.getByRole('link', { name: maps })).toBeVisible();
      await expect(page.getByText(secret)).toHaveCount(0);
      await expectAccessible(page);
      await page.setViewportSize({ width: 375, height: 812 });
      await expectAccessible(page);
      await page.screenshot({ path: testInfo.outputPath('project-search-phone.png'), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.screenshot({ path: testInfo.outputPath('project-search-desktop.png'), fullPage: true });

      // Each filter, through the form, without JavaScript.
      const filters = page.locator('#filters');
      await filters.getByRole('group', { name: 'Open to' }).getByLabel(/Looking for partner councils/).check();
      await filters.getByRole('button', { name: 'Apply filters' }).click();
      await expect(results.getByRole('heading', { level: 2 })).toHaveText('1 project found');
      await expect(results.getByRole('link', { name: signs })).toBeVisible();
      await expect(page).toHaveURL(/collaboration=partners/);
      await expect(page.locator('#q')).toHaveValue(`wayfinding ${run}`);

      await page.goto(`/search?show=projects&q=${encodeURIComponent(`wayfinding ${run}`)}&phase=discovery`);
      await expect(results.getByRole('link', { name: maps })).toBeVisible();
      await expect(results.getByRole('link', { name: signs })).toHaveCount(0);
      await page.goto(`/search?show=projects&q=${encodeURIComponent(`wayfinding ${run}`)}&topic=roads-transport`);
      await expect(results.getByRole('heading', { level: 2 })).toHaveText('1 project found');
      await page.goto(`/search?show=projects&q=${encodeURIComponent(`wayfinding ${run}`)}&council=${councils.b.slug}`);
      await expect(results.getByRole('link', { name: maps })).toBeVisible();
      await expect(results.getByRole('heading', { level: 2 })).toHaveText('1 project found');
      // Bad values are dropped, never an error.
      const odd = await page.goto(`/search?show=projects&q=${encodeURIComponent(`wayfinding ${run}`)}&phase=nonsense&collaboration=%22%20OR%201`);
      expect(odd?.status()).toBe(200);
      await expect(results.getByRole('heading', { level: 2 })).toHaveText('2 projects found');
      await expectAccessible(page);

      await memberPage.goto(`/search?show=projects&q=${encodeURIComponent(`wayfinding ${run}`)}`);
      await expect(memberPage.getByTestId('project-search-results').getByRole('link', { name: secret })).toBeVisible();
      await expect(memberPage.getByTestId('project-search-results').getByRole('heading', { level: 2 })).toHaveText('3 projects found');
      await expectAccessible(memberPage);
    } finally {
      await signedOut.close();
      await member.close();
    }
  });
});
