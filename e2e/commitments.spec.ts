import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, pagesWithoutJavaScript } from './support/accessibility';
import { findCouncils, markdownFile, openDatabase, requestContextFor, seedPeople, sessionCookie, shareMaterial } from './support/seed-people';
import { inDays, landed } from './support/forms';

/**
 * Public commitments (issue 8): a council member records one, sees the form explain what to fix,
 * cannot confirm it before there is evidence, attaches one of the council's materials, a link and one of
 * its projects (council-only: someone signed out sees it counted, not named),
 * confirms it as kept, and finds it kept on /commitments and on the council's page, as does someone
 * signed out. All without JavaScript, with axe on every page.
 */

const run = Date.now().toString(36);

/** The three boxes of a date `days` from today (UTC is near enough: 30 days ahead is in the future in London too). */
/** The commitment's status tag (the first tag in the page's main content: the phase banner has one too). */
const statusOf = (page: Page) => page.getByRole('main').locator('.govuk-tag').first();

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('record a commitment, attach a material, a link and a project, confirm it as kept, and find it kept', async ({ browser }) => {
    test.setTimeout(120_000);
    const db = await openDatabase();
    const councils = await findCouncils(db);
    const { member } = await seedPeople(db, councils, `commit${run}`, { member: { label: 'member', council: 'a', name: `Robin Patel ${run}` } });
    const api = await requestContextFor(member);
    const materialTitle = `Discovery research plan ${run}`;
    await shareMaterial(api, { title: materialTitle, visibility: 'public' }, markdownFile(`plan-${run}.md`, `# Research plan ${run}\n`));
    await api.dispose();
    const description = `Share our Discovery research on bin collections ${run}`;
    // A project only the council may see (its register journey is e2e/projects.spec.ts).
    const projectName = `Bin collections discovery ${run}`;
    const { rows: projectRows } = await db.query<{ id: string }>(
      `INSERT INTO projects (organisation_id, name, summary, phase, start_on, visibility)
       VALUES ($1, $2, 'Finding out why residents miss bin collections.', 'discovery', current_date - 20, 'organisation') RETURNING id`,
      [councils.a.id, projectName],
    );
    const projectPath = `/projects/${projectRows[0]!.id}`;

    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.addCookies([sessionCookie(member.sessionToken)]);
    const page = await context.newPage();
    pagesWithoutJavaScript.add(page);
    try {
      await page.goto('/commitments');
      await landed(page, 'Commitments');
      await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Commitments' })).toHaveAttribute('aria-current', 'page');
      await page.getByRole('button', { name: 'Record a commitment' }).click();
      await landed(page, 'Record a commitment');

      // Nothing answered, and a date in the past: every problem listed, each beside its field.
      const past = inDays(-3);
      await page.getByLabel('Day').fill(past.day);
      await page.getByLabel('Month').fill(past.month);
      await page.getByLabel('Year').fill(past.year);
      await page.getByRole('button', { name: 'Record commitment' }).click();
      await expect(page).toHaveTitle(/^Error: Record a commitment/);
      const summary = page.locator('.govuk-error-summary');
      await expect(summary.getByRole('link', { name: 'Choose what your council will do' })).toHaveAttribute('href', '#kind');
      await expect(summary.getByRole('link', { name: 'The date must be today or in the future' })).toHaveAttribute('href', '#dueDay');
      await expect(page.locator('#due-error')).toContainText('The date must be today or in the future');
      await expect(page.getByLabel('Year')).toHaveValue(past.year);
      await expectAccessible(page);

      await page.getByRole('radio', { name: 'Share materials from a phase' }).check();
      await page.getByLabel('Which phase’s materials?').selectOption({ label: 'Discovery' });
      await page.getByLabel('Describe it in a few words').fill(description);
      const due = inDays(30);
      await page.getByLabel('Day').fill(due.day);
      await page.getByLabel('Month').fill(due.month);
      await page.getByLabel('Year').fill(due.year);
      await page.getByLabel('What will count as evidence that it was done?').fill('The research plan on the hub and a blog post about what we found');
      await expect(page.getByRole('radio', { name: 'Public' })).toBeChecked();
      await expect(page.getByLabel('Who should be reminded of the date?')).toHaveValue(member.id);
      await page.getByRole('button', { name: 'Record commitment' }).click();

      await landed(page, description);
      await expect(page.locator('.govuk-notification-banner--success')).toContainText('Your commitment was recorded.');
      await expect(statusOf(page)).toHaveText('Planned');
      await expect(page.locator('.govuk-summary-list')).toContainText('Share materials from a phase: Discovery');
      const commitmentPath = new URL(page.url()).pathname;

      // Confirming before there is any evidence: a clear message, and nothing changes.
      await page.getByRole('button', { name: 'Confirm as kept' }).click();
      await expect(page.locator('.govuk-error-summary').getByRole('link', { name: 'Add evidence before confirming that your council kept this commitment' })).toHaveAttribute('href', '#confirm');
      await expect(statusOf(page)).toHaveText('Planned');
      await expectAccessible(page);

      // A material of the council, then a link.
      await page.getByLabel('Material', { exact: true }).selectOption({ label: materialTitle });
      await page.getByRole('button', { name: 'Add material as evidence' }).click();
      await expect(page.locator('.govuk-notification-banner--success')).toContainText('The evidence was added.');
      await expect(statusOf(page)).toHaveText('In progress');
      await expectAccessible(page);

      // A link that is not a web address is refused, with the answers kept.
      await page.getByLabel('Web address').fill('javascript:alert(1)');
      await page.getByLabel('Title of the link').fill('Our blog post');
      await page.getByRole('button', { name: 'Add link as evidence' }).click();
      await expect(page.locator('#url-error')).toContainText('Enter a web address starting with https:// or http://');
      await expect(page.getByLabel('Title of the link')).toHaveValue('Our blog post');
      await expectAccessible(page);
      await page.getByLabel('Web address').fill(`https://www.example.gov.uk/blog/discovery-${run}`);
      await page.getByRole('button', { name: 'Add link as evidence' }).click();
      const evidence = page.locator('#evidence');
      await expect(evidence.getByRole('link', { name: materialTitle })).toBeVisible();
      await expect(evidence.getByRole('link', { name: 'Our blog post' })).toHaveAttribute('href', `https://www.example.gov.uk/blog/discovery-${run}`);

      // One of the council's projects: none chosen is refused, then the project is added.
      await page.getByRole('button', { name: 'Add project as evidence' }).click();
      await expect(page.locator('.govuk-error-summary').getByRole('link', { name: 'Choose a project' })).toHaveAttribute('href', '#project');
      await expect(page.locator('#project-error')).toContainText('Choose a project');
      await expectAccessible(page);
      await page.getByLabel('Project', { exact: true }).selectOption({ label: projectName });
      await page.getByRole('button', { name: 'Add project as evidence' }).click();
      await expect(page.locator('.govuk-notification-banner--success')).toContainText('The evidence was added.');
      await expect(evidence.getByRole('link', { name: projectName })).toHaveAttribute('href', projectPath);
      await expect(evidence).toContainText(`(project by ${councils.a.name}, added`);
      await expectAccessible(page);

      await page.getByRole('button', { name: 'Confirm as kept' }).click();
      await expect(page.locator('.govuk-notification-banner--success')).toContainText('The commitment is now shown as kept.');
      await expect(statusOf(page)).toHaveText('Kept');
      const history = page.getByRole('region', { name: 'History' }).or(page.locator('section[aria-labelledby="history-heading"]'));
      await expect(history.getByRole('listitem')).toHaveText([/Recorded by Robin Patel/, /Evidence added \(Discovery research plan/, /Evidence added \(Our blog post\)/, new RegExp(`Evidence added \\(${projectName}\\)`), /Confirmed as kept/]);
      await expectAccessible(page);

      // On /commitments, filtered to kept commitments of the council, by the GET form.
      await page.goto('/commitments');
      await page.getByLabel('Status').selectOption({ label: 'Kept' });
      await page.getByLabel('Council').selectOption({ value: councils.a.slug });
      await page.getByRole('button', { name: 'Filter commitments' }).click();
      await expect(page).toHaveURL(new RegExp(`/commitments\\?status=kept&council=${councils.a.slug}&kind=$`));
      await landed(page, 'Commitments');
      const listed = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: description }) });
      await expect(listed).toContainText('Kept');
      await expect(listed).toContainText(councils.a.name);

      // On the council's page: how many of its commitments were kept, and this one.
      await page.goto(`/organisations/${councils.a.slug}`);
      await landed(page, councils.a.name);
      const section = page.locator('section[aria-labelledby="commitments-heading"]');
      await expect(section.getByText(/^\d+ of \d+ kept$/)).toBeVisible();
      await expect(section.getByRole('link', { name: description })).toHaveAttribute('href', commitmentPath);

      // Someone signed out sees it too (it is public), kept, with the evidence but without names.
      const outsider = await browser.newContext({ javaScriptEnabled: false });
      const anonymousPage = await outsider.newPage();
      pagesWithoutJavaScript.add(anonymousPage);
      await anonymousPage.goto(commitmentPath);
      await landed(anonymousPage, description);
      await expect(statusOf(anonymousPage)).toHaveText('Kept');
      await expect(anonymousPage.locator('#evidence').getByRole('link', { name: materialTitle })).toBeVisible();
      // The council-only project is counted, not named.
      await expect(anonymousPage.locator('#evidence')).toContainText('1 more piece of evidence is a material or project not shared with you.');
      await expect(anonymousPage.getByText(projectName)).toHaveCount(0);
      await expect(anonymousPage.getByText(`Robin Patel ${run}`)).toHaveCount(0);
      await expect(anonymousPage.getByRole('button', { name: 'Confirm as kept' })).toHaveCount(0);
      await outsider.close();
    } finally {
      await context.close();
      await db.end();
    }
  });
});
