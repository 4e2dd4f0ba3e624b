import { expect, type Page } from '@playwright/test';
import { expectAccessible } from './accessibility';

/** A page has arrived when its one heading shows; every page the tests land on is checked with axe. */
export async function landed(page: Page, heading: string | RegExp) {
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await expectAccessible(page);
}

/** A date `days` from today, as the three boxes of a GOV.UK date input take it. */
export function inDays(days: number) {
  const date = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
  return { day: String(date.getUTCDate()), month: String(date.getUTCMonth() + 1), year: String(date.getUTCFullYear()) };
}

/** Fills a GOV.UK date input whose boxes are `#<prefix>Day`, `#<prefix>Month` and `#<prefix>Year`. */
export async function fillDate(page: Page, prefix: string, date: { day: string; month: string; year: string }) {
  await page.locator(`#${prefix}Day`).fill(date.day);
  await page.locator(`#${prefix}Month`).fill(date.month);
  await page.locator(`#${prefix}Year`).fill(date.year);
}
