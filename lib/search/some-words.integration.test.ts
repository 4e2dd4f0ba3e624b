import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Actor } from '@/lib/auth/viewer';
import { extractPendingTexts } from '@/lib/jobs/extract-text';
import { createMaterial } from '@/lib/materials/create-material';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { fewResults, searchMaterials } from './index';
import { parseSearchParams } from './search-params';

/**
 * When few materials have every word typed, materials with some of the words are shown too, those with
 * the most words first, and the results say how many had them all. One word no relevant material
 * happens to use ("journey map for bins") should not hide the rest.
 */

const importer: Actor = { kind: 'system', label: 'some words test' };

describe.each(testDrivers)('some of the words, when few have all of them, on %s', (driver) => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    const share = (title: string, body: string, visibility = 'public') =>
      createMaterial(hub.services, {
        actor: importer,
        fields: { title, phases: ['discovery'], artefactType: 'research-plan', kind: 'template', licence: 'OGL-UK-3.0', council: 'bristol', visibility },
        file: { fileName: 'notes.md', stream: Readable.from([Buffer.from(body)]) },
      });
    await share('Wombat survey plan', 'How we will count wombats in the country park.');
    await share('Wombat and badger survey plan', 'Counting wombats and badgers in the country park.');
    await share('Badger sett notes', 'Badgers seen near the allotments.');
    await share('Private wombat notes', 'Wombats and badgers, council eyes only.', 'organisation');
    for (let n = 1; n <= fewResults; n++) await share(`Heron count ${n}`, 'Herons and kingfishers on the river.');
    await extractPendingTexts(hub.services);
  });
  afterAll(async () => hub.close());

  const titles = (results: Awaited<ReturnType<typeof searchMaterials>>) => results.hits.map((hit) => hit.title);

  it('puts the materials with every word first, then those with some, and says how many had them all', async () => {
    const results = await searchMaterials(hub.services, anonymous, parseSearchParams({ q: 'wombat badger' }));
    expect(results.someWords).toEqual({ allWordsTotal: 1 });
    expect(titles(results)[0]).toBe('Wombat and badger survey plan');
    expect(titles(results).slice(1).sort()).toEqual(['Badger sett notes', 'Wombat survey plan']);
    // Still only what the viewer may see.
    expect(titles(results)).not.toContain('Private wombat notes');
    expect(results.total).toBe(3);
  });

  it('finds some of the words when none has them all, never an excluded word', async () => {
    const widened = await searchMaterials(hub.services, anonymous, parseSearchParams({ q: 'wombat zebra' }));
    expect(widened.someWords).toEqual({ allWordsTotal: 0 });
    expect(titles(widened).sort()).toEqual(['Wombat and badger survey plan', 'Wombat survey plan']);
    const excluding = await searchMaterials(hub.services, anonymous, parseSearchParams({ q: 'wombat zebra -badger' }));
    expect(titles(excluding)).toEqual(['Wombat survey plan']);
  });

  it('leaves the results alone when enough have every word, for one word, and when every word is asked for', async () => {
    const enough = await searchMaterials(hub.services, anonymous, parseSearchParams({ q: 'heron kingfishers' }));
    expect(enough.total).toBe(fewResults);
    expect(enough.someWords).toBeNull();
    const oneWord = await searchMaterials(hub.services, anonymous, parseSearchParams({ q: 'zebra' }));
    expect(oneWord).toMatchObject({ total: 0, someWords: null });
    const exact = await searchMaterials(hub.services, anonymous, { ...parseSearchParams({ q: 'wombat zebra' }), matching: 'all' });
    expect(exact).toMatchObject({ total: 0, someWords: null });
  });
});
