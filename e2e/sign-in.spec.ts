import { domainToASCII } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, pagesWithoutJavaScript } from './support/accessibility';
import { baseURL } from './support/settings';
import { emailsTo, emailTo, followSignInLink, requestSignInLink, signInAs, signInLinkIn, signOut, uniqueAddress } from './support/sign-in';

// Signing in by email link through the real SMTP path (the hub's nodemailer client → the SMTP sink on
// loopback), signing out, and the hostile cases a browser can reach. axe runs on every page.

async function expectOnAccountPage(page: Page, details: { email: string; organisation: string; role?: string }) {
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  const list = page.locator('.govuk-summary-list');
  await expect(list.locator('.govuk-summary-list__row', { hasText: 'Email address' }).locator('dd.govuk-summary-list__value')).toHaveText(details.email);
  await expect(list.locator('.govuk-summary-list__row', { hasText: 'Council or organisation' }).locator('dd.govuk-summary-list__value')).toHaveText(details.organisation);
  if (details.role) await expect(list.locator('.govuk-summary-list__row', { hasText: 'Role' }).locator('dd.govuk-summary-list__value')).toHaveText(details.role);
  await expectAccessible(page);
}

/** The whole journey, the same with JavaScript on or off. */
async function signInJourney(page: Page) {
  const email = uniqueAddress('bristol.gov.uk', 'sam');

  // Start from a page that needs signing in: it comes back there afterwards.
  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expectAccessible(page);

  // Nothing typed.
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await expect(page).toHaveTitle(/^Error: Sign in/);
  await expect(page.locator('.govuk-error-summary')).toContainText('Enter your email address');
  await expectAccessible(page);

  // Two addresses in one, the second on a council's domain: refused, and the answer kept.
  await page.getByLabel('Email address').fill('a@x.com,b@bristol.gov.uk');
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText('Enter an email address in the correct format, like name@example.gov.uk');
  await expect(page.getByLabel('Email address')).toHaveValue('a@x.com,b@bristol.gov.uk');
  await expect(page.locator('#email-error')).toContainText('Enter an email address in the correct format');
  await expectAccessible(page);

  // The real address, in capitals as people sometimes type it.
  const since = Date.now();
  await page.getByLabel('Email address').fill(email.toUpperCase());
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
  await expect(page.getByText(email, { exact: true })).toBeVisible();
  await expectAccessible(page);

  const message = await emailTo(email, since);
  expect(message.subject).toBe('Sign in to Discovery Commons');
  expect(message.text).toContain('The link works once and expires in 15 minutes.');
  expect(message.text).toContain('If you did not ask for this, ignore this email.');
  const link = signInLinkIn(message);
  expect(link.startsWith(`${baseURL}/sign-in/link?`)).toBe(true);

  // The link opens a page; nothing happens until the button is selected.
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Discovery Commons' })).toBeVisible();
  await expect(page.getByText(email, { exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();

  // Back where they started, signed in, a member of the council whose domain the address is on.
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('link', { name: 'Your account' })).toBeVisible();
  await expectOnAccountPage(page, { email, organisation: 'Bristol City Council', role: 'Member' });

  // The link works once.
  await followSignInLink(page, link);
  await expect(page.getByRole('heading', { level: 1, name: 'That sign-in link has expired or has already been used' })).toBeVisible();
  await expectAccessible(page);

  // Signing out ends the session: the account page asks to sign in again.
  await page.goto('/');
  await signOut(page);
  await expectAccessible(page);
  await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();
  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);
}

test.describe('with JavaScript', () => {
  test('signs in by email link, joins the council by domain, signs out', async ({ page }) => {
    await signInJourney(page);
  });

  test('someone on no council domain is told how to join one', async ({ page }) => {
    const email = uniqueAddress('example.org');
    await signInAs(page, email, { returnTo: '/account' });
    await expectOnAccountPage(page, { email, organisation: 'None' });
    await expect(page.getByText('You are not a member of a council yet.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Ask to join your council' })).toHaveAttribute('href', '/account/join');
    // The sign-out button on the account page works as well as the one in the header.
    await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'You have signed out' })).toBeVisible();
  });

  test('a crafted callbackUrl leads home, not to another site', async ({ page }) => {
    for (const callbackUrl of ['https://evil.example/', '//evil.example/', '/\\evil.example/', 'javascript:alert(1)']) {
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await expect(page.locator('input[name="callbackUrl"]')).toHaveValue('/');
      const email = uniqueAddress('example.org');
      const link = await requestSignInLink(page, email);
      // Tampering with the emailed link's callbackUrl does not help either.
      const tampered = new URL(link);
      tampered.searchParams.set('callbackUrl', callbackUrl);
      await followSignInLink(page, tampered.toString());
      expect(new URL(page.url()).origin).toBe(baseURL);
      expect(new URL(page.url()).pathname).toBe('/');
      await signOut(page);
    }
  });

  test('look-alike council addresses do not join the council', async ({ page }) => {
    // Sends a real link to each; none of them is on bristol.gov.uk exactly.
    for (const domain of ['bristol.gov.uk.evil.example', 'mail.bristol.gov.uk']) {
      const email = uniqueAddress(domain);
      await signInAs(page, email, { returnTo: '/account' });
      await expectOnAccountPage(page, { email, organisation: 'None' });
      await signOut(page);
    }

    // A Cyrillic 'о' in "gov": the browser's email field sends the domain as punycode
    // (bristol.xn--gv-fmc.uk), a different domain, which joins nobody.
    const lookAlike = uniqueAddress('bristol.g\u043ev.uk');
    const [local, unicodeDomain] = lookAlike.split('@') as [string, string];
    const sentTo = `${local}@${domainToASCII(unicodeDomain)}`;
    expect(sentTo).toMatch(/@bristol\.xn--gv-[a-z0-9]+\.uk$/);
    await page.goto('/sign-in?callbackUrl=%2Faccount');
    const since = Date.now();
    await page.getByLabel('Email address').fill(lookAlike);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
    await followSignInLink(page, signInLinkIn(await emailTo(sentTo, since)));
    await expectOnAccountPage(page, { email: sentTo, organisation: 'None' });
    await signOut(page);

    // Quoted local parts, lists and display names never get a link at all.
    for (const email of ['"a@evil.example"@bristol.gov.uk', 'Sam <sam@bristol.gov.uk>', 'a@evil.example;b@bristol.gov.uk']) {
      await page.goto('/sign-in');
      await page.getByLabel('Email address').fill(email);
      await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
      await expect(page.locator('.govuk-error-summary')).toContainText('Enter an email address in the correct format');
    }
  });

  test('too many sign-in links: refused with a clear message, nothing more is sent', async ({ page, request }) => {
    const email = uniqueAddress('example.org', 'flood');
    const since = Date.now();
    const ask = () =>
      request.post('/sign-in/email', {
        form: { email, callbackUrl: '/' },
        headers: { origin: baseURL },
        maxRedirects: 0,
      });
    // The browser-test server allows 30 links per address in 15 minutes (playwright.config.ts).
    for (let i = 0; i < 30; i++) {
      const response = await ask();
      expect(response.status()).toBe(303);
      expect(response.headers().location).toBe('/sign-in/check-your-email');
    }
    const refused = await ask();
    expect(refused.headers().location).toBe('/sign-in?error=too-many-requests');
    await expect.poll(async () => (await emailsTo(email, since)).length).toBe(30);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await emailsTo(email, since)).length).toBe(30);

    // What the person sees, with their address kept.
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await expect(page.locator('.govuk-error-summary')).toContainText(
      'You have asked for too many sign-in links. Wait 15 minutes, then try again.',
    );
    await expect(page.getByLabel('Email address')).toHaveValue(email);
    await expectAccessible(page);
  });

  test('forms posted from another site are refused; next-auth’s own email endpoints are closed', async ({ request }) => {
    const email = uniqueAddress('example.org');
    const crossSite = await request.post('/sign-in/email', {
      form: { email, callbackUrl: '/' },
      headers: { origin: 'https://evil.example' },
      maxRedirects: 0,
    });
    expect(crossSite.status()).toBe(403);
    const signOutCrossSite = await request.post('/sign-out', { headers: { origin: 'https://evil.example' }, maxRedirects: 0 });
    expect(signOutCrossSite.status()).toBe(403);

    // With a valid CSRF token from next-auth, its email endpoint still sends nothing: it is closed.
    const csrf = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const direct = await request.post('/api/auth/signin/email', {
      form: { email, csrfToken: csrf.csrfToken, callbackUrl: '/' },
      maxRedirects: 0,
    });
    expect(direct.status()).toBe(303);
    expect(direct.headers().location).toBe('/sign-in');
    const callback = await request.get('/api/auth/callback/email?token=abc&email=x%40example.org', { maxRedirects: 0 });
    expect(callback.headers().location).toBe('/sign-in/link?token=abc&email=x%40example.org');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await emailsTo(email)).toEqual([]);
  });

  test('problem pages explain in plain English and show nothing internal', async ({ page }) => {
    await page.goto('/sign-in/problem?error=Verification');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('That sign-in link has expired or has already been used');
    await expectAccessible(page);
    await page.goto('/sign-in/problem?error=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sorry, there is a problem signing you in');
    await expect(page.locator('main')).not.toContainText('script');
    await page.goto('/sign-in/link?token=nope');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This sign-in link does not work');
    await expectAccessible(page);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test.beforeEach(({ page }) => {
    pagesWithoutJavaScript.add(page);
  });

  test('signs in by email link, joins the council by domain, signs out', async ({ page }) => {
    await signInJourney(page);
  });
});
