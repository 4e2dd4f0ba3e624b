import { expect, test } from '@playwright/test';
import { expectAccessible, pagesWithoutJavaScript } from './support/accessibility';
import { createSession, findCouncils, markdownFile, openDatabase, requestContextFor, seedPeople, sessionCookie, shareMaterial } from './support/seed-people';
import { fillDate, inDays, landed } from './support/forms';

/**
 * Projects (issue 8): a council member registers a project (and sees the form explain what to fix),
 * posts an update that moves it to alpha with one of the council's materials attached, and someone
 * from another council and someone signed out find it, its update and its material. All without
 * JavaScript, with axe on every page.
 */

const run = Date.now().toString(36);

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('register a project, post an update with a material, and see it from another council and signed out', async ({ browser }) => {
    test.setTimeout(120_000);
    const db = await openDatabase();
    const councils = await findCouncils(db);
    const people = await seedPeople(db, councils, `proj${run}`, {
      member: { label: 'member', council: 'a', name: `Jo Ahmed ${run}` },
      other: { label: 'member of another council', council: 'b' },
    });
    const api = await requestContextFor(people.member);
    const materialTitle = `Bins interview guide ${run}`;
    await shareMaterial(api, { title: materialTitle, visibility: 'public' }, markdownFile(`guide-${run}.md`, `# Interview guide ${run}\n`));
    await api.dispose();
    const name = `Garden waste redesign ${run}`;

    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.addCookies([sessionCookie(people.member.sessionToken)]);
    const page = await context.newPage();
    pagesWithoutJavaScript.add(page);
    try {
      await page.goto('/projects');
      await landed(page, 'Projects');
      await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' })).toHaveAttribute('aria-current', 'page');
      await page.getByRole('button', { name: 'Register a project' }).click();
      await landed(page, 'Register a project');

      // Nothing answered but an end before the start: every problem listed, each beside its field.
      await fillDate(page, 'start', inDays(10));
      await fillDate(page, 'end', inDays(5));
      await page.getByRole('button', { name: 'Register project' }).click();
      await expect(page).toHaveTitle(/^Error: Register a project/);
      const summary = page.locator('.govuk-error-summary');
      await expect(summary.getByRole('link', { name: 'Enter the project’s name' })).toHaveAttribute('href', '#name');
      await expect(summary.getByRole('link', { name: 'Choose the phase the project is in' })).toHaveAttribute('href', '#phase');
      await expect(summary.getByRole('link', { name: 'The expected end date must be the same as or after the start date' })).toHaveAttribute('href', '#endDay');
      await expect(page.locator('#end-error')).toContainText('The expected end date must be the same as or after the start date');
      await expect(page.locator('#startYear')).toHaveValue(inDays(10).year);
      await expectAccessible(page);

      await page.getByLabel('Project name').fill(name);
      await page.getByLabel('What is the project about?').fill('Finding out why residents miss garden waste collections, and what would help.');
      await page.getByRole('radio', { name: 'Discovery' }).check();
      await fillDate(page, 'start', inDays(-20));
      await fillDate(page, 'end', inDays(160));
      await page.getByRole('checkbox', { name: 'Looking for partner councils' }).check();
      await page.getByLabel('How is it funded? (optional)').selectOption({ label: 'Local Digital Fund' });
      await page.getByLabel('Link 1 title').fill('Our weeknotes');
      await page.getByLabel('Link 1 address').fill(`https://www.example.gov.uk/weeknotes-${run}`);
      await expect(page.getByRole('radio', { name: 'Public' })).toBeChecked();
      await expect(page.getByLabel('Who should other councils contact?')).toHaveValue(people.member.id);
      await page.getByRole('button', { name: 'Register project' }).click();

      await landed(page, name);
      await expect(page.locator('.govuk-notification-banner--success')).toContainText('Your project was registered.');
      await expect(page.locator('.govuk-summary-list')).toContainText('Looking for partner councils');
      await expect(page.locator('.govuk-summary-list')).toContainText('Local Digital Fund');
      await expect(page.getByRole('link', { name: 'Our weeknotes' })).toHaveAttribute('href', `https://www.example.gov.uk/weeknotes-${run}`);
      const projectPath = new URL(page.url()).pathname;

      // An update that moves it to alpha, with the council's material attached.
      await page.getByRole('button', { name: 'Post an update' }).click();
      await landed(page, 'Post an update');
      await page.getByRole('button', { name: 'Post update' }).click();
      await expect(page.locator('.govuk-error-summary').getByRole('link', { name: 'Write the update' })).toHaveAttribute('href', '#body');
      await expectAccessible(page);
      await page.getByLabel('What has happened?').fill(`We finished twelve interviews with residents ${run}.`);
      await page.getByLabel('Has the project moved phase?').selectOption({ label: 'Yes, to Alpha' });
      await page.getByRole('checkbox', { name: materialTitle }).check();
      await page.getByRole('button', { name: 'Post update' }).click();
      await landed(page, name);
      await expect(page.locator('.govuk-notification-banner--success')).toContainText('Your update was posted.');
      const updateLink = page.locator('section[aria-labelledby="updates-heading"]').getByRole('link', { name: materialTitle });
      const materialPath = await updateLink.getAttribute('href');

      // The material joins the project through its edit form; the project page then lists it by phase.
      await page.goto(`${materialPath}/edit`);
      await landed(page, 'Change the details');
      await page.getByLabel('Which project is it part of? (optional)').selectOption({ label: name });
      await page.getByRole('button', { name: 'Save changes' }).click();
      await expect(page.getByRole('heading', { level: 1, name: materialTitle })).toBeVisible();
      await expect(page.locator('.govuk-summary-list').getByRole('link', { name })).toHaveAttribute('href', projectPath);
      await expectAccessible(page);
      await page.goto(projectPath);
      await expect(page.locator('section[aria-labelledby="materials-heading"]').getByRole('link', { name: materialTitle })).toBeVisible();

      await landed(page, name);
      const updates = page.locator('section[aria-labelledby="updates-heading"]');
      await expect(updates).toContainText('Moved from Discovery to Alpha');
      await expect(updates.getByRole('link', { name: materialTitle })).toBeVisible();
      const phases = page.locator('section[aria-labelledby="phases-heading"]').getByRole('listitem');
      await expect(phases).toHaveText([/^Discovery from .+ to .+$/, /^Alpha from .+ \(now\)$/]);

      // On the council's page.
      await page.goto(`/organisations/${councils.a.slug}`);
      await landed(page, councils.a.name);
      await expect(page.locator('section[aria-labelledby="projects-heading"]').getByRole('link', { name })).toHaveAttribute('href', projectPath);

      // Someone from another council: finds it by the list's filters, sees the update, the material and the contact's address, cannot post.
      const otherContext = await browser.newContext({ javaScriptEnabled: false });
      await otherContext.addCookies([sessionCookie(people.other.sessionToken)]);
      const other = await otherContext.newPage();
      pagesWithoutJavaScript.add(other);
      await other.goto('/projects');
      await other.getByLabel('Phase').selectOption({ label: 'Alpha' });
      await other.getByLabel('Council').selectOption({ value: councils.a.slug });
      await other.getByRole('button', { name: 'Filter projects' }).click();
      await landed(other, 'Projects');
      await other.getByRole('link', { name }).click();
      await landed(other, name);
      await expect(other.locator('section[aria-labelledby="updates-heading"]').getByRole('link', { name: materialTitle })).toBeVisible();
      await expect(other.locator('.govuk-summary-list')).toContainText(`Jo Ahmed ${run}, ${councils.a.name}`);
      await expect(other.getByRole('link', { name: people.member.email })).toBeVisible();
      await expect(other.getByRole('button', { name: 'Post an update' })).toHaveCount(0);
      await other.locator('section[aria-labelledby="updates-heading"]').getByRole('link', { name: materialTitle }).click();
      await expect(other.getByRole('heading', { level: 1, name: materialTitle })).toBeVisible();
      await expect(other.locator('.govuk-summary-list').getByRole('link', { name })).toHaveAttribute('href', projectPath);
      await otherContext.close();

      // Signed out: the contact's name and council, not their address.
      const outsider = await browser.newContext({ javaScriptEnabled: false });
      const anonymousPage = await outsider.newPage();
      pagesWithoutJavaScript.add(anonymousPage);
      await anonymousPage.goto(projectPath);
      await landed(anonymousPage, name);
      await expect(anonymousPage.locator('.govuk-summary-list')).toContainText(`Jo Ahmed ${run}, ${councils.a.name}`);
      await expect(anonymousPage.getByText(people.member.email)).toHaveCount(0);
      // Its updates as an Atom feed, named in the page's head and linked on it; public things only.
      await expect(anonymousPage.locator('head link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute('href', new RegExp(`${projectPath}/feed$`));
      await expect(anonymousPage.getByRole('link', { name: 'Subscribe to this project’s updates (Atom feed)' })).toHaveAttribute('href', `${projectPath}/feed`);
      const feed = await anonymousPage.request.get(`${projectPath}/feed`);
      expect(feed.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
      const feedText = await feed.text();
      expect(feedText).toContain(`We finished twelve interviews with residents ${run}.`);
      expect(feedText).not.toContain(people.member.email);
      await anonymousPage.goto('/projects?phase=alpha');
      await landed(anonymousPage, 'Projects');
      await expect(anonymousPage.locator('head link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute('href', /\/projects\/feed\?phase=alpha$/);
      expect(await (await anonymousPage.request.get('/projects/feed?phase=alpha')).text()).toContain(name);
      await outsider.close();
    } finally {
      await context.close();
      await db.end();
    }
  });
});

test.describe('partners, without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a council invites another as a partner; its member accepts on the project page and can then post updates', async ({ browser }) => {
    test.setTimeout(120_000);
    const db = await openDatabase();
    const councils = await findCouncils(db);
    const people = await seedPeople(db, councils, `projp${run}`, {
      member: { label: 'member', council: 'a' },
      other: { label: 'member of the invited council', council: 'b' },
    });
    const name = `Shared contact centre project ${run}`;
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO projects (organisation_id, name, summary, phase, start_on, visibility, contact_user_id) VALUES ($1, $2, 'Working together on a contact centre', 'alpha', '2026-10-01', 'organisation', $3) RETURNING id`,
      [councils.a.id, name, people.member.id],
    );
    const projectPath = `/projects/${rows[0]!.id}`;
    const inviter = await browser.newContext({ javaScriptEnabled: false });
    await inviter.addCookies([sessionCookie(people.member.sessionToken)]);
    const invited = await browser.newContext({ javaScriptEnabled: false });
    await invited.addCookies([sessionCookie(people.other.sessionToken)]);
    try {
      // Before the invitation, an organisation-only project is not there for the other council.
      const other = await invited.newPage();
      pagesWithoutJavaScript.add(other);
      expect((await other.goto(projectPath))!.status()).toBe(404);

      const page = await inviter.newPage();
      pagesWithoutJavaScript.add(page);
      await page.goto(projectPath);
      await landed(page, name);
      // A project for one council has no feed, so its page names none.
      await expect(page.locator('head link[rel="alternate"][type="application/atom+xml"]')).toHaveCount(0);
      expect((await page.request.get(`${projectPath}/feed`)).status()).toBe(404);
      // Its own council is not offered; inviting nobody says what to do.
      await expect(page.getByLabel('Invite a council to be a partner').locator(`option[value="${councils.a.slug}"]`)).toHaveCount(0);
      await page.getByRole('button', { name: 'Invite council' }).click();
      await expect(page.locator('#council-error')).toContainText('Choose the council to invite');
      await expectAccessible(page);
      await page.getByLabel('Invite a council to be a partner').selectOption({ value: councils.b.slug });
      await page.getByRole('button', { name: 'Invite council' }).click();
      await expect(page.locator('.govuk-notification-banner--success')).toContainText('The council was invited.');
      await expect(page.locator('section[aria-labelledby="partners-heading"]')).toContainText(`${councils.b.name} (invited)`);
      await expectAccessible(page);

      await other.goto(projectPath);
      await landed(other, name);
      await expect(other.locator('.govuk-notification-banner')).toContainText(`${councils.a.name} invited your council to be a partner on this project.`);
      await expect(other.getByRole('button', { name: 'Post an update' })).toHaveCount(0);
      await other.getByRole('button', { name: 'Accept' }).click();
      await landed(other, name);
      await expect(other.locator('.govuk-notification-banner--success')).toContainText('Your council is now a partner on this project.');
      await expect(other.locator('section[aria-labelledby="partners-heading"]').getByRole('link', { name: councils.b.name })).toBeVisible();
      await other.getByRole('button', { name: 'Post an update' }).click();
      await landed(other, 'Post an update');
      await other.getByLabel('What has happened?').fill(`Our team joined the research ${run}.`);
      await other.getByRole('button', { name: 'Post update' }).click();
      await landed(other, name);
      await expect(other.locator('section[aria-labelledby="updates-heading"]')).toContainText(councils.b.name);
    } finally {
      await inviter.close();
      await invited.close();
      await db.end();
    }
  });
});

/**
 * The pages' rows of the projects' permission matrix, over HTTP against the built server: each kind of
 * viewer asks for a project's page, its change page and the list, at each visibility. Cannot see it →
 * "Page not found" (404); may see it but not change it → the page saying so; signed out → sign in.
 */
test('project pages: each viewer gets the page, the refusal or "Page not found", and the list agrees', async () => {
  test.setTimeout(120_000);
  const db = await openDatabase();
  const councils = await findCouncils(db);
  const people = await seedPeople(db, councils, `projm${run}`, {
    member: { label: 'member of the council', council: 'a' },
    other: { label: 'member of another council', council: 'b' },
  });
  const { rows: manchester } = await db.query<{ id: string }>(`SELECT id FROM organisations WHERE slug = 'manchester'`);
  const partnerPeople = await db.query<{ id: string }>(
    `INSERT INTO users (email, name, email_verified, organisation_id, role) VALUES ($1, 'Partner person', now(), $2, 'member') RETURNING id`,
    [`partner.${run}@manchester.gov.uk`, manchester[0]!.id],
  );
  const partner = { sessionToken: await createSession(db, partnerPeople.rows[0]!.id) };
  type Who = 'anonymous' | 'member of another council' | 'member of a partner council' | 'member of the council';
  const contexts: Record<Who, Awaited<ReturnType<typeof requestContextFor>>> = {
    anonymous: await requestContextFor(null),
    'member of another council': await requestContextFor(people.other),
    'member of a partner council': await requestContextFor(partner),
    'member of the council': await requestContextFor(people.member),
  };
  // view, change page: 200 | 'refused' (200, "You cannot change this project") | 'sign in' | 404
  const expected: Record<string, Record<Who, [number | string, number | string]>> = {
    public: {
      anonymous: [200, 'sign in'],
      'member of another council': [200, 'refused'],
      'member of a partner council': [200, 'refused'],
      'member of the council': [200, 200],
    },
    councils: {
      anonymous: [404, 404],
      'member of another council': [200, 'refused'],
      'member of a partner council': [200, 'refused'],
      'member of the council': [200, 200],
    },
    organisation: {
      anonymous: [404, 404],
      'member of another council': [404, 404],
      'member of a partner council': [200, 'refused'],
      'member of the council': [200, 200],
    },
  };
  try {
    for (const visibility of ['public', 'councils', 'organisation'] as const) {
      const name = `Matrix project ${visibility} ${run}`;
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO projects (organisation_id, name, summary, phase, start_on, visibility, contact_user_id) VALUES ($1, $2, 'A project for the matrix', 'discovery', '2026-09-01', $3, $4) RETURNING id`,
        [councils.a.id, name, visibility, people.member.id],
      );
      const id = rows[0]!.id;
      await db.query(`INSERT INTO project_partners (project_id, organisation_id, accepted_at) VALUES ($1, $2, now())`, [id, manchester[0]!.id]);
      for (const [who, [view, change]] of Object.entries(expected[visibility]!) as [Who, [number | string, number | string]][]) {
        const context = contexts[who];
        const page = await context.get(`/projects/${id}`, { maxRedirects: 0 });
        expect(page.status(), `${who} views a ${visibility} project`).toBe(view);
        if (view === 200) expect(await page.text()).toContain(name);
        else expect(await page.text()).not.toContain(name);

        const edit = await context.get(`/projects/${id}/edit`, { maxRedirects: 0 });
        if (change === 'sign in') {
          expect(edit.status(), `${who} opens the change page of a ${visibility} project`).toBe(307);
          expect(edit.headers().location).toMatch(/\/sign-in\?callbackUrl=/);
        } else if (change === 'refused') {
          expect(edit.status()).toBe(200);
          // React may put a comment between the words of the heading: match the words, not the markup.
          expect(await edit.text()).toMatch(/You cannot (<!-- -->)?change this project/);
        } else {
          expect(edit.status(), `${who} opens the change page of a ${visibility} project`).toBe(change);
        }

        const list = await (await context.get(`/projects?council=${councils.a.slug}`)).text();
        expect(list.includes(name), `${who} finds a ${visibility} project in the list`).toBe(view === 200);
      }
    }
  } finally {
    for (const context of Object.values(contexts)) await context.dispose();
    await db.end();
  }
});
