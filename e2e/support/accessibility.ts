import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Pages of tests that run with JavaScript switched off (they register themselves here). */
export const pagesWithoutJavaScript = new WeakSet<Page>();

/**
 * Runs axe on the page as it is now and fails on any violation, of any impact: every WCAG 2.2 A and AA
 * rule and axe's best practices (landmarks, heading order and the like), listing each rule and the
 * elements that break it. Page objects call this after every page they land on.
 *
 * axe itself is JavaScript, so for a page rendered with JavaScript off it checks a copy of that page's
 * markup (scripts removed, same origin so the same styles apply) in a separate JavaScript-enabled page.
 */
export async function expectAccessible(page: Page): Promise<void> {
  if (!pagesWithoutJavaScript.has(page)) {
    expectNoViolations(page.url(), await axe(page));
    return;
  }
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser to run axe in');
  // Playwright applies the test's options (JavaScript off) to new contexts too, unless told otherwise.
  const context = await browser.newContext({ baseURL: new URL(page.url()).origin, javaScriptEnabled: true });
  try {
    const copy = await context.newPage();
    // Same origin as the original, so relative stylesheet links resolve.
    await copy.goto(new URL(page.url()).origin + '/robots.txt', { waitUntil: 'commit' }).catch(() => undefined);
    await copy.setContent(html, { waitUntil: 'load' });
    expectNoViolations(`${page.url()} (without JavaScript)`, await axe(copy));
  } finally {
    await context.close();
  }
}

async function axe(page: Page) {
  return new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
}

function expectNoViolations(where: string, results: Awaited<ReturnType<typeof axe>>) {
  const problems = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  expect(problems, `accessibility problems on ${where}`).toEqual([]);
}
