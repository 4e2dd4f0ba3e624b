import { anonymous } from '@/lib/auth/viewer';
import { randomUUID } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db/client';
import { materials, materialVersions, organisations } from '@/lib/db/schema';
import { createTestDatabase, testDrivers } from '@/lib/testing/databases';
import { syncVocabularies } from '@/lib/taxonomy/sync-vocabularies';
import { PostgresSearchEngine } from './postgres-search-engine';
import type { SearchFilters, SearchQuery, EngineResults } from './search-engine';

const hostileTitle = '<img src=x onerror=alert(1)>';

const longSummary =
  'This set of personas was written after twelve weeks of research with residents across the district. ' +
  'Each persona describes what people need from the bin collection service, what gets in their way and how they feel. ' +
  'One of them, nicknamed the quokka household, shares bins across three flats and misses collections. ' +
  'The personas were tested with front-line staff and revised twice before the team used them in alpha to prioritise work.';

interface Fixture {
  key: string;
  title: string;
  summary: string;
  phases: string[];
  artefactType: string;
  kind: string;
  topics: string[];
  tags: string[];
  licence: string;
  council: string | null;
  createdAt: string;
  status?: string;
  visibility?: string;
  versions?: { fileName: string; format: string; sizeBytes: number }[];
}

const fixtures: Fixture[] = [
  {
    key: 'wombat-plan',
    title: 'Wombat research plan',
    summary: 'A plan for interviews with residents about council tax support.',
    phases: ['discovery'],
    artefactType: 'research-plan',
    kind: 'template',
    topics: ['council-tax'],
    tags: ['interviews'],
    licence: 'OGL-UK-3.0',
    council: 'aberdeen',
    createdAt: '2024-01-01T09:00:00Z',
    versions: [
      { fileName: 'plan-v1.docx', format: 'docx', sizeBytes: 1000 },
      { fileName: 'plan-v2.pdf', format: 'pdf', sizeBytes: 2048 },
    ],
  },
  {
    key: 'homelessness-guide',
    title: 'Discussion guide for homelessness interviews',
    summary: 'Prompts for talking with people about where they live, including the wombat question.',
    phases: ['discovery', 'alpha'],
    artefactType: 'discussion-guide',
    kind: 'template',
    topics: ['housing'],
    tags: ['interviews'],
    licence: 'CC-BY-4.0',
    council: 'adur',
    createdAt: '2024-02-01T09:00:00Z',
  },
  {
    key: 'consent-form',
    title: 'Consent form',
    summary: 'Tax records and council archives are not covered by this form.',
    phases: ['alpha', 'beta'],
    artefactType: 'consent-form',
    kind: 'example',
    topics: ['parking'],
    tags: ['zebracrossing'],
    licence: 'OGL-UK-3.0',
    council: null,
    createdAt: '2024-03-01T09:00:00Z',
  },
  {
    key: 'personas',
    title: 'Personas for bin collections',
    summary: longSummary,
    phases: ['beta'],
    artefactType: 'persona',
    kind: 'example',
    topics: ['waste-recycling'],
    tags: [],
    licence: 'OGL-UK-3.0',
    council: 'amber-valley',
    createdAt: '2024-04-01T09:00:00Z',
  },
  {
    key: 'hostile',
    title: hostileTitle,
    summary: 'A hostile title that must be shown as text.',
    phases: ['live'],
    artefactType: 'other',
    kind: 'guidance',
    topics: [],
    tags: [],
    licence: 'OGL-UK-3.0',
    council: null,
    createdAt: '2024-05-01T09:00:00Z',
  },
  {
    key: 'withdrawn',
    title: 'Withdrawn wombat research plan',
    summary: 'Council tax wombat interviews, withdrawn.',
    phases: ['retirement'],
    artefactType: 'research-plan',
    kind: 'template',
    topics: ['council-tax'],
    tags: ['interviews', 'zebracrossing'],
    licence: 'OGL-UK-3.0',
    council: 'aberdeen',
    createdAt: '2024-06-01T09:00:00Z',
    status: 'withdrawn',
  },
  {
    key: 'private',
    title: 'Private wombat research plan',
    summary: 'Council tax wombat interviews, for one organisation only.',
    phases: ['retirement'],
    artefactType: 'research-plan',
    kind: 'template',
    topics: ['council-tax'],
    tags: ['interviews', 'zebracrossing'],
    licence: 'CC0-1.0',
    council: 'adur',
    createdAt: '2024-07-01T09:00:00Z',
    visibility: 'organisation',
  },
];

