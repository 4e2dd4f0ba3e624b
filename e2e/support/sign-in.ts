import { expect, type Page } from '@playwright/test';

/**
 * Signing in for browser tests, through the real email journey: the sign-in form, the hub's SMTP
 * client, the SMTP sink (lib/testing/smtp-sink-cli.ts, started by playwright.config.ts), the emailed
 * link and its "Sign in" button. Works with JavaScript on or off.
 */

/** Where the SMTP sink listens: SMTP for the hub, HTTP for the tests to read what it received. */
import { smtpSinkHttpPort } from './settings';

export { smtpSinkHttpPort, smtpSinkPort } from './settings';
const sinkUrl = `http://127.0.0.1:${smtpSinkHttpPort}`;

export interface ReceivedEmail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  receivedAt: number;
}

/** The first email to `address` received at or after `since` (ms since the epoch), waiting up to 15 s. */
export async function emailTo(address: string, since: number): Promise<ReceivedEmail> {
  const deadline = Date.now() + 15_000;
  const url = `${sinkUrl}/messages?${new URLSearchParams({ to: address.toLowerCase(), since: String(since) })}`;
  for (;;) {
    const response = await fetch(url);
    const messages = (await response.json()) as ReceivedEmail[];
    if (messages.length > 0) return messages[0]!;
    if (Date.now() > deadline) throw new Error(`No email to ${address} arrived at the SMTP sink`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** All emails to `address` the sink has received since `since`. */
export async function emailsTo(address: string, since = 0): Promise<ReceivedEmail[]> {
  const response = await fetch(`${sinkUrl}/messages?${new URLSearchParams({ to: address.toLowerCase(), since: String(since) })}`);
  return (await response.json()) as ReceivedEmail[];
}

/** The sign-in link in an email. */
export function signInLinkIn(email: ReceivedEmail): string {
  const link = email.text.match(/https?:\/\/\S+/g)?.find((url) => new URL(url).pathname === '/sign-in/link');
  if (!link) throw new Error(`No sign-in link in the email "${email.subject}"`);
  return link;
}

/** Asks for a sign-in link on the sign-in page (already open) and returns the link from the email. */
export async function requestSignInLink(page: Page, email: string): Promise<string> {
  const since = Date.now();
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
  return signInLinkIn(await emailTo(email, since));
}

/** Opens an emailed sign-in link and selects its "Sign in" button. */
export async function followSignInLink(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForLoadState('load');
}

/**
 * Signs `page` in as `email` (creating the user on first use; a council address joins that council),
 * then leaves the browser where the sign-in took it: `returnTo` (a path), or the home page.
 */
export async function signInAs(page: Page, email: string, options: { returnTo?: string } = {}): Promise<void> {
  await page.goto(options.returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(options.returnTo)}` : '/sign-in');
  const link = await requestSignInLink(page, email);
  await followSignInLink(page, link);
  await expect(page.getByRole('link', { name: 'Your account' })).toBeVisible();
}

/** Signs out with the "Sign out" button in the header. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'You have signed out' })).toBeVisible();
}

/** An address unique to this test run, on the given domain. */
export function uniqueAddress(domain: string, who = 'someone'): string {
  return `${who}.${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}@${domain}`;
}
