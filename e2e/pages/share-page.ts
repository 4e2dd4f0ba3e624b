import { expect, type Page } from '@playwright/test';
import { expectAccessible } from '../support/accessibility';

export interface MaterialAnswers {
  title: string;
  summary?: string;
  phases: string[]; // labels, e.g. 'Discovery'
  type: string; // label, e.g. 'Consent form or participant information sheet'
  kind: string; // label, e.g. 'Template'
  topics?: string[];
  tags?: string;
  council: string; // name, e.g. 'Bristol City Council'
  file?: string; // path
}

/** The "Share a material" form, driven the way a person would, with or without JavaScript. */
export class SharePage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/materials/new');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Share a material' })).toBeVisible();
    await expectAccessible(this.page);
  }

  async fill(answers: MaterialAnswers, { javascript }: { javascript: boolean }) {
    const page = this.page;
    await page.getByLabel('Title').fill(answers.title);
    if (answers.summary) await page.getByLabel('Summary (optional)').fill(answers.summary);
    const phases = page.getByRole('group', { name: 'Which phases is it for?' });
    for (const phase of answers.phases) await phases.getByLabel(phase, { exact: true }).check();
    await page.getByLabel('Type of material').selectOption({ label: answers.type });
    await page.getByRole('group', { name: /template, a worked example or guidance/ }).getByLabel(answers.kind, { exact: true }).check();
    const topics = page.getByRole('group', { name: 'Service areas (optional)' });
    for (const topic of answers.topics ?? []) await topics.getByLabel(topic, { exact: true }).check();
    if (answers.tags) await page.getByLabel('Tags (optional)').fill(answers.tags);
    await this.chooseCouncil(answers.council, javascript);
    if (answers.file) await page.getByLabel('Upload a file').setInputFiles(answers.file);
  }

  /** With JavaScript the council picker is a type-ahead; without, a plain select. */
  private async chooseCouncil(name: string, javascript: boolean) {
    const page = this.page;
    if (!javascript) {
      await page.getByLabel('Council', { exact: true }).selectOption({ label: name });
      return;
    }
    const input = page.getByRole('combobox', { name: 'Council' });
    await input.fill(name.split(' ')[0]!);
    await page.getByRole('option', { name }).click();
    await expect(input).toHaveValue(name);
  }

  async submit() {
    await this.page.getByRole('button', { name: 'Share material' }).click();
    await this.page.waitForLoadState('load');
    await expectAccessible(this.page);
  }

  errorSummary() {
    return this.page.getByRole('alert').filter({ hasText: 'There is a problem' });
  }
}