const visibleKeys = ['wombat-plan', 'homelessness-guide', 'consent-form', 'personas', 'hostile'];

function noFilters(): SearchFilters {
  return { phases: [], artefactTypes: [], kinds: [], topics: [], councils: [], licences: [] };
}

function query(overrides: Partial<Omit<SearchQuery, 'filters'>> & { filters?: Partial<SearchFilters> } = {}): SearchQuery {
  const text = overrides.text ?? '';
  return {
    text,
    sort: overrides.sort ?? (text ? 'relevance' : 'newest'),
    page: overrides.page ?? 1,
    pageSize: overrides.pageSize ?? 20,
    filters: { ...noFilters(), ...overrides.filters },
  };
}

async function insertFixtures(db: Database): Promise<Map<string, string>> {
  const orgs = await db
    .select({ id: organisations.id, slug: organisations.slug })
    .from(organisations)
    .where(inArray(organisations.slug, ['aberdeen', 'adur', 'amber-valley']));
  const orgId = new Map(orgs.map((o) => [o.slug, o.id]));
  const ids = new Map<string, string>();
  for (const f of fixtures) {
    const [row] = await db
      .insert(materials)
      .values({
        title: f.title,
        summary: f.summary,
        phases: f.phases,
        artefactType: f.artefactType,
        kind: f.kind,
        topics: f.topics,
        tags: f.tags,
        licence: f.licence,
        organisationId: f.council ? orgId.get(f.council)! : null,
        status: f.status ?? 'published',
        visibility: f.visibility ?? 'public',
        createdAt: new Date(f.createdAt),
      })
      .returning({ id: materials.id });
    const versions = f.versions ?? [{ fileName: `${f.key}.md`, format: 'md', sizeBytes: 512 }];
    await db.insert(materialVersions).values(
      versions.map((v, index) => ({
        materialId: row!.id,
        versionNumber: index + 1,
        fileName: v.fileName,
        format: v.format,
        contentType: 'application/octet-stream',
        sizeBytes: v.sizeBytes,
        sha256: randomUUID().replace(/-/g, ''),
        storageKey: `test/${randomUUID()}`,
      })),
    );
    ids.set(f.key, row!.id);
  }
  return ids;
}

