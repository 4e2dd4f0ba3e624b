import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Actor } from '@/lib/auth/viewer';
import { extractPendingTexts } from '@/lib/jobs/extract-text';
import { createMaterial } from '@/lib/materials/create-material';
import { PostgresSearchEngine } from '@/lib/search/postgres-search-engine';
import type { SearchQuery } from '@/lib/search/search-engine';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';

/** Where in a long file the passage is taken from (the engine's contract covers the rest). */

const importer: Actor = { kind: 'system', label: 'snippet test' };
const filler = (n: number) => Array.from({ length: n }, (_, i) => `Paragraph ${i} is about something else entirely.`).join('\n\n');

// "notes" appears early on its own; the phrase "anonymised notes" only much later.
const body = ['The guidance notes below will help.', filler(60), 'We will keep anonymised notes for up to two years.', filler(20)].join('\n\n');

const query = (text: string): SearchQuery => ({
  text,
  filters: { phases: [], artefactTypes: [], kinds: [], topics: [], councils: [], licences: [] },
  sort: 'relevance',
  page: 1,
  pageSize: 10,
});

describe.each(testDrivers)('snippets from inside the file on %s', (driver) => {
  let hub: TestHub;
  let engine: PostgresSearchEngine;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    await createMaterial(hub.services, {
      actor: importer,
      fields: { title: 'Consent form', phases: ['discovery'], artefactType: 'consent-form', kind: 'template', licence: 'OGL-UK-3.0' },
      file: { fileName: 'consent.md', stream: Readable.from([Buffer.from(body)]) },
    });
    await extractPendingTexts(hub.services);
    engine = new PostgresSearchEngine(hub.services.db);
  });
  afterAll(async () => hub.close());

  const snippet = async (text: string) => {
    const [hit] = (await engine.search(anonymous, query(text))).hits;
    return hit!.highlights.text;
  };

  it('show where a quoted phrase occurs, not where one of its words first appears', async () => {
    const segments = await snippet('"anonymised notes"');
    expect(segments.filter((s) => s.matched).map((s) => s.text)).toEqual(['anonymised notes']);
    expect(segments.map((s) => s.text).join('')).toContain('for up to two years');
  });

  it('show the first place a word occurs when nothing is quoted', async () => {
    const segments = await snippet('notes');
    expect(segments.map((s) => s.text).join('')).toContain('guidance notes below will help');
  });

  it('prefer the place where words typed together are written together, in any of their forms', async () => {
    const segments = await snippet('anonymise note');
    expect(segments.map((s) => s.text).join('')).toContain('for up to two years');
    expect(segments.filter((s) => s.matched).map((s) => s.text)).toEqual(['anonymised notes']);
  });
});
