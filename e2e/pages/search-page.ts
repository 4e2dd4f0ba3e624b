import { expect, type Page } from '@playwright/test';
import { expectAccessible } from '../support/accessibility';

/** The search page: words, filters with counts, results. Works the same with JavaScript off. */
export class SearchPage {
  constructor(private readonly page: Page) {}

  async open(path = '/search') {
    await this.page.goto(path);
    await expectAccessible(this.page);
  }

  async searchFor(words: string) {
    await this.page.getByLabel('Search materials').fill(words);
    await this.page.getByRole('button', { name: 'Search', exact: true }).click();
    await this.page.waitForLoadState('load');
    await expectAccessible(this.page);
  }

  /** Ticks a filter (by the start of its label, without the count) and applies it. */
  async filterBy(group: string, option: string) {
    const fieldset = this.page.getByRole('group', { name: group });
    await fieldset.getByLabel(new RegExp(`^${escapeRegExp(option)} \\(\\d+\\)$`)).check();
    await this.page.getByRole('button', { name: 'Apply filters' }).click();
    await this.page.waitForLoadState('load');
    await expectAccessible(this.page);
  }

  results() {
    return this.page.locator('#search-results');
  }

  async expectResult(title: string) {
    await expect(this.results().getByRole('link', { name: title })).toBeVisible();
  }

  async openResult(title: string) {
    await this.results().getByRole('link', { name: title }).click();
    await this.page.waitForLoadState('load');
  }
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
