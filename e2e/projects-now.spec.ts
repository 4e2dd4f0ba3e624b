import { expect, test, type Page, type TestInfo } from '@playwright/test';
import type { Client } from 'pg';
import { expectAccessible, pagesWithoutJavaScript } from './support/accessibility';
import { findCouncils, openDatabase, seedPeople, sessionCookie } from './support/seed-people';

/**
 * Who is working on what (issue 8, part 4): the home page shows projects in Discovery now and the
 * latest project updates, and a service area's search page (/search?topic=housing) shows that service
 * area's; the search page lists projects the same words find. A council-only project shows to its own council's members and to nobody else. Without
 * JavaScript, axe on every page, at desktop and phone widths (screenshots kept with the test output).
 */

const run = Date.now().toString(36);

async function insertProject(db: Client, fields: { organisationId: string; name: string; visibility: string; topics: string[]; update?: string }): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO projects (organisation_id, name, summary, topics, phase, start_on, visibility)
     VALUES ($1, $2, 'Finding out what residents need', $3, 'discovery', current_date - 20, $4) RETURNING id`,
    [fields.organisationId, fields.name, fields.topics, fields.visibility],
  );
  const id = rows[0]!.id;
  if (fields.update) {
    await db.query(`INSERT INTO project_updates (project_id, organisation_id, posted_on, body) VALUES ($1, $2, current_date, $3)`, [id, fields.organisationId, fields.update]);
  }
  return id;
}

async function look(page: Page, testInfo: TestInfo, name: string) {
  await expectAccessible(page);
  await page.setViewportSize({ width: 375, height: 812 });
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath(`${name}-phone.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: testInfo.outputPath(`${name}-desktop.png`), fullPage: true });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the home page and a service area show projects in Discovery now and recent updates, council-only ones only to the council', async ({ browser }, testInfo) => {
    test.setTimeout(120_000);
    const db = await openDatabase();
    const councils = await findCouncils(db);
    const people = await seedPeople(db, councils, `now${run}`, { member: { label: 'member', council: 'a' } });
    const open = `Tenancy sign-up discovery ${run}`;
    const secret = `Council-only rent arrears discovery ${run}`;
    const openId = await insertProject(db, { organisationId: councils.a.id, name: open, visibility: 'public', topics: ['housing'], update: `Interviewed twelve tenants ${run}` });
    await insertProject(db, { organisationId: councils.a.id, name: secret, visibility: 'organisation', topics: ['housing'], update: `Secret arrears update ${run}` });
    await db.end();

    const signedOut = await browser.newContext({ javaScriptEnabled: false });
    const page = await signedOut.newPage();
    pagesWithoutJavaScript.add(page);
    const member = await browser.newContext({ javaScriptEnabled: false });
    await member.addCookies([sessionCookie(people.member.sessionToken)]);
    const memberPage = await member.newPage();
    pagesWithoutJavaScript.add(memberPage);
    try {
      await page.goto('/');
      const discovery = page.getByRole('region', { name: 'In Discovery now' });
      await expect(discovery.getByRole('link', { name: open })).toHaveAttribute('href', `/projects/${openId}`);
      await expect(discovery.getByRole('link', { name: 'See all projects in Discovery' })).toHaveAttribute('href', '/projects?phase=discovery');
      const updates = page.getByRole('region', { name: 'Recent project updates' });
      await expect(updates).toContainText(`Interviewed twelve tenants ${run}`);
      await expect(page.getByText(secret)).toHaveCount(0);
      await expect(page.getByText(`Secret arrears update ${run}`)).toHaveCount(0);
      await look(page, testInfo, 'home-signed-out');

      // Following an update lands on the project, at that update.
      await updates.getByRole('link', { name: open }).first().click();
      await expect(page.getByRole('heading', { level: 1, name: open })).toBeVisible();
      await expectAccessible(page);

      await page.goto('/search?topic=housing');
      const area = page.getByRole('region', { name: 'Projects in Housing and homelessness' });
      await expect(area.getByRole('link', { name: open }).first()).toBeVisible();
      await expect(area.getByRole('link', { name: 'See all projects in Discovery' })).toHaveAttribute('href', '/projects?phase=discovery&topic=housing');
      await expect(page.getByText(secret)).toHaveCount(0);
      await look(page, testInfo, 'service-area-signed-out');

      // Two service areas chosen: no single area to show projects for.
      await page.goto('/search?topic=housing&topic=adult-social-care');
      await expect(page.getByRole('region', { name: /^Projects in/ })).toHaveCount(0);
      await expectAccessible(page);

      // The same words find projects on the search page, above the materials; the council-only one not.
      await page.goto('/search?q=tenancy');
      const matching = page.getByRole('region', { name: 'Projects matching your search' });
      await expect(matching.getByRole('link', { name: open })).toHaveAttribute('href', `/projects/${openId}`);
      await expect(page.getByText(secret)).toHaveCount(0);
      await expectAccessible(page);
      await page.goto('/search?q=tenancy&phase=alpha');
      await expect(page.getByRole('region', { name: 'Projects matching your search' })).toHaveCount(0);

      await memberPage.goto('/search?q=arrears');
      await expect(memberPage.getByRole('region', { name: 'Projects matching your search' }).getByRole('link', { name: secret })).toBeVisible();
      await expectAccessible(memberPage);

      await memberPage.goto('/');
      await expect(memberPage.getByRole('region', { name: 'In Discovery now' }).getByRole('link', { name: secret })).toBeVisible();
      await expect(memberPage.getByRole('region', { name: 'Recent project updates' })).toContainText(`Secret arrears update ${run}`);
      await expectAccessible(memberPage);
      await memberPage.goto('/search?topic=housing');
      await expect(memberPage.getByRole('region', { name: 'Projects in Housing and homelessness' }).getByRole('link', { name: secret }).first()).toBeVisible();
      await expectAccessible(memberPage);
    } finally {
      await signedOut.close();
      await member.close();
    }
  });
});
