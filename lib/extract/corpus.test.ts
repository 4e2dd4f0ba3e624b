import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testSettings } from '@/lib/testing/settings';
import { extractText } from './index';

/**
 * Every binary document of the shared corpus gives the text it should: phrases found by opening each
 * file (pdftotext, or the XML inside), and the page, slide or sheet count where the file knows it.
 * The Markdown files are all read too. Nothing here depends on the database.
 */

const corpus = testSettings.corpusDir;

interface Expectation {
  file: string;
  phrases: string[];
  pageCount?: number;
  slideCount?: number;
  sheetCount?: number;
}

const expectations: Expectation[] = [
  // PDF: page counts as pdfinfo gives them.
  {
    file: '014-gds-bis-expert-interviews-discussion-guide.pdf',
    phrases: ['Gov.uk Business Scenarios – User testing with BIS experts', 'This document outlines how we plan to run 6 x 45-minute user sessions'],
    pageCount: 9,
  },
  {
    file: '015-gds-research-consent-form.pdf',
    phrases: ['CONSENT FORM', 'The Government Digital Service is conducting research about how people access services'],
    pageCount: 1,
  },
  {
    file: '016-gds-ida-example-research-brief.pdf',
    phrases: ['Identity Assurance - sample for iterative user testing', 'Date: January 2013'],
    pageCount: 5,
  },
  {
    file: '017-gds-ida-qualitative-research-brief.pdf',
    phrases: ['Identity Assurance Research Brief', 'GDS Customer Insight and Usability'],
    pageCount: 7,
  },
  {
    file: '018-gds-govuk-visitor-survey.pdf',
    phrases: ['1. What is your age?', 'Can you please tell us your reason for visiting GOV.UK today.', '65 or more years'],
    pageCount: 7,
  },
  {
    // Its fonts map the "ti" ligature to "4" (pdftotext reads "Tes4ng" too); the plain words are fine.
    file: '019-gds-inside-government-testing-report.pdf',
    phrases: ['Inside Government Content and Layout Tes4ng', 'Nick Breeze and Angela Collins', 'All tasks were tested via respondents on an online panel.'],
    pageCount: 40,
  },
  {
    file: '021-gds-assisted-digital-info-template.pdf',
    phrases: ['Assisted digital information template', 'This template is for service managers seeking assessment against the Service Standard.'],
    pageCount: 3,
  },
  {
    file: '023-hertfordshire-free-school-meals-case-study.pdf',
    phrases: ['Hertfordshire County Council (HCC)', 'Free school meals and other related benefits can be claimed by parents'],
    pageCount: 2,
  },
  {
    file: '024-hertfordshire-school-admissions-case-study.pdf',
    phrases: ['Getting People Online For First Time', 'The Online School Admissions service is used by parents or carers'],
    pageCount: 2,
  },
  {
    file: '025-chelmsford-senior-railcard-case-study.pdf',
    phrases: ['Senior Railcard Renewals', '40% of applications are being made online'],
    pageCount: 2,
  },
  {
    file: '026-chelmsford-parking-permits-case-study.pdf',
    phrases: ['Parking Permits and Visitor Tickets are required in certain zoned', 'Communicate Effectively'],
    pageCount: 2,
  },
  {
    file: '029-scotgov-research-ethics-plan.pdf',
    phrases: ['Ethics process and plan', 'Ethics best practice when working with citizens and research participants'],
    pageCount: 11,
  },
  {
    file: '030-scotgov-collaborative-sensemaking.pdf',
    phrases: ['Collaborative sensemaking', 'A guide to sensemaking for facilitators leading workshops'],
    pageCount: 2,
  },
  {
    file: '032-scotgov-participant-inclusion-form.pdf',
    phrases: ['How can we help you take part?', 'A hearing (induction) loop'],
    pageCount: 1,
  },
  {
    file: '033-scotgov-venue-accessibility-checklist.pdf',
    phrases: ['Venue Access Checklist', 'Is the venue aware of Disability Discrimination Act', 'Accessible parking available close to venue (within 50 m)'],
    pageCount: 4,
  },
  // DOCX: page counts as the authoring application recorded them (docProps/app.xml), where it did.
  {
    file: '027-gds-user-researcher-job-description.docx',
    phrases: ['User Researcher', 'User Researchers are key figures in service teams', 'The main responsibilities of the post are:'],
  },
  {
    file: '028-scotgov-research-consent-form.docx',
    phrases: ['Informed consent form', 'Your participation in this study is voluntary.', 'You may take a break at any time.'],
    pageCount: 1,
  },
  {
    file: '034-scotgov-discovery-assessment-prompts.docx',
    phrases: ['Discovery Stage Assessment Prompts and Evidence', 'Sponsor acceptance - Test the service from beginning to end with the minister responsible for it.', 'Version 9'],
    pageCount: 27,
  },
  {
    file: '035-scotgov-assessment-report-template.docx',
    phrases: ['Assessment report template', 'Dear [insert name of service manager],', 'Standard 5: Continuous feedback [Met / Not Met]'],
    pageCount: 3,
  },
  {
    file: '036-scotgov-example-assessment-report.docx',
    phrases: ['Check Your State Pension - Beta Assessment', 'The Check Your State Pension service allows users to obtain an estimate of their state pension'],
    pageCount: 5,
  },
  {
    file: '098-cps-witness-expenses-alpha-assessment-report.docx',
    phrases: ['Claim WitEx Alpha assessment report', 'Claim Witness Expenses', 'SECTION AT CPS (Crown Prosecution Service, CPS)'],
    pageCount: 11,
  },
  // ODF: ODT's page count from meta.xml; ODS's sheets are its table:table elements.
  {
    file: '020-gds-assisted-digital-personas.odt',
    phrases: ['Gwen was diagnosed with Alzheimer’s disease 5 years ago', 'I don’t want to leave my house, it’s the only place I feel safe', 'Digital inclusion scale'],
    pageCount: 8,
  },
  {
    file: '022-gds-alpha-assessment-prompts.ods',
    phrases: ['Understand user needs. Research to develop a deep knowledge of who the service users are', 'Additional Guidance'],
    sheetCount: 18,
  },
  // PPTX: 29 slides in <p:sldIdLst>.
  {
    file: '097-cps-agouls-beta-assessment-deck.pptx',
    phrases: ['AGO Unduly Lenient Sentencing Application – Beta Assessment Presentation', 'Agenda', 'Labour intensive and time-consuming process'],
    slideCount: 29,
  },
];

