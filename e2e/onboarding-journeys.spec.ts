import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import type { Client } from 'pg';
import { expectAccessible, pagesWithoutJavaScript } from './support/accessibility';
import { createSession, markdownFile, openDatabase, sessionCookie, shareMaterial, withdrawMaterial } from './support/seed-people';
import { emailTo } from './support/sign-in';

// Issue 14's everyday journeys about people and councils, with JavaScript off (they are all plain
// forms), axe on every page:
//   1. a council with no admin gets its first one: a member names themself and asks, a site admin
//      approves from the queue, the council's page names the new admin, and someone else writes to them;
//   2. a member finds their withdrawn material from "Your account", leaves their council and asks to
//      join another.
// People are made in the database with a session, as e2e/support/seed-people.ts explains (signing in
// by email is proved by e2e/sign-in.spec.ts); everything they do is through the pages.

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
let db: Client;
const contexts: BrowserContext[] = [];

// Three people and axe on each new page (with JavaScript off, axe runs on a copy in another context).
test.describe.configure({ timeout: 180_000 });

test.beforeAll(async () => {
  db = await openDatabase();
});
test.afterAll(async () => {
  for (const context of contexts) await context.close();
  await db?.end();
});

async function councilId(slug: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM organisations WHERE slug = $1', [slug]);
  return rows[0]!.id;
}

