import { expect, test } from '@playwright/test';
import { pagesWithoutJavaScript } from './support/accessibility';
import { nextMondayMorning, runHubCommand } from './support/hub-command';
import { findCouncils, markdownFile, openDatabase, requestContextFor, seedPeople, sessionCookie, shareMaterial } from './support/seed-people';
import { baseURL } from './support/settings';
import { emailsTo } from './support/sign-in';
import { fillDate, inDays, landed } from './support/forms';

/**
 * The journey of issue 8 end to end, without JavaScript and with axe on every page: a council member
 * registers a project and posts an update with one of the council's materials; someone from another
 * council follows the project; the digest is sent (`npm run digests:send -- --now <next Monday>`, the
 * operator's command, run against this hub: weekly digests, the default, are due on Monday mornings);
 * it arrives at the SMTP sink, and its link opens the project's page with the update.
 */

const run = Date.now().toString(36);

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('register a project, post an update with a material, follow it from another council, receive the digest and follow its link', async ({ browser }) => {
    test.setTimeout(150_000);
    const db = await openDatabase();
    const councils = await findCouncils(db);
    const people = await seedPeople(db, councils, `digest${run}`, {
      member: { label: 'member', council: 'a' },
      follower: { label: 'follower from another council', council: 'b' },
    });
    await db.end();
    const api = await requestContextFor(people.member);
    const materialTitle = `Missed bins survey ${run}`;
    await shareMaterial(api, { title: materialTitle, visibility: 'public' }, markdownFile(`survey-${run}.md`, `# Missed bins survey ${run}\n`));
    await api.dispose();
    const name = `Missed bins ${run}`;
    const updateText = `Twelve residents interviewed ${run}.`;

    const memberContext = await browser.newContext({ javaScriptEnabled: false });
    await memberContext.addCookies([sessionCookie(people.member.sessionToken)]);
    const member = await memberContext.newPage();
    pagesWithoutJavaScript.add(member);
    const followerContext = await browser.newContext({ javaScriptEnabled: false });
    await followerContext.addCookies([sessionCookie(people.follower.sessionToken)]);
    const follower = await followerContext.newPage();
    pagesWithoutJavaScript.add(follower);
    try {
      // Register the project.
      await member.goto('/projects');
      await landed(member, 'Projects');
      await member.getByRole('button', { name: 'Register a project' }).click();
      await landed(member, 'Register a project');
      await member.getByLabel('Project name').fill(name);
      await member.getByLabel('What is the project about?').fill('Finding out why residents report missed bin collections.');
      await member.getByRole('radio', { name: 'Discovery' }).check();
      await fillDate(member, 'start', inDays(-10));
      await fillDate(member, 'end', inDays(120));
      await member.getByRole('button', { name: 'Register project' }).click();
      await landed(member, name);
      const projectPath = new URL(member.url()).pathname;

      // Someone from another council follows it.
      await follower.goto(projectPath);
      await landed(follower, name);
      await follower.getByRole('button', { name: `Follow ${name}` }).click();
      await landed(follower, name);
      await expect(follower.getByText(`You follow ${name}.`)).toBeVisible();

      // The council posts an update with its material.
      await member.getByRole('button', { name: 'Post an update' }).click();
      await landed(member, 'Post an update');
      await member.getByLabel('What has happened?').fill(updateText);
      await member.getByRole('checkbox', { name: materialTitle }).check();
      await member.getByRole('button', { name: 'Post update' }).click();
      await landed(member, name);
      await expect(member.locator('.govuk-notification-banner--success')).toContainText('Your update was posted.');

      // The digest, sent as the hourly job would next Monday morning.
      const since = Date.now();
      const report = await runHubCommand('digests:send', ['--now', nextMondayMorning().toISOString()]);
      expect(report).toMatch(/digests due as of .+: \d+ sent/);
      const digests = (await emailsTo(people.follower.email, since)).filter((email) => email.text.includes(name));
      expect(digests).toHaveLength(1);
      const digest = digests[0]!;
      expect(digest.subject).toMatch(/^New on Discovery Commons/);
      expect(digest.text).toContain(updateText);
      const projectLink = digest.text.match(/https?:\/\/\S+/g)?.find((url) => new URL(url).pathname === projectPath);
      expect(projectLink, 'the digest links to the project').toBeTruthy();
      expect(new URL(projectLink!).origin).toBe(baseURL);
      // Running it again sends nothing twice.
      await runHubCommand('digests:send', ['--now', nextMondayMorning().toISOString()]);
      expect((await emailsTo(people.follower.email, since)).filter((email) => email.text.includes(name))).toHaveLength(1);

      // The link opens the project, with the update and its material.
      await follower.goto(projectLink!);
      await landed(follower, name);
      const updates = follower.locator('section[aria-labelledby="updates-heading"]');
      await expect(updates).toContainText(updateText);
      await expect(updates.getByRole('link', { name: materialTitle })).toBeVisible();
    } finally {
      await memberContext.close();
      await followerContext.close();
    }
  });
});
