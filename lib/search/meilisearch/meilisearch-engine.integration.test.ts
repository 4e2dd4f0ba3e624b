// The Meilisearch engine's own logic, with a stand-in client: mock because no Meilisearch server can
// run on this machine. The stand-in answers with what Meilisearch would; the database is real (the
// engine re-checks hits and looks up council names in it). What a real server finds is for the
// contract suite (meilisearch.contract.test.ts, with MEILI_HOST).
import { randomUUID } from 'node:crypto';
import type { MultiSearchQuery, MultiSearchResult } from 'meilisearch';
import { MeilisearchRequestError } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Viewer } from '@/lib/auth/viewer';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { emptySearchQuery } from '../search-params';
import type { SearchQuery } from '../search-engine';
import { visibilityFilter } from './filters';
import { buildSearchRequest, highlighted, toSearchHit } from './material-request';
import { MeilisearchSearchEngine } from './meilisearch-engine';
import { StandInGateway } from './testing/stand-in-gateway';
import { insertMaterial, memberOf, organisation } from './testing/test-materials';

const query = (overrides: Partial<SearchQuery> = {}): SearchQuery => ({
  ...emptySearchQuery(),
  ...overrides,
  filters: { ...emptySearchQuery().filters, ...overrides.filters },
});

type Result = MultiSearchResult<Record<string, unknown>>;

function response(q: MultiSearchQuery, hits: Record<string, unknown>[], totalHits: number, facetDistribution: Record<string, Record<string, number>> = {}): Result {
  const hitsPerPage = q.hitsPerPage ?? q.limit ?? 20;
  return {
    indexUid: q.indexUid,
    query: q.q ?? '',
    processingTimeMs: 1,
    hits,
    totalHits,
    hitsPerPage,
    page: q.page ?? 1,
    totalPages: hitsPerPage ? Math.ceil(totalHits / hitsPerPage) : 0,
    facetDistribution,
  };
}

describe('the multi-search request', () => {
  const member = memberOf({ id: randomUUID(), slug: 'bristol', name: 'Bristol City Council' });

  it('is one query when nothing is selected, with every facet counted and the viewer filter first', () => {
    const request = buildSearchRequest('materials', member, query({ text: 'journey map', sort: 'relevance', page: 2, pageSize: 10 }));
    expect(request.queries).toHaveLength(1);
    expect(request.queries[0]).toMatchObject({
      indexUid: 'materials',
      q: 'journey map',
      filter: [visibilityFilter(member)],
      facets: ['phases', 'artefactType', 'kind', 'topics', 'councilSlug', 'licence'],
      page: 2,
      hitsPerPage: 10,
      matchingStrategy: 'all',
      attributesToHighlight: ['title', 'summary', 'text'],
      attributesToCrop: ['summary:40', 'text:30'],
      highlightPreTag: '\u0002',
      highlightPostTag: '\u0003',
    });
    expect(request.queries[0]!.sort).toBeUndefined();
    expect(request.queries[0]!.attributesToRetrieve).not.toContain('text');
  });

  it('sorts "most used" and "most downloaded" newest first: those counts are not in its documents', () => {
    for (const sort of ['most-used', 'most-downloaded'] as const) {
      expect(buildSearchRequest('materials', member, query({ text: 'journey map', sort })).queries[0]!.sort).toEqual(['createdAt:desc', 'id:asc']);
    }
  });

  it('adds one count-only query per facet with a selection, filtered by every other facet', () => {
    const request = buildSearchRequest(
      'materials',
      anonymous,
      query({ text: 'bins', filters: { phases: ['discovery', 'alpha'], councils: ['bristol'], licences: [], artefactTypes: [], kinds: [], topics: [] } }),
    );
    expect(request.facetQueries).toEqual(['phases', 'councils']);
    const [main, phases, councils] = request.queries;
    const visibility = visibilityFilter(anonymous);
    expect(main!.filter).toEqual([visibility, ['phases = "discovery"', 'phases = "alpha"'], ['councilSlug = "bristol"']]);
    expect(phases).toEqual({ indexUid: 'materials', q: 'bins', filter: [visibility, ['councilSlug = "bristol"']], facets: ['phases'], matchingStrategy: 'all', limit: 0 });
    expect(councils).toEqual({
      indexUid: 'materials',
      q: 'bins',
      filter: [visibility, ['phases = "discovery"', 'phases = "alpha"']],
      facets: ['councilSlug'],
      matchingStrategy: 'all',
      limit: 0,
    });
  });

  it('sorts by date, newest first, for "newest" and when browsing', () => {
    expect(buildSearchRequest('m', anonymous, query({ text: 'bins', sort: 'newest' })).queries[0]!.sort).toEqual(['createdAt:desc', 'id:asc']);
    const browse = buildSearchRequest('m', anonymous, query({ text: '   ', sort: 'relevance' })).queries[0]!;
    expect(browse.sort).toEqual(['createdAt:desc', 'id:asc']);
    expect(browse.q).toBe('');
    expect(browse.attributesToHighlight).toBeUndefined();
  });

  it('passes phrases and exclusions through, without control characters', () => {
    const request = buildSearchRequest('m', anonymous, query({ text: '"council tax"\u0000 -parking\u0002\u0003\n bins\u007f' }));
    expect(request.queries[0]!.q).toBe('"council tax" -parking bins');
  });

  it('keeps page and page size within bounds and drops NUL and duplicates from filter values', () => {
    const request = buildSearchRequest('m', anonymous, query({ page: -3, pageSize: 500, filters: { councils: ['bristol\u0000', 'bristol'] } as never }));
    expect(request.page).toBe(1);
    expect(request.pageSize).toBe(50);
    expect(request.filters.councils).toEqual(['bristol']);
    expect(buildSearchRequest('m', anonymous, query({ page: Number.NaN, pageSize: 0 })).queries[0]).toMatchObject({ page: 1, hitsPerPage: 1 });
  });
});

