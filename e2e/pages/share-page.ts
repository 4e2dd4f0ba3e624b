import { expect, type Page } from '@playwright/test';
import { expectAccessible } from '../support/accessibility';

/** The "Who can see it?" choices, as labelled for a member of the council (lib/materials/visibility-words.ts). */
export type Visibility = 'Public' | 'Councils' | 'Only my council';

export interface MaterialAnswers {
  title: string;
  summary?: string;
  phases: string[]; // labels, e.g. 'Discovery'
  type: string; // label, e.g. 'Consent form or participant information sheet'
  kind: string; // label, e.g. 'Template'
  topics?: string[];
  tags?: string;
  /**
   * Only site admins choose a council (name, e.g. 'Bristol City Council'): members always share for
   * their own council, which the form names instead of asking.
   */
  council?: string;
  /** A label of the "Who can see it?" radios; the form starts on Public. */
  visibility?: string;
  file?: string; // path
}

/**
 * The "Share a material" form, driven the way a person would, with or without JavaScript. Only people
 * who are signed in and belong to a council (or are site admins) get the form.
 */
export class SharePage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/materials/new');
    await this.expectShown();
  }

  /** The form is on screen (for example after signing in sent the person back to it). */
  async expectShown() {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Share a material' })).toBeVisible();
    await expect(this.page.getByRole('button', { name: 'Share material' })).toBeVisible();
    await expectAccessible(this.page);
  }

  /** What a member sees instead of a council picker: the council they share for. */
  sharingFor() {
    return this.page.getByText(/^You are sharing this for /);
  }

  visibilityGroup() {
    return this.page.getByRole('group', { name: 'Who can see it?' });
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
    if (answers.council) await this.chooseCouncil(answers.council, javascript);
    if (answers.visibility) await this.visibilityGroup().getByLabel(answers.visibility, { exact: true }).check();
    if (answers.file) await page.getByLabel('Upload a file').setInputFiles(answers.file);
  }

  /**
   * A site admin's council picker: with JavaScript a type-ahead, without a plain select. Members have
   * no picker; calling this for them fails.
   */
  async chooseCouncil(name: string, javascript: boolean) {
    const page = this.page;
    if (!javascript) {
      await page.getByLabel('Council (optional)', { exact: true }).selectOption({ label: name });
      return;
    }
    const input = page.getByRole('combobox', { name: 'Council (optional)' });
    await input.fill(name.split(' ')[0]!);
    await page.getByRole('option', { name }).click();
    await expect(input).toHaveValue(name);
  }

  /** The council the picker will post (the select behind the type-ahead), as its slug. */
  chosenCouncil() {
    return this.page.locator('select[name="council"]');
  }

  /**
   * Sends the form and waits for the page it leads to: the material (shared) or the form again with
   * the errors (a new `?attempt=`). Either way the address changes, which is the thing to wait for:
   * a large file takes a while to upload before any new page starts loading.
   */
  async submit() {
    const before = this.page.url();
    await this.page.getByRole('button', { name: 'Share material' }).click();
    await this.page.waitForURL((url) => url.href !== before, { waitUntil: 'load' });
    await expectAccessible(this.page);
  }

  /**
   * After sharing, the file's check: wait for it, then publish (giving a reason when the check found
   * something, as the page asks). Ends on the material's page.
   */
  async publishAfterCheck(reason = 'Checked: these are work contact details') {
    await expect(this.page.getByRole('heading', { name: 'Check before you publish' })).toBeVisible();
    const reasonBox = this.page.getByLabel('Why is it right to publish this file as it is?');
    if (await reasonBox.isVisible()) {
      await reasonBox.fill(reason);
      await this.page.getByRole('button', { name: 'Publish anyway' }).click();
    } else {
      await this.page.getByRole('button', { name: 'Publish', exact: true }).click();
    }
    await expect(this.page.getByText('Your material has been published')).toBeVisible();
  }

  errorSummary() {
    return this.page.getByRole('alert').filter({ hasText: 'There is a problem' });
  }
}