/** A person in the database (verified address), signed in on a browser of their own with JavaScript off. */
async function personWithBrowser(
  browser: import('@playwright/test').Browser,
  baseURL: string | undefined,
  options: { email: string; name?: string | null; council?: string; siteAdmin?: boolean },
): Promise<Page> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (email, name, email_verified, organisation_id, role, is_site_admin) VALUES ($1, $2, now(), $3, 'member', $4) RETURNING id`,
    [options.email, options.name ?? null, options.council ? await councilId(options.council) : null, options.siteAdmin ?? false],
  );
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  contexts.push(context);
  await context.addCookies([sessionCookie(await createSession(db, rows[0]!.id))]);
  const page = await context.newPage();
  pagesWithoutJavaScript.add(page);
  return page;
}

/** Opens a page and waits for its heading; axe checks it when `check` says so (each new page once: axe is slow). */
async function open(page: Page, path: string, heading: string | RegExp, check = false) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  if (check) await expectAccessible(page);
}

test("a council's first admin: asked for by a member, approved from the site admins' queue, then written to", async ({ browser, baseURL }) => {
  // Camden starts with no admin (earlier runs may have made one: they are members again).
  const camden = await councilId('camden');
  await db.query(`UPDATE users SET role = 'member' WHERE organisation_id = $1`, [camden]);
  const council = 'London Borough of Camden';
  const siteAdminEmail = `site-admin.${run}@example.org`;
  const siteAdmin = await personWithBrowser(browser, baseURL, { email: siteAdminEmail, name: `Sita ${run}`, siteAdmin: true });
  const memberEmail = `first.${run}@camden.gov.uk`;
  const member = await personWithBrowser(browser, baseURL, { email: memberEmail, council: 'camden' });

  // The member has no name yet and sees their council has no admin.
  await open(member, '/account', 'Your account', true);
  await expect(member.getByText(`${council} has no organisation admin yet.`)).toBeVisible();
  // The manage page tells them whose page it is, rather than "Page not found".
  await open(member, '/organisations/camden/manage', `This page is for organisation admins of ${council}`, true);

  // They give their name; an address is refused first.
  await open(member, '/account/name', 'What is your name?');
  await member.getByLabel('What is your name?').fill(memberEmail);
  await member.getByRole('button', { name: 'Save your name' }).click();
  await expect(member).toHaveTitle(/^Error: Your name/);
  await expect(member.getByRole('link', { name: 'Your name must not contain an email address' })).toBeVisible();
  await expectAccessible(member);
  const name = `Cam Onboarder ${run}`;
  await member.getByLabel('What is your name?').fill(name);
  await member.getByRole('button', { name: 'Save your name' }).click();
  await expect(member.locator('.govuk-notification-banner').getByText('Your name has been saved')).toBeVisible();

  // They ask to become its admin; every site admin is emailed.
  const asked = Date.now();
  await member.getByRole('link', { name: 'Ask to become its organisation admin' }).click();
  await expect(member.getByRole('heading', { level: 1, name: `Ask to become an organisation admin of ${council}` })).toBeVisible();
  await expectAccessible(member);
  await member.getByLabel('Your role at the council (optional)').fill('Service designer, digital team');
  await member.getByRole('button', { name: 'Send request' }).click();
  await expect(member.locator('.govuk-notification-banner').getByText('Your request to become an organisation admin has been sent')).toBeVisible();
  await expect(member.getByText('Waiting for a site admin to decide')).toBeVisible();
  expect((await emailTo(siteAdminEmail, asked)).subject).toBe(`${council}: a member asks to become its organisation admin`);

  // The site admin finds it in their queue with the evidence, and approves it.
  await open(siteAdmin, '/account', 'Your account');
  await siteAdmin.getByRole('link', { name: 'Requests waiting for a site admin' }).click();
  await expect(siteAdmin.getByRole('heading', { level: 1, name: 'Requests waiting for a site admin' })).toBeVisible();
  await expectAccessible(siteAdmin);
  const card = siteAdmin.locator('.govuk-summary-card', { hasText: `${name} for ${council}` });
  await expect(card.getByText('Address verified by email link')).toBeVisible();
  await expect(card.getByText(`On ${council}’s email domain`)).toBeVisible();
  await card.getByRole('button', { name: `Approve ${name} as organisation admin of ${council}` }).click();
  await expect(siteAdmin.locator('.govuk-notification-banner').getByText(`${name} is now an organisation admin`)).toBeVisible();
  expect((await emailTo(memberEmail, asked)).subject).toBe(`You are now an organisation admin of ${council}`);

  // The new admin manages the council now.
  await open(member, '/organisations/camden/manage', `Manage ${council}`);

  // Someone from elsewhere finds the admin named on the council's page, and writes to them.
  const writerEmail = `writer.${run}@leeds.gov.uk`;
  const writer = await personWithBrowser(browser, baseURL, { email: writerEmail, name: `Lee Writer ${run}`, council: 'leeds' });
  await open(writer, '/organisations/camden#contact', council);
  const contact = writer.locator('section', { has: writer.getByRole('heading', { name: `Contact ${council}’s admins` }) });
  await expect(contact.getByText(name)).toBeVisible();
  await writer.getByRole('button', { name: 'Send message' }).click();
  await expect(writer).toHaveTitle(/^Error: /);
  await expect(writer.getByRole('link', { name: 'Enter your message' })).toBeVisible();
  await expectAccessible(writer);
  const wrote = Date.now();
  await writer.getByLabel('Your message').fill('May we reuse your recruitment screener?');
  await writer.getByRole('button', { name: 'Send message' }).click();
  await expect(writer.locator('.govuk-notification-banner').getByText('Your message has been sent')).toBeVisible();
  expect(await writer.content(), 'the admin’s address is never on the page').not.toContain(memberEmail);
  const message = await emailTo(memberEmail, wrote);
  expect(message.subject).toBe(`A message for the admins of ${council}`);
  expect(message.text).toContain('May we reuse your recruitment screener?');
});

test('a member finds their withdrawn material from their account, leaves their council and asks to join another', async ({ browser, baseURL }) => {
  const email = `mover.${run}@york.gov.uk`;
  const member = await personWithBrowser(browser, baseURL, { email, name: `Mo Mover ${run}`, council: 'york' });
  const title = `Withdrawn journey map ${run}`;
  const id = await shareMaterial(member.request, { title, visibility: 'public' }, markdownFile('journey.md', `# Journey map ${run}\n`));
  await withdrawMaterial(member.request, id, 'Out of date');

  // Search leaves it out; the account leads back to it.
  await open(member, '/account', 'Your account');
  await member.getByRole('link', { name: 'Your materials and your council’s materials' }).click();
  await expect(member.getByRole('heading', { level: 1, name: 'Your materials' })).toBeVisible();
  await expectAccessible(member);
  const row = member.getByRole('table', { name: 'Materials you shared' }).getByRole('row', { name: new RegExp(title) });
  await expect(row.locator('.govuk-tag')).toHaveText('Withdrawn');
  await expect(row.getByText('Public', { exact: true })).toBeVisible();
  await row.getByRole('link', { name: title }).click();
  await expect(member.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(member.getByText(/withdrawn/i).first()).toBeVisible();

  // They leave York.
  await open(member, '/account', 'Your account');
  await member.getByRole('link', { name: 'Leave City of York Council' }).click();
  await expect(member.getByRole('heading', { level: 1, name: 'Are you sure you want to leave City of York Council?' })).toBeVisible();
  await expectAccessible(member);
  await member.getByRole('button', { name: 'Leave City of York Council' }).click();
  await expect(member.locator('.govuk-notification-banner').getByText('You have left the organisation')).toBeVisible();

  // The join form without a council is refused with "Error:" in the title; then they ask to join Kent.
  await member.getByRole('button', { name: 'Send request' }).click();
  await expect(member).toHaveTitle(/^Error: Ask to join an organisation/);
  await expectAccessible(member);
  await member.getByLabel('Which council or public body do you work for?').selectOption({ label: 'Kent County Council' });
  await member.getByRole('button', { name: 'Send request' }).click();
  await expect(member.locator('.govuk-notification-banner').getByText('Your request has been sent')).toBeVisible();

  // The account shows the request and who decides it.
  await open(member, '/account', 'Your account', true);
  await expect(member.getByText('Council or organisation').locator('..')).toContainText('None');
  await expect(member.getByText(/^To join Kent County Council$/)).toBeVisible();
  await expect(member.getByText(/Waiting for (its organisation admins|a site admin, as it has no organisation admin yet) to decide/)).toBeVisible();
});
