import { expect, test } from '@playwright/test';
import { MaterialPage } from './pages/material-page';
import { SearchPage } from './pages/search-page';
import { SharePage, type MaterialAnswers } from './pages/share-page';
import { corpusFile, sha256OfFile } from './support/files';
import { signInAs, uniqueAddress } from './support/sign-in';

// Each run gets words of its own, so the searches find this run's uploads and nothing else.
const run = Date.now().toString(36);

// Sharing needs a member of a council: each document is shared by someone who signs in with an address
// on that council's domain (its homepage's domain in lib/taxonomy/data/local-authorities.csv) and so
// joins it. Both are public, so the searches and downloads afterwards work for anyone.
const documents: { council: string; domain: string; answers: MaterialAnswers; filter: [group: string, option: string] }[] = [
  {
    council: 'Bristol City Council',
    domain: 'bristol.gov.uk',
    answers: {
      title: `Research consent form ${run}`,
      summary: 'Consent form and participant information for recorded interviews with residents.',
      phases: ['Discovery', 'Alpha'],
      type: 'Consent form or participant information sheet',
      kind: 'Template',
      topics: ['Adult social care'],
      tags: 'consent, recordings',
      file: corpusFile('015-gds-research-consent-form.pdf'),
    },
    filter: ['Phase', 'Alpha'],
  },
  {
    council: 'City of Edinburgh Council',
    domain: 'edinburgh.gov.uk',
    answers: {
      title: `Scottish research consent form ${run}`,
      summary: 'A consent form in Word, ready to adapt.',
      phases: ['Discovery'],
      type: 'Consent form or participant information sheet',
      kind: 'Worked example',
      tags: 'consent, word',
      visibility: 'Public',
      file: corpusFile('028-scotgov-research-consent-form.docx'),
    },
    filter: ['Council', 'City of Edinburgh Council'],
  },
];

test.describe('share a document, find it, download exactly what was shared', () => {
  for (const { council, domain, answers, filter } of documents) {
    test(`${answers.file!.split('.').pop()!.toUpperCase()}: ${answers.type}`, async ({ page }) => {
      // Sign in, share, the file's check, publish, search and download: more than the default minute on a busy machine.
      test.setTimeout(120_000);
      await signInAs(page, uniqueAddress(domain, 'sharer'), { returnTo: '/materials/new' });
      const share = new SharePage(page);
      await share.expectShown();
      await expect(share.sharingFor()).toHaveText(`You are sharing this for ${council}.`);
      // Public unless the sharer chooses otherwise.
      await expect(share.visibilityGroup().getByLabel('Public', { exact: true })).toBeChecked();
      await share.fill(answers, { javascript: true });
      await share.submit();
      // A draft until its sharer has seen the check of the file and published it.
      await share.publishAfterCheck();

      const material = new MaterialPage(page);
      await material.expectShown(answers.title);
      await expect(material.detail('Council')).toHaveText(council);
      await expect(material.detail('Who can see it')).toHaveText('Public – anyone can find and download it');
      await expect(material.detail('Licence')).toHaveText('Open Government Licence v3.0');

      // The worker makes the file's preview in the background: pages with their text for the PDF,
      // the document itself, in a region of its own, for the Word file.
      await material.expectPreviewMade();
      if (answers.file!.endsWith('.pdf')) {
        const firstPage = material.preview().getByRole('img', { name: /^Page 1 of \d+$/ });
        await expect(firstPage).toBeVisible();
        // Drawn: the picture came through its route with the viewer's session.
        expect(await firstPage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
        await material.preview().getByText('Text of page 1').click();
        await expect(material.preview().locator('.govuk-details__text').first()).toContainText(/consent/i);
      } else {
        await expect(page.getByRole('region', { name: `Preview of ${answers.title}` })).toContainText(/consent/i);
      }

      const search = new SearchPage(page);
      await search.open('/search');
      await search.searchFor(`consent ${run}`);
      await search.filterBy(...filter);
      await expect(page).toHaveURL(/[?&](phase|council)=/);
      await search.expectResult(answers.title);
      // The matched words are highlighted in the title.
      await expect(search.results().locator('mark', { hasText: run }).first()).toBeVisible();
      await search.openResult(answers.title);

      await material.expectShown(answers.title);
      const downloaded = await material.download();
      expect(downloaded.sha256).toBe(sha256OfFile(answers.file!));
      expect(downloaded.fileName).toBe(answers.file!.split('/').pop());
    });
  }

  test('on S3 the download is a short-lived signed link that fixes the type and the attachment', async ({ page, request }) => {
    const search = new SearchPage(page);
    await search.open(`/search?q=${encodeURIComponent(`consent ${run}`)}`);
    const href = await search.results().getByRole('link').first().getAttribute('href');

    const redirect = await request.get(`${href}/download`, { maxRedirects: 0 });
    expect(redirect.status()).toBe(303);
    expect(redirect.headers()['cache-control']).toBe('no-store');
    const signed = new URL(redirect.headers()['location']!);
    expect(signed.searchParams.get('X-Amz-Expires')).toBe('60');
    expect(signed.searchParams.get('response-content-disposition')).toMatch(/^attachment; filename=/);

    const file = await request.get(signed.toString());
    expect(file.status()).toBe(200);
    expect(file.headers()['content-disposition']).toMatch(/^attachment; filename=/);
    expect(['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']).toContain(
      file.headers()['content-type'],
    );
  });

  test('a search that finds nothing helps the person try again', async ({ page }) => {
    const search = new SearchPage(page);
    // One quoted phrase: words typed apart would also find materials with some of them (this run's
    // materials all carry its marker).
    await search.open(`/search?q=${encodeURIComponent(`"zebra crossing ${run}"`)}`);
    await expect(page.getByRole('heading', { name: 'No materials found' })).toBeVisible();
  });
});