describe('highlights', () => {
  it('split marked text into segments, never HTML', () => {
    expect(highlighted('Bin <b>\u0002collection\u0003</b> map')).toEqual([
      { text: 'Bin <b>', matched: false },
      { text: 'collection', matched: true },
      { text: '</b> map', matched: false },
    ]);
  });

  it('say where Meilisearch cropped words off', () => {
    expect(highlighted('\u0001residents report a \u0002missed\u0003 bin\u0001')).toEqual([
      { text: '… residents report a ', matched: false },
      { text: 'missed', matched: true },
      { text: ' bin …', matched: false },
    ]);
    expect(highlighted('\u0001\u0002missed\u0003\u0001')).toEqual([
      { text: '… ', matched: false },
      { text: 'missed', matched: true },
      { text: ' …', matched: false },
    ]);
  });

  it('show a snippet from inside the file only when the words occur in it', () => {
    const hit = {
      id: randomUUID(),
      title: 'Bins',
      summary: 'About bins',
      createdAtIso: '2026-01-01T00:00:00.000Z',
      _formatted: { title: '\u0002Bins\u0003', summary: 'About \u0002bins\u0003', text: 'The first words of the file\u0001' },
    };
    expect(toSearchHit(hit, true).highlights.text).toEqual([]);
    const inFile = toSearchHit({ ...hit, _formatted: { ...hit._formatted, text: '\u0001missed \u0002bins\u0003 on Tuesday\u0001' } }, true);
    expect(inFile.highlights.text).toEqual([
      { text: '… missed ', matched: false },
      { text: 'bins', matched: true },
      { text: ' on Tuesday …', matched: false },
    ]);
    const lines = toSearchHit({ ...hit, _formatted: { ...hit._formatted, text: 'a plot.\n\nThe \u0002allotment\u0003\twaiting list' } }, true);
    expect(lines.highlights.text).toEqual([
      { text: 'a plot. The ', matched: false },
      { text: 'allotment', matched: true },
      { text: ' waiting list', matched: false },
    ]);
    expect(toSearchHit(hit, false).highlights).toEqual({ title: [{ text: 'Bins', matched: false }], summary: [{ text: 'About bins', matched: false }], text: [] });
  });
});

