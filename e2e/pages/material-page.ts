import { expect, type Page } from '@playwright/test';
import { expectAccessible } from '../support/accessibility';
import { sha256OfFile } from '../support/files';
import fs from 'node:fs';

/** A material's own page: its details and the download button. */
export class MaterialPage {
  constructor(private readonly page: Page) {}

  async expectShown(title: string) {
    await expect(this.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expectAccessible(this.page);
  }

  detail(key: string) {
    return this.page.locator('.govuk-summary-list__row', { has: this.page.locator('dt', { hasText: key }) }).locator('dd');
  }

  /** The page's "Preview" section. */
  preview() {
    return this.page.locator('section', { has: this.page.getByRole('heading', { level: 2, name: 'Preview' }) });
  }

  /**
   * Waits until the worker has made the file's preview, reloading the page (as its message asks)
   * until it is there, within a bounded time; then checks the page again with axe.
   */
  async expectPreviewMade() {
    await expect(this.preview()).toBeVisible();
    await expect
      .poll(
        async () => {
          if ((await this.preview().getByText('We are making a preview of this file').count()) === 0) return 'made';
          await this.page.reload();
          return 'still making';
        },
        { timeout: 60_000, message: 'the preview is made within a minute' },
      )
      .toBe('made');
    await expectAccessible(this.page);
  }

  /** Clicks Download and returns the SHA-256 of what the browser saved, and the name it suggested. */
  async download(): Promise<{ sha256: string; fileName: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: /^Download/ }).click(),
    ]);
    const saved = await download.path();
    expect(fs.existsSync(saved)).toBe(true);
    return { sha256: sha256OfFile(saved), fileName: download.suggestedFilename() };
  }

  /** The "Also available as" links: the same document in the formats councils edit in. */
  alternativeFormats() {
    return this.page.getByRole('list', { name: 'Also available as:' }).getByRole('link');
  }

  /** Follows one "Also available as" link and returns the saved file's bytes and suggested name. */
  async downloadAlternative(name: RegExp): Promise<{ body: Buffer; fileName: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.alternativeFormats().filter({ hasText: name }).click()]);
    const saved = await download.path();
    return { body: fs.readFileSync(saved), fileName: download.suggestedFilename() };
  }
}