describe.each(testDrivers)('Postgres search engine on %s', (driver) => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let engine: PostgresSearchEngine;
  let ids: Map<string, string>;
  let keyOf: Map<string, string>;

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await syncVocabularies(handle.db);
    ids = await insertFixtures(handle.db);
    keyOf = new Map([...ids].map(([key, id]) => [id, key]));
    engine = new PostgresSearchEngine(handle.db);
  });

  afterAll(async () => {
    await handle?.close();
  });

  const keys = (results: EngineResults) => results.hits.map((hit) => keyOf.get(hit.id));
  const search = (overrides: Parameters<typeof query>[0]) => engine.search(anonymous, query(overrides));

  describe('words', () => {
    it('match the title', async () => {
      expect(keys(await search({ text: 'homelessness' }))).toEqual(['homelessness-guide']);
    });

    it('match the summary', async () => {
      expect(keys(await search({ text: 'quokka' }))).toEqual(['personas']);
    });

    it('match tags', async () => {
      expect(keys(await search({ text: 'zebracrossing' }))).toEqual(['consent-form']);
    });

    it('match topic labels', async () => {
      // "Parking" is only the label of the consent form's topic.
      expect(keys(await search({ text: 'parking' }))).toEqual(['consent-form']);
    });

    it('match the council name', async () => {
      expect(keys(await search({ text: 'Adur' }))).toEqual(['homelessness-guide']);
    });

    it('find stemmed forms', async () => {
      expect(keys(await search({ text: 'interview' })).sort()).toEqual(['homelessness-guide', 'wombat-plan']);
    });

    it('rank a title match above a summary-only match, even when the summary match is newer', async () => {
      const results = await search({ text: 'wombat' });
      expect(keys(results)).toEqual(['wombat-plan', 'homelessness-guide']);
      expect(results.total).toBe(2);
    });

    it('sort by newest when asked, words or not', async () => {
      expect(keys(await search({ text: 'wombat', sort: 'newest' }))).toEqual(['homelessness-guide', 'wombat-plan']);
      expect(keys(await search({ sort: 'newest' }))).toEqual([...visibleKeys].reverse());
      // Relevance with no words falls back to newest.
      expect(keys(await search({ sort: 'relevance' }))).toEqual([...visibleKeys].reverse());
    });

    it('match a quoted phrase only where the words are next to each other', async () => {
      expect(keys(await search({ text: 'council tax' })).sort()).toEqual(['consent-form', 'wombat-plan']);
      expect(keys(await search({ text: '"council tax"' }))).toEqual(['wombat-plan']);
    });

    it('leave out words after a minus sign', async () => {
      expect(keys(await search({ text: 'interviews -homelessness' }))).toEqual(['wombat-plan']);
    });

    it('find nothing, calmly, when nothing matches', async () => {
      const results = await search({ text: 'xylophone' });
      expect(results.total).toBe(0);
      expect(results.hits).toEqual([]);
      expect(results.page).toBe(1);
      for (const values of Object.values(results.facets)) expect(values).toEqual([]);
    });
  });

  describe('typos', () => {
    it('forgive one slip in a word of 5–8 letters and two from 9', async () => {
      expect(keys(await search({ text: 'wombta' }))).toEqual(['wombat-plan', 'homelessness-guide']);
      expect(keys(await search({ text: 'quoka' }))).toEqual(['personas']);
      expect(keys(await search({ text: 'homelesnes' }))).toEqual(['homelessness-guide']);
    });

    it('say which words were corrected, and to what', async () => {
      expect((await search({ text: 'homelesnes guide' })).corrections).toEqual([{ typed: 'homelesnes', closeMatches: ['homelessness'] }]);
      expect((await search({ text: 'homelessness guide' })).corrections).toEqual([]);
    });

    it('leave short words, quoted words and known words alone', async () => {
      expect((await search({ text: 'plna' })).total).toBe(0);
      expect((await search({ text: '"wombta"' })).total).toBe(0);
      // "interviewing" is not in the dictionary as typed, but its stem finds materials: not a typo.
      expect(keys(await search({ text: 'interviewing' })).sort()).toEqual(['homelessness-guide', 'wombat-plan']);
    });

    it('never reach materials the viewer may not see', async () => {
      // "withdrawn" is a word of the withdrawn material only.
      expect((await search({ text: 'withdrwn' })).total).toBe(0);
    });
  });

  describe('visibility', () => {
    it('never shows withdrawn or non-public materials, nor counts them', async () => {
      const browse = await search({});
      expect(browse.total).toBe(visibleKeys.length);
      expect(keys(browse).sort()).toEqual([...visibleKeys].sort());
      // Both hidden rows are the only ones in the retirement phase and with CC0.
      expect(browse.facets.phases.map((f) => f.value)).not.toContain('retirement');
      expect(browse.facets.licences.map((f) => f.value)).not.toContain('CC0-1.0');
      expect(browse.facets.topics.find((f) => f.value === 'council-tax')?.count).toBe(1);
      expect(browse.facets.councils.find((f) => f.value === 'aberdeen')?.count).toBe(1);
      // Their words find nothing extra either.
      expect(keys(await search({ text: 'withdrawn' }))).toEqual([]);
      expect(keys(await search({ text: 'private organisation' }))).toEqual([]);
      expect((await search({ filters: { phases: ['retirement'] } })).total).toBe(0);
    });
  });

  describe('filters', () => {
    it('narrow to any of the values chosen within one facet', async () => {
      expect(keys(await search({ filters: { phases: ['alpha'] } })).sort()).toEqual(['consent-form', 'homelessness-guide']);
      expect(keys(await search({ filters: { phases: ['alpha', 'beta'] } })).sort()).toEqual([
        'consent-form',
        'homelessness-guide',
        'personas',
      ]);
      expect(keys(await search({ filters: { artefactTypes: ['persona', 'consent-form'] } })).sort()).toEqual([
        'consent-form',
        'personas',
      ]);
      expect(keys(await search({ filters: { councils: ['adur', 'aberdeen'] } })).sort()).toEqual([
        'homelessness-guide',
        'wombat-plan',
      ]);
      expect(keys(await search({ filters: { topics: ['housing', 'parking'] } })).sort()).toEqual([
        'consent-form',
        'homelessness-guide',
      ]);
    });

    it('narrow to all of the facets chosen', async () => {
      expect(keys(await search({ filters: { phases: ['discovery'], artefactTypes: ['discussion-guide'] } }))).toEqual([
        'homelessness-guide',
      ]);
      expect(keys(await search({ filters: { kinds: ['example'], licences: ['OGL-UK-3.0'] } })).sort()).toEqual([
        'consent-form',
        'personas',
      ]);
      expect(keys(await search({ filters: { phases: ['beta'], councils: ['adur'] } }))).toEqual([]);
    });

    it('combine with words', async () => {
      expect(keys(await search({ text: 'interviews', filters: { phases: ['alpha'] } }))).toEqual(['homelessness-guide']);
    });
  });

  describe('facets', () => {
    it('count each facet with every filter except its own', async () => {
      const results = await search({ filters: { phases: ['alpha'] } });
      expect(results.total).toBe(2);
      // The phase facet ignores the phase filter, so people can widen it; phases in service order.
      expect(results.facets.phases).toEqual([
        { value: 'discovery', label: 'Discovery', count: 2, selected: false },
        { value: 'alpha', label: 'Alpha', count: 2, selected: true },
        { value: 'beta', label: 'Beta', count: 2, selected: false },
        { value: 'live', label: 'Live', count: 1, selected: false },
      ]);
      // Other facets are counted within the phase filter.
      expect(results.facets.artefactTypes.map((f) => [f.value, f.count])).toEqual([
        ['consent-form', 1],
        ['discussion-guide', 1],
      ]);
      // Equal counts sort by label: "Template" before "Worked example".
      expect(results.facets.kinds.map((f) => [f.value, f.count])).toEqual([
        ['template', 1],
        ['example', 1],
      ]);
      expect(results.facets.councils).toEqual([{ value: 'adur', label: 'Adur District Council', count: 1, selected: false }]);
      expect(results.facets.licences.map((f) => [f.value, f.count])).toEqual([
        ['CC-BY-4.0', 1],
        ['OGL-UK-3.0', 1],
      ]);
      expect(results.facets.topics.map((f) => [f.label, f.count])).toEqual([
        ['Housing and homelessness', 1],
        ['Parking', 1],
      ]);
    });

    it('count across two selected facets, each without its own filter', async () => {
      const results = await search({ filters: { phases: ['alpha'], kinds: ['example'] } });
      expect(keys(results)).toEqual(['consent-form']);
      // phases: counted with kind=example only → consent-form (alpha, beta) and personas (beta), in service order.
      expect(results.facets.phases.map((f) => [f.value, f.count, f.selected])).toEqual([
        ['alpha', 1, true],
        ['beta', 2, false],
      ]);
      // kinds: counted with phase=alpha only → homelessness-guide (template), consent-form (example).
      expect(results.facets.kinds.map((f) => [f.value, f.count, f.selected])).toEqual([
        ['template', 1, false],
        ['example', 1, true],
      ]);
    });

    it('count only what the words found', async () => {
      const results = await search({ text: 'wombat' });
      expect(results.facets.phases.map((f) => [f.value, f.count])).toEqual([
        ['discovery', 2],
        ['alpha', 1],
      ]);
      expect(results.facets.councils.map((f) => [f.label, f.count])).toEqual([
        ['Aberdeen City Council', 1],
        ['Adur District Council', 1],
      ]);
    });

    it('keep a selected value that has no matches, at zero', async () => {
      const results = await search({ filters: { phases: ['alpha'], councils: ['amber-valley'] } });
      expect(results.total).toBe(0);
      expect(results.facets.councils).toEqual([
        { value: 'adur', label: 'Adur District Council', count: 1, selected: false },
        { value: 'amber-valley', label: 'Amber Valley Borough Council', count: 0, selected: true },
      ]);
      const retired = await search({ filters: { phases: ['retirement'] } });
      expect(retired.facets.phases.find((f) => f.value === 'retirement')).toEqual({
        value: 'retirement',
        label: 'Retirement',
        count: 0,
        selected: true,
      });
    });
  });

  describe('pages', () => {
    it('split the results and report the total', async () => {
      const second = await search({ pageSize: 2, page: 2 });
      expect(second.total).toBe(5);
      expect(second.page).toBe(2);
      expect(second.pageSize).toBe(2);
      expect(keys(second)).toEqual(['consent-form', 'homelessness-guide']);
      expect(keys(await search({ pageSize: 2, page: 3 }))).toEqual(['wombat-plan']);
    });

    it('bring a page past the end back to the last page, and cap the page size', async () => {
      const far = await search({ pageSize: 2, page: 99 });
      expect(far.page).toBe(3);
      expect(keys(far)).toEqual(['wombat-plan']);
      const huge = await search({ pageSize: 10_000 });
      expect(huge.pageSize).toBe(50);
      expect((await search({ page: 0, pageSize: 0 })).page).toBe(1);
    });
  });

  describe('hits', () => {
    it('carry what the results page shows and no internal columns', async () => {
      const [hit] = (await search({ text: 'wombat' })).hits;
      expect(hit).toEqual({
        id: ids.get('wombat-plan'),
        title: 'Wombat research plan',
        summary: 'A plan for interviews with residents about council tax support.',
        phases: ['discovery'],
        artefactType: 'research-plan',
        kind: 'template',
        topics: ['council-tax'],
        tags: ['interviews'],
        licence: 'OGL-UK-3.0',
        council: { slug: 'aberdeen', name: 'Aberdeen City Council' },
        // The latest version's file.
        format: 'pdf',
        fileName: 'plan-v2.pdf',
        sizeBytes: 2048,
        createdAt: '2024-01-01T09:00:00.000Z',
        highlights: {
          title: [
            { text: 'Wombat', matched: true },
            { text: ' research plan', matched: false },
          ],
          summary: [{ text: 'A plan for interviews with residents about council tax support.', matched: false }],
          text: [],
        },
      });
      expect(JSON.stringify(hit)).not.toMatch(/storage|sha256|test\//);
    });

    it('mark every matched word in title and summary', async () => {
      const [hit] = (await search({ text: 'council tax interviews' })).hits;
      expect(hit?.highlights.summary.filter((s) => s.matched).map((s) => s.text)).toEqual(['interviews', 'council tax']);
    });

    it('show the part of a long summary that matched', async () => {
      const [hit] = (await search({ text: 'quokka' })).hits;
      const summary = hit!.highlights.summary;
      const shown = summary.map((s) => s.text).join('');
      expect(summary.filter((s) => s.matched)).toEqual([{ text: 'quokka', matched: true }]);
      expect(shown.length).toBeLessThan(longSummary.length);
      expect(shown.startsWith('… ')).toBe(true);
      expect(shown.endsWith(' …')).toBe(true);
    });

    it('give plain segments, without highlights, when browsing', async () => {
      const results = await search({});
      for (const hit of results.hits) {
        expect(hit.highlights.title).toEqual([{ text: hit.title, matched: false }]);
      }
    });

    it('return a hostile title as plain text segments', async () => {
      for (const text of ['hostile', '']) {
        const results = await search({ text });
        const hit = results.hits.find((h) => keyOf.get(h.id) === 'hostile');
        expect(hit?.title).toBe(hostileTitle);
        expect(hit?.highlights.title.map((s) => s.text).join('')).toBe(hostileTitle);
        for (const segment of hit!.highlights.title) expect(Object.keys(segment).sort()).toEqual(['matched', 'text']);
      }
      const [hit] = (await search({ text: 'hostile' })).hits;
      expect(hit?.highlights.summary).toContainEqual({ text: 'hostile', matched: true });
    });
  });

  describe('hostile input', () => {
    const hostileQueries = [
      'x" OR visibility = "public',
      "'; DROP TABLE materials; --",
      'wombat\\',
      '\\',
      '!!!&&|',
      '"unclosed phrase',
      '-',
      '<script>alert(1)</script>',
      'a:* | !b & (c',
      'x\u0000y',
      'the and of',
    ];

    it.each(hostileQueries)('%j returns normally and adds no hits', async (text) => {
      for (const sort of ['relevance', 'newest'] as const) {
        const results = await search({ text, sort });
        for (const key of keys(results)) expect(['wombat-plan', 'homelessness-guide']).toContain(key);
        expect(results.total).toBe(results.hits.length);
      }
    });

    it('finds only the real matches around a trailing backslash', async () => {
      expect(keys(await search({ text: 'wombat\\' }))).toEqual(['wombat-plan', 'homelessness-guide']);
    });

    it('treats hostile filter values as values that match nothing', async () => {
      for (const value of ['x" OR visibility = "public', "x' OR 1=1 --", '\\', "') OR true --", 'a\u0000b']) {
        for (const facet of ['phases', 'artefactTypes', 'kinds', 'topics', 'councils', 'licences'] as const) {
          const results = await search({ filters: { [facet]: [value] } });
          expect(results.total).toBe(0);
          expect(results.hits).toEqual([]);
        }
      }
    });

    it('leaves the tables as they were', async () => {
      const rows = (await handle.db.execute(sql`SELECT count(*)::int AS count FROM materials`)) as unknown as {
        rows: { count: number }[];
      };
      expect(rows.rows[0]?.count).toBe(fixtures.length);
    });
  });
});