describe.each(testDrivers)('MeilisearchSearchEngine on %s', (driver) => {
  let hub: TestHub;
  let bristol: { id: string; slug: string; name: string };
  let leeds: { id: string; slug: string; name: string };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    hub = await createTestHub(driver);
    bristol = await organisation(hub.services.db, 'bristol');
    leeds = await organisation(hub.services.db, 'leeds');
    ids.public = await insertMaterial(hub.services.db, { title: 'Bristol public bins', organisationId: bristol.id });
    ids.leedsPrivate = await insertMaterial(hub.services.db, { title: 'Leeds private bins', organisationId: leeds.id, visibility: 'organisation' });
    ids.withdrawn = await insertMaterial(hub.services.db, { title: 'Withdrawn bins', organisationId: bristol.id, status: 'withdrawn' });
  });
  afterAll(async () => hub?.close());

  const hitFor = (id: string, title: string, extra: Record<string, unknown> = {}) => ({
    id,
    title,
    summary: 'A summary',
    phases: ['discovery'],
    artefactType: 'playbook',
    kind: 'guidance',
    topics: ['housing'],
    tags: ['bins'],
    licence: 'OGL-UK-3.0',
    councilSlug: 'bristol',
    councilName: 'Bristol City Council',
    format: 'pdf',
    fileName: 'bins.pdf',
    sizeBytes: 1234,
    createdAtIso: '2026-01-02T03:04:05.678Z',
    ...extra,
  });

  it('maps hits and facets as the Postgres engine shapes them', async () => {
    const gateway = new StandInGateway();
    gateway.onSearch = (queries) => [
      response(queries[0]!, [hitFor(ids.public!, 'Bristol public bins', { _formatted: { title: 'Bristol public \u0002bins\u0003', summary: 'A summary' } })], 1, {
        phases: { discovery: 1, alpha: 3 },
        artefactType: { playbook: 1 },
        kind: { guidance: 1 },
        topics: { housing: 1, 'adult-social-care': 1 },
        councilSlug: { bristol: 1 },
        licence: { 'OGL-UK-3.0': 1 },
      }),
      // Counts of councils without the council selection.
      response(queries[1]!, [], 5, { councilSlug: { bristol: 1, leeds: 4 } }),
    ];
    const engine = new MeilisearchSearchEngine(gateway, hub.services.db, 'materials');
    const results = await engine.search(anonymous, query({ text: 'bins', filters: { councils: ['bristol', 'york', 'no-such-council'] } as never }));

    expect(results.total).toBe(1);
    expect(results.page).toBe(1);
    expect(results.hits).toEqual([
      {
        id: ids.public,
        title: 'Bristol public bins',
        summary: 'A summary',
        phases: ['discovery'],
        artefactType: 'playbook',
        kind: 'guidance',
        topics: ['housing'],
        tags: ['bins'],
        licence: 'OGL-UK-3.0',
        council: { slug: 'bristol', name: 'Bristol City Council' },
        format: 'pdf',
        fileName: 'bins.pdf',
        sizeBytes: 1234,
        createdAt: '2026-01-02T03:04:05.678Z',
        highlights: {
          title: [
            { text: 'Bristol public ', matched: false },
            { text: 'bins', matched: true },
          ],
          summary: [{ text: 'A summary', matched: false }],
          text: [],
        },
      },
    ]);
    // Phases in service order (the vocabulary's), whatever their counts; labels from the vocabularies.
    expect(results.facets.phases).toEqual([
      { value: 'discovery', label: 'Discovery', count: 1, selected: false },
      { value: 'alpha', label: 'Alpha', count: 3, selected: false },
    ]);
    expect(results.facets.topics.map((t) => t.label)).toEqual(['Adult social care', 'Housing and homelessness']);
    // Councils from their own query, labelled by organisation name; a selected council with nothing
    // found is listed at 0; one that does not exist is left out.
    expect(results.facets.councils).toEqual([
      { value: 'leeds', label: leeds.name, count: 4, selected: false },
      { value: 'bristol', label: bristol.name, count: 1, selected: true },
      { value: 'york', label: (await organisation(hub.services.db, 'york')).name, count: 0, selected: true },
    ]);
    expect(results.facets.licences).toEqual([{ value: 'OGL-UK-3.0', label: 'Open Government Licence v3.0', count: 1, selected: false }]);
  });

  it('brings a page past the end back to the last page, as Postgres does', async () => {
    const gateway = new StandInGateway();
    gateway.onSearch = (queries) => queries.map((q) => response(q, q.page === 3 ? [hitFor(ids.public!, 'Bristol public bins')] : [], 25));
    const engine = new MeilisearchSearchEngine(gateway, hub.services.db, 'materials');
    const results = await engine.search(anonymous, query({ text: 'bins', page: 9, pageSize: 10 }));
    expect(results).toMatchObject({ total: 25, page: 3, pageSize: 10 });
    expect(results.hits.map((h) => h.id)).toEqual([ids.public]);
    const searches = gateway.calls.filter((c) => c.method === 'multiSearch').map((c) => (c.argument as MultiSearchQuery[])[0]!.page);
    expect(searches).toEqual([9, 3]);
  });

  it('answers page 1 with nothing when nothing is found, without asking again', async () => {
    const gateway = new StandInGateway();
    const engine = new MeilisearchSearchEngine(gateway, hub.services.db, 'materials');
    const results = await engine.search(anonymous, query({ text: 'nothing', page: 4 }));
    expect(results).toMatchObject({ total: 0, page: 1, hits: [] });
    expect(gateway.calls.filter((c) => c.method === 'multiSearch')).toHaveLength(1);
    expect(Object.values(results.facets).every((values) => values.length === 0)).toBe(true);
  });

  it('drops hits the database says the viewer may not see (an index behind the outbox)', async () => {
    const gateway = new StandInGateway();
    gateway.onSearch = (queries) => [
      response(
        queries[0]!,
        [hitFor(ids.public!, 'Bristol public bins'), hitFor(ids.leedsPrivate!, 'Leeds private bins'), hitFor(ids.withdrawn!, 'Withdrawn bins'), hitFor(randomUUID(), 'Deleted bins')],
        4,
      ),
    ];
    const engine = new MeilisearchSearchEngine(gateway, hub.services.db, 'materials');
    const seenBy = async (viewer: Viewer) => (await engine.search(viewer, query({ text: 'bins' })));
    const forAnonymous = await seenBy(anonymous);
    expect(forAnonymous.hits.map((h) => h.title)).toEqual(['Bristol public bins']);
    expect(forAnonymous.total).toBe(1);
    expect((await seenBy(memberOf(leeds))).hits.map((h) => h.title)).toEqual(['Bristol public bins', 'Leeds private bins']);
    expect((await seenBy(memberOf(null, { isSiteAdmin: true }))).hits.map((h) => h.title)).toEqual(['Bristol public bins', 'Leeds private bins']);
  });

  it('more like this: asks by the words and by newest, within the viewer filter and the same type or service area; drops the source, repeats and hits the database says the viewer may not see', async () => {
    const gateway = new StandInGateway();
    const extra = randomUUID();
    gateway.onSearch = (queries) => [
      response(queries[0]!, [hitFor(ids.public!, 'Bristol public bins'), hitFor(ids.leedsPrivate!, 'Leeds private bins'), hitFor(ids.withdrawn!, 'Withdrawn bins')], 3),
      response(queries[1]!, [hitFor(ids.public!, 'Bristol public bins'), hitFor(extra, 'Deleted bins')], 2),
    ];
    const engine = new MeilisearchSearchEngine(gateway, hub.services.db, 'materials');
    const source = { id: ids.leedsPrivate!, title: 'Leeds private bins', summary: 'Bins, bins and "rounds".', artefactType: 'playbook', topics: ['housing', 'waste-recycling'] };
    const viewer = memberOf(leeds);
    const hits = await engine.related(viewer, source, 5);
    expect(hits.map((h) => h.title)).toEqual(['Bristol public bins']);
    const [byWords, newest] = gateway.calls.find((c) => c.method === 'multiSearch')!.argument as MultiSearchQuery[];
    const alike = ['artefactType = "playbook"', 'topics = "housing"', 'topics = "waste-recycling"'];
    expect(byWords).toMatchObject({ q: 'leeds private bins and rounds', matchingStrategy: 'frequency', filter: [visibilityFilter(viewer), alike], limit: 6 });
    expect(newest).toMatchObject({ q: '', sort: ['createdAt:desc', 'id:asc'], filter: [visibilityFilter(viewer), alike], limit: 6 });
    expect(await engine.related(viewer, source, 0)).toEqual([]);
  });

  it("sends every query with the viewer's own visibility filter first", async () => {
    const gateway = new StandInGateway();
    const engine = new MeilisearchSearchEngine(gateway, hub.services.db, 'materials');
    const viewers = [anonymous, memberOf(bristol), memberOf(leeds, { role: 'org_admin' }), memberOf(null, { isSiteAdmin: true })];
    for (const viewer of viewers) {
      await engine.search(viewer, query({ text: 'x', filters: { phases: ['alpha'], topics: ['housing'], kinds: ['template'] } as never }));
      const sent = gateway.calls.at(-1)!.argument as MultiSearchQuery[];
      expect(sent).toHaveLength(4);
      for (const q of sent) expect((q.filter as unknown[])[0]).toBe(visibilityFilter(viewer));
    }
  });

  it('fails at once for a few seconds after the server could not be reached', async () => {
    const gateway = new StandInGateway();
    let attempts = 0;
    gateway.onSearch = () => {
      attempts++;
      throw new MeilisearchRequestError('http://meili.internal:7700/multi-search', new Error('connect ECONNREFUSED'));
    };
    const engine = new MeilisearchSearchEngine(gateway, hub.services.db, 'materials', { retryAfterUnreachableMs: 60_000 });
    await expect(engine.search(anonymous, query({ text: 'bins' }))).rejects.toThrow(MeilisearchRequestError);
    await expect(engine.search(anonymous, query({ text: 'bins' }))).rejects.toThrow(/unreachable moments ago/);
    expect(attempts).toBe(1);
  });

  it('throws when Meilisearch answers oddly, so the fallback answers instead', async () => {
    const gateway = new StandInGateway();
    gateway.onSearch = () => [];
    const engine = new MeilisearchSearchEngine(gateway, hub.services.db, 'materials');
    await expect(engine.search(anonymous, query({ text: 'bins' }))).rejects.toThrow(/no results/);
  });
});
