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
  const withoutJavaScript = pagesWithoutJavaScript.has(page);
  const html = await page.content();
  // Each page in each state is checked once a run: an axe run takes two to three seconds, and the
  // journeys pass the same page in the same state many times (see pageState).
  const state = pageState(page.url(), html, withoutJavaScript);
  if (checkedStates.has(state)) return;
  await checkPage(page, html, withoutJavaScript);
  checkedStates.add(state);
}

/** Page states already checked in this run (the browser tests run in one worker). */
const checkedStates = new Set<string>();

/**
 * What makes a page a different page for axe: its address with ids and numbers taken out and only the
 * names of its query parameters kept (/materials/{id}?updated), whether JavaScript is on, and every
 * GOV.UK and hub component on it (class names: an error summary, a success banner, a warning, tags,
 * a table…). Two visits alike in all of these have the same markup but for the words in it.
 */
export function pageState(url: string, html: string, withoutJavaScript: boolean): string {
  const address = new URL(url);
  const path = address.pathname
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '{id}')
    .replace(/\/\d+(?=\/|$)/g, '/{n}');
  const query = [...new Set(address.searchParams.keys())].sort().join('&');
  const components = new Set<string>();
  for (const [, classes] of html.matchAll(/class="([^"]*)"/g)) {
    for (const name of classes!.split(/\s+/)) if (/^(govuk|app)-/.test(name)) components.add(name);
  }
  return [withoutJavaScript ? 'no-js' : 'js', `${path}?${query}`, [...components].sort().join(' ')].join('|');
}

async function checkPage(page: Page, html: string, withoutJavaScript: boolean): Promise<void> {
  if (!withoutJavaScript) {
    expectNoViolations(page.url(), await axe(page));
    return;
  }
  const markup = html.replace(/<script\b[\s\S]*?<\/script>/gi, '');
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser to run axe in');
  // Playwright applies the test's options (JavaScript off) to new contexts too, unless told otherwise.
  const context = await browser.newContext({ baseURL: new URL(page.url()).origin, javaScriptEnabled: true });
  try {
    const copy = await context.newPage();
    // Same origin as the original, so relative stylesheet links resolve.
    await copy.goto(new URL(page.url()).origin + '/robots.txt', { waitUntil: 'commit' }).catch(() => undefined);
    await copy.setContent(markup, { waitUntil: 'load' });
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