function read(file: string): Buffer {
  return fs.readFileSync(path.join(corpus, file));
}

function formatOf(file: string): string {
  return path.extname(file).slice(1);
}

/** Whitespace differences (line breaks inside a sentence) are not what these tests are about. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

describe('extracting text from the corpus', () => {
  it('covers every binary document of the corpus', () => {
    const binaries = fs.readdirSync(corpus).filter((f) => /\.(pdf|docx|odt|ods|pptx)$/.test(f));
    expect(binaries.sort()).toEqual([...expectations.map((e) => e.file), '031-scotgov-problem-vs-need.pdf'].sort());
    expect(binaries.filter((f) => f.endsWith('.pdf'))).toHaveLength(16);
    expect(binaries.filter((f) => f.endsWith('.docx'))).toHaveLength(6);
  });

  for (const expectation of expectations) {
    it(`reads ${expectation.file}`, async () => {
      const body = read(expectation.file);
      const result = await extractText({ format: formatOf(expectation.file), body, sizeBytes: body.length });
      expect(result.status).toBe('done');
      if (result.status !== 'done') return;
      expect(result.truncated).toBe(false);
      for (const phrase of expectation.phrases) expect(flat(result.text)).toContain(phrase);
      expect(result.pageCount).toBe(expectation.pageCount);
      expect(result.slideCount).toBe(expectation.slideCount);
      expect(result.sheetCount).toBe(expectation.sheetCount);
      // Normalised: no runs of spaces, no blank lines beyond one, no control characters.
      expect(result.text).not.toMatch(/ {2,}|\n{3,}|[\u0000-\u0008\u000B-\u001F]/);
      expect(result.text).toBe(result.text.trim());
    });
  }

  it('reads the mostly-graphic 031-scotgov-problem-vs-need.pdf as the few labels it has', async () => {
    const body = read('031-scotgov-problem-vs-need.pdf');
    const result = await extractText({ format: 'pdf', body, sizeBytes: body.length });
    // Four pages of diagrams whose only text is their labels: pdftotext finds 32 words, all of them
    // NEED, PROBLEM and ORG A–D. That is what comes out here too, rather than "no text".
    expect(result.status).toBe('done');
    if (result.status !== 'done') return;
    expect(result.pageCount).toBe(4);
    const words = result.text.split(/\s+/).filter(Boolean);
    expect(words.length).toBeLessThan(60);
    expect(new Set(result.text.match(/[A-Za-z]+/g))).toEqual(new Set(['NEED', 'PROBLEM', 'ORG', 'A', 'B', 'C', 'D']));
  });

  it('reads every Markdown file, keeping the words and dropping link URLs and markup', async () => {
    const markdown = fs.readdirSync(corpus).filter((f) => /^\d{3}-.*\.md$/.test(f));
    expect(markdown).toHaveLength(64);
    for (const file of markdown) {
      const body = read(file);
      const result = await extractText({ format: 'md', body, sizeBytes: body.length });
      expect(result.status, file).toBe('done');
      if (result.status !== 'done') continue;
      expect(result.text, file).not.toMatch(/\]\(https?:|^#{1,6} |\*\*|<\/?(p|div|a|br)\b/m);
    }
    const newham = await extractText({ format: 'md', body: read('082-newham-discovery-show-and-tell-05.md'), sizeBytes: 1 });
    expect(newham.status).toBe('done');
    if (newham.status !== 'done') return;
    // Link words kept, link URL gone; front matter title kept, its keys and image URL gone.
    expect(newham.text).toContain('10-week Digital Customer Programme Discovery Phase with Newham Council.');
    expect(newham.text).toContain('Digital Customer Programme Discovery Phase: Show & Tell #5 with Newham Council');
    expect(newham.text).not.toContain('unboxed-web-image-uploader');
    expect(newham.text).not.toContain('main_image');
  });

  it('reads the whole corpus in well under a minute', async () => {
    const files = fs.readdirSync(corpus).filter((f) => /^\d{3}-.*\.(pdf|docx|odt|ods|pptx|md)$/.test(f));
    expect(files).toHaveLength(89);
    const timings: Record<string, number> = {};
    const started = performance.now();
    for (const file of files) {
      const body = read(file);
      const start = performance.now();
      const result = await extractText({ format: formatOf(file), body, sizeBytes: body.length });
      timings[formatOf(file)] = (timings[formatOf(file)] ?? 0) + (performance.now() - start);
      expect(result.status, file).toBe('done');
    }
    const total = performance.now() - started;
    console.info(
      `Extracted ${files.length} corpus files in ${Math.round(total)} ms (${Object.entries(timings)
        .map(([format, ms]) => `${format} ${Math.round(ms)} ms`)
        .join(', ')})`,
    );
    expect(total).toBeLessThan(60_000);
  });
});
