import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { expectAccessible, pagesWithoutJavaScript } from './support/accessibility';
import { makeSiteAdmin } from './support/roles';
import { productionPort } from './support/settings';
import { followSignInLink, requestSignInLink, signInAs, signOut, uniqueAddress } from './support/sign-in';

// The service pages every public-sector site publishes, the list of councils, feedback, where signing in
// takes you, and how the server starts and caches. Few tests, each a whole journey.

// Several pages checked with axe, and three people signing in: more than the default minute on a busy machine.
test.describe.configure({ timeout: 180_000 });

const footerPages = [
  { link: 'Help', heading: 'Help using Discovery Commons' },
  { link: 'Contact', heading: 'Contact Discovery Commons' },
  { link: 'Councils and public bodies', heading: 'Councils and public bodies' },
  { link: 'Accessibility statement', heading: 'Accessibility statement for Discovery Commons' },
  { link: 'Privacy', heading: 'Privacy notice' },
  { link: 'Cookies', heading: 'Cookies' },
  { link: 'Feedback', heading: 'Give feedback on Discovery Commons' },
  { link: 'API for developers', heading: 'API for developers' },
];

test('every service page is in the footer and passes axe; without JavaScript the councils list filters by name; public pages may be kept by the browser and come without the framework JavaScript', async ({
  page,
  browser,
  baseURL,
}) => {
  const home = await page.goto('/');
  // Signed out, a public page may be kept by the browser (back/forward cache), but never by a shared cache.
  expect(home?.headers()['cache-control']).toBe('private, no-cache');
  // Public pages are sent without the framework's JavaScript, which they do not need (fast on a phone):
  // they work exactly as with JavaScript off (lib/http/framework-free-pages.ts).
  await expect(page.locator('script[src^="/_next/"]')).toHaveCount(0);
  await expect(page.locator('body')).not.toHaveClass(/js-enabled/);
  for (const { link, heading } of footerPages) {
    await page.getByRole('contentinfo').getByRole('link', { name: link, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    // The councils list is checked below, filtered: the same page with a few links rather than 400.
    if (link !== 'Councils and public bodies') await expectAccessible(page);
  }
  // Personal pages are never stored, even signed out: the feedback form, the sign-in page.
  expect((await page.goto('/feedback'))?.headers()['cache-control']).toContain('no-store');
  // A form page keeps its JavaScript (GOV.UK Frontend's enhancements).
  await expect(page.locator('script[src^="/_next/"]').first()).toBeAttached();
  await expect(page.locator('body')).toHaveClass(/js-enabled/);
  expect((await page.goto('/sign-in'))?.headers()['cache-control']).toContain('no-store');

  // The favicon exists, so no page logs a 404 for it.
  const icon = await page.request.get('/favicon.ico');
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toMatch(/image/);

  // Without JavaScript: the list of councils, filtered by a GET form (an address to share), linking to
  // each council's page.
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const noScript = await context.newPage();
  pagesWithoutJavaScript.add(noScript);
  await noScript.goto('/');
  await noScript.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Councils' }).click();
  await expect(noScript.getByRole('link', { name: 'Leeds City Council' })).toBeVisible();
  await noScript.getByLabel('Name').fill('bristol');
  await noScript.getByRole('button', { name: 'Filter' }).click();
  await expect(noScript).toHaveURL(/\/organisations\?name=bristol/);
  await expect(noScript.getByRole('link', { name: 'Leeds City Council' })).toHaveCount(0);
  await expectAccessible(noScript);
  await noScript.getByRole('link', { name: 'Bristol City Council' }).click();
  await expect(noScript.getByRole('heading', { level: 1, name: 'Bristol City Council' })).toBeVisible();
  await noScript.goto('/organisations?name=nowhere-at-all');
  await expect(noScript.getByText('No council or public body has a name like that.')).toBeVisible();
  await context.close();
});

test('feedback: anyone sends it from the beta banner, fixing a mistake first; a site admin reads it; nobody else can', async ({ browser, baseURL }) => {
  const visitor = await (await browser.newContext({ baseURL })).newPage();
  const consoleErrors: string[] = [];
  visitor.on('console', (message) => {
    // The missing page's own 404 is expected; any other error (GOV.UK Frontend's among them) is not.
    if (message.type() === 'error' && !message.location().url.endsWith('/no-such-page-here')) consoleErrors.push(message.text());
  });

  // "Page not found" starts GOV.UK Frontend without complaint (the body is marked as supported first).
  const missing = await visitor.goto('/no-such-page-here');
  expect(missing?.status()).toBe(404);
  await expect(visitor.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await visitor.getByRole('banner').getByRole('link', { name: 'feedback' }).click();
  await expect(visitor.getByRole('heading', { level: 1, name: 'Give feedback on Discovery Commons' })).toBeVisible();
  expect(consoleErrors).toEqual([]);

  await visitor.getByRole('button', { name: 'Send feedback' }).click();
  await expect(visitor).toHaveTitle(/^Error: /);
  await expect(visitor.getByRole('alert').getByRole('link', { name: 'Enter your feedback' })).toBeVisible();
  await expectAccessible(visitor);
  const words = `The filters are hard to find on a phone ${Date.now().toString(36)}`;
  await visitor.getByLabel('Your feedback').fill(words);
  await visitor.getByLabel('Email address (optional)').fill('reader@example.com');
  await visitor.getByRole('button', { name: 'Send feedback' }).click();
  await expect(visitor.getByRole('heading', { level: 1, name: 'Thank you for your feedback' })).toBeVisible();
  await expectAccessible(visitor);

  // Someone signed in but not a site admin: not found. ("Sign out" sits in the navigation.)
  const member = await (await browser.newContext({ baseURL })).newPage();
  await signInAs(member, uniqueAddress('bristol.gov.uk', 'member'));
  expect((await member.goto('/admin/feedback'))?.status()).toBe(404);
  // Every page for someone signed in stays out of every cache.
  expect((await member.goto('/'))?.headers()['cache-control']).toContain('no-store');
  await expect(member.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sign out' })).toBeVisible();
  await signOut(member);

  const adminEmail = uniqueAddress('example.com', 'admin');
  const admin = await (await browser.newContext({ baseURL })).newPage();
  await signInAs(admin, adminEmail);
  await makeSiteAdmin(adminEmail);
  await admin.goto('/admin/feedback');
  await expect(admin.getByRole('heading', { level: 1, name: 'Feedback' })).toBeVisible();
  await expect(admin.getByText(words)).toBeVisible();
  await expect(admin.getByRole('link', { name: 'reader@example.com' }).first()).toBeVisible();
  await expectAccessible(admin);
});

test('signing in says why when it comes from "Share a material", and brings you back to your search', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Share a material' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('Sign in to share a material.')).toBeVisible();

  await page.goto('/search?q=interview+guide&sort=newest');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).click();
  await expect(page.getByText('Sign in to share a material.')).toHaveCount(0);
  const link = await requestSignInLink(page, uniqueAddress('leeds.gov.uk', 'searcher'));
  await followSignInLink(page, link);
  await expect(page).toHaveURL((url) => url.pathname === '/search' && url.searchParams.get('q') === 'interview guide' && url.searchParams.get('sort') === 'newest');
  await expect(page.getByRole('main').getByRole('searchbox')).toHaveValue('interview guide');
});

test('in production, without a way to sign in, the server refuses to start and names the setting', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-no-sign-in-'));
  const port = productionPort + 50;
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(SMTP_|ENTRA_|DATABASE_|S3_|AUTH_|NEXTAUTH_|DATA_DIR$)/.test(key)) env[key] = value;
  }
  const server = spawn('npx', ['next', 'start', '-H', '127.0.0.1', '-p', String(port)], {
    env: { ...env, NODE_ENV: 'production', DATA_DIR: dataDir, AUTH_SECRET: 'x'.repeat(40), NEXTAUTH_URL: `http://127.0.0.1:${port}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    // It stops by itself within seconds; still running after 45 s is the failure (serving bare 500s).
    const code = await Promise.race([
      new Promise<number | null>((resolve) => server.once('exit', resolve)),
      new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 45_000)),
    ]);
    expect(code, output).toBe(1);
    expect(output).toContain('Discovery Commons cannot start');
    expect(output).toContain('SMTP_HOST or ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET and ENTRA_TENANT_ID are required in production');
  } finally {
    if (server.exitCode === null) server.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
