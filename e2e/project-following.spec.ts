import { expect, test } from '@playwright/test';
import { pagesWithoutJavaScript } from './support/accessibility';
import { findCouncils, openDatabase, seedPeople, sessionCookie } from './support/seed-people';
import { landed } from './support/forms';

/**
 * Following a project (issue 8, part 5), without JavaScript and with axe on every page: a member of
 * another council follows a council's project from its page, finds it on "What you follow", and
 * stops following it. (Its updates in digests are proven through the SMTP sink in
 * lib/following/project-digests.integration.test.ts.)
 */

const run = Date.now().toString(36);

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('follow a project from its page, see it on "What you follow", unfollow it', async ({ browser }) => {
    const db = await openDatabase();
    const councils = await findCouncils(db);
    const { reader } = await seedPeople(db, councils, `projfollow${run}`, { reader: { label: 'reader', council: 'b' } });
    const name = `Garden waste redesign ${run}`;
    // Registered as the register form does (its journey is e2e/projects.spec.ts); visible to councils.
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO projects (organisation_id, name, summary, phase, start_on, visibility)
       VALUES ($1, $2, 'Finding out why residents miss garden waste collections.', 'discovery', current_date - 20, 'councils') RETURNING id`,
      [councils.a.id, name],
    );
    await db.end();
    const projectPath = `/projects/${rows[0]!.id}`;

    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.addCookies([sessionCookie(reader.sessionToken)]);
    const page = await context.newPage();
    pagesWithoutJavaScript.add(page);
    try {
      await page.goto(projectPath);
      await landed(page, name);
      await page.getByRole('button', { name: `Follow ${name}` }).click();
      await landed(page, name);
      await expect(page.getByText(`You follow ${name}.`)).toBeVisible();

      await page.getByRole('link', { name: 'Manage what you follow' }).click();
      await landed(page, 'What you follow');
      const row = page.getByRole('row', { name: new RegExp(name) });
      await expect(row).toContainText('Project');
      await expect(row.getByRole('link', { name })).toHaveAttribute('href', projectPath);

      await page.goto(projectPath);
      await page.getByRole('button', { name: `Unfollow ${name}` }).click();
      await landed(page, name);
      await expect(page.getByRole('button', { name: `Follow ${name}` })).toBeVisible();
    } finally {
      await context.close();
    }
  });
});
