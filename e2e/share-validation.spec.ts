import { expect, test } from '@playwright/test';
import { e2eMaxUploadBytes } from './support/settings';
import { SharePage, type MaterialAnswers } from './pages/share-page';
import { corpusFile, makeFile, makeTextFile } from './support/files';
import { makeSiteAdmin } from './support/roles';
import { signInAs, uniqueAddress } from './support/sign-in';

const answers: MaterialAnswers = {
  title: 'Recycling centre booking – discussion guide',
  summary: 'Questions for residents who book a slot at the recycling centre.',
  phases: ['Discovery'],
  type: 'Interview or discussion guide',
  kind: 'Template',
  topics: ['Bins, waste and recycling'],
  tags: 'interviews, recycling',
  visibility: 'Councils',
};

test.describe('sharing a material: the form explains what to fix and keeps the answers', () => {
  // Only members of a council share: a Leeds City Council address (leeds.gov.uk, its homepage's domain
  // in lib/taxonomy/data/local-authorities.csv) joins Leeds on signing in.
  test.beforeEach(async ({ page }) => {
    await signInAs(page, uniqueAddress('leeds.gov.uk', 'sharer'), { returnTo: '/materials/new' });
    await new SharePage(page).expectShown();
  });

  test('a missing title', async ({ page }) => {
    const share = new SharePage(page);
    // A member shares for their own council: named, not asked.
    await expect(share.sharingFor()).toHaveText('You are sharing this for Leeds City Council.');
    await expect(page.locator('select[name="council"]')).toHaveCount(0);
    await share.fill({ ...answers, title: '', file: corpusFile('015-gds-research-consent-form.pdf') }, { javascript: true });
    await share.submit();

    await expect(page).toHaveTitle(/^Error: Share a material/);
    const summary = share.errorSummary();
    await expect(summary).toBeVisible();
    await expect(summary.getByRole('link', { name: 'Enter a title' })).toHaveAttribute('href', '#title');
    await expect(page.locator('#title-error')).toContainText('Enter a title');
    // Everything else typed is still there.
    await expect(page.getByLabel('Summary (optional)')).toHaveValue(answers.summary!);
    await expect(page.getByRole('group', { name: 'Which phases is it for?' }).getByLabel('Discovery', { exact: true })).toBeChecked();
    await expect(page.getByLabel('Type of material')).toHaveValue('discussion-guide');
    await expect(page.getByLabel('Tags (optional)')).toHaveValue('interviews, recycling');
    await expect(share.visibilityGroup().getByLabel('Councils', { exact: true })).toBeChecked();
    await expect(share.sharingFor()).toHaveText('You are sharing this for Leeds City Council.');
  });

  test('a file type that is not accepted', async ({ page }) => {
    const share = new SharePage(page);
    const webPage = makeTextFile('report.pdf', '<!doctype html><script>alert(1)</script>');
    await share.fill({ ...answers, file: webPage }, { javascript: true });
    await share.submit();

    await expect(share.errorSummary()).toContainText('its contents are not a PDF');
    await expect(page.locator('#file-error')).toContainText('its contents are not a PDF');

    const program = makeFile('setup.exe', 100);
    await share.fill({ ...answers, file: program }, { javascript: true });
    await share.submit();
    await expect(page.locator('#file-error')).toContainText(
      'must be a PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, DOC, XLS, PPT, RTF, TXT, Markdown (MD), CSV, PNG or JPEG',
    );
    await expect(page.getByLabel('Title')).toHaveValue(answers.title);
    await expect(share.visibilityGroup().getByLabel('Councils', { exact: true })).toBeChecked();
  });

  test('a file one byte over the size limit', async ({ page }) => {
    const share = new SharePage(page);
    await share.fill({ ...answers, file: makeFile('notes.txt', e2eMaxUploadBytes + 1) }, { javascript: true });
    await share.submit();
    await expect(page.locator('#file-error')).toContainText('The selected file must be smaller than 5 MB');
    await expect(page.getByLabel('Title')).toHaveValue(answers.title);
    await expect(share.visibilityGroup().getByLabel('Councils', { exact: true })).toBeChecked();
  });
});

test('a site admin chooses the council with the type-ahead, and the choice is kept', async ({ page }) => {
  // Someone on no council's domain (example.org is no council's), made a site admin (see support/roles.ts).
  const email = uniqueAddress('example.org', 'site-admin');
  await signInAs(page, email);
  await makeSiteAdmin(email);

  const share = new SharePage(page);
  await share.open();
  await expect(share.sharingFor()).toHaveCount(0);
  await share.fill(
    { ...answers, title: '', council: 'Leeds City Council', file: corpusFile('015-gds-research-consent-form.pdf') },
    { javascript: true },
  );
  await expect(share.chosenCouncil()).toHaveValue('leeds');
  await share.submit();

  await expect(page.locator('#title-error')).toContainText('Enter a title');
  await expect(share.chosenCouncil()).toHaveValue('leeds');
  await expect(page.getByRole('combobox', { name: 'Council (optional)' })).toHaveValue('Leeds City Council');
  await expect(share.visibilityGroup().getByLabel('Councils', { exact: true })).toBeChecked();
});
