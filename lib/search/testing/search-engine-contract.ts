/**
 * The contract every search engine passes: the same materials, shared through the app's own
 * createMaterial (files stored, text extracted), searched by the same viewers, with the same answers
 * expected. lib/search/testing/postgres.contract.test.ts runs it on the built-in engine;
 * meilisearch.contract.test.ts on Meilisearch (when MEILI_HOST is set).
 *
 * How to run it for an engine:
 *
 *   describeSearchEngineContract('my engine', 'pg', async (hub) => ({
 *     engine: new MyEngine(hub.services),
 *     settle: async () => { ...make every change so far searchable... },
 *     close: async () => { ...optional: remove what setup made... },
 *   }));
 *
 * - `setup` is called once per suite with a fresh test hub (its own database, vocabularies and
 *   councils loaded, files on local disk), before any material exists.
 * - The suite shares materials with createMaterial, then runs extractPendingTexts itself (the text of
 *   every file is read the same way whatever the engine), then calls `settle()`. It withdraws and
 *   deletes with withdrawMaterial / deleteMaterial, then calls extractPendingTexts and `settle()` again.
 *   So `settle` is only the engine's own catching up: nothing for Postgres (the trigger updates the
 *   search vector in the same transaction); for Meilisearch, drain the search outbox into the index
 *   and wait for its tasks.
 * - Projects (project-contract-cases.ts) are registered, edited, updated, shared with partners and
 *   deleted through lib/projects, each change followed by `settle()`: for Meilisearch, the same outbox
 *   drain carries project changes into its projects index.
 * - "Did you mean" is checked through suggestCorrection (lib/search/did-you-mean.ts) with the engine
 *   given, as searchMaterials calls it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Viewer } from '@/lib/auth/viewer';
import { extractPendingTexts } from '@/lib/jobs/extract-text';
import { deleteMaterial } from '@/lib/materials/delete-material';
import { withdrawMaterial } from '@/lib/materials/withdraw-material';
import { council, person } from '@/lib/organisations/testing/fixtures';
import { suggestCorrection } from '@/lib/search/did-you-mean';
import type { EngineResults, SearchEngine, SearchFilters } from '@/lib/search/search-engine';
import type { TestDriver } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { sql } from 'drizzle-orm';
import { describeProjectSearchCases } from './project-contract-cases';
import { fixtures, matchedIn, searchQuery, shareFixture, snippetOf, text, type Fixture } from './contract-fixtures';

export interface ContractEngine {
  engine: SearchEngine;
  /** Makes every change so far searchable (after the suite has extracted pending file texts). */
  settle(): Promise<void>;
  /** Removes what setup made outside the hub (an index, say). The hub itself is closed by the suite. */
  close?(): Promise<void>;
  /**
   * How the engine finds other forms of a word. 'stems' (Postgres, the default): "interviewing"
   * finds "interviews". 'prefixes' (Meilisearch, which does not stem): the start of a word finds its
   * longer forms, so "interview" finds "interviews" and "interviewing".
   */
  wordForms?: 'stems' | 'prefixes';
}

export type ContractSetup = (hub: TestHub) => Promise<ContractEngine>;

export function describeSearchEngineContract(label: string, driver: TestDriver, setup: ContractSetup): void {
  describe(`search engine contract: ${label}`, () => {
    let hub: TestHub;
    let contract: ContractEngine;
    const ids = new Map<string, string>();
    const keyOf = new Map<string, string>();
    const viewers = {} as Record<'bristolMember' | 'leedsMember' | 'admin' | 'unaffiliated', Viewer>;

    async function settle() {
      await extractPendingTexts(hub.services);
      await contract.settle();
    }

    async function share(fixture: Fixture) {
      const id = await shareFixture(hub, fixture);
      ids.set(fixture.key, id);
      keyOf.set(id, fixture.key);
      return id;
    }

    beforeAll(async () => {
      hub = await createTestHub(driver);
      contract = await setup(hub);
      const bristol = await council(hub, 'bristol');
      const leeds = await council(hub, 'leeds');
      viewers.bristolMember = (await person(hub, { organisation: bristol })).viewer;
      viewers.leedsMember = (await person(hub, { organisation: leeds })).viewer;
      viewers.admin = (await person(hub, { isSiteAdmin: true })).viewer;
      viewers.unaffiliated = (await person(hub, { organisation: null })).viewer;
      for (const fixture of fixtures) await share(fixture);
      await settle();
    });

    afterAll(async () => {
      await contract?.close?.();
      await hub?.close();
    });

    const search = (text: string, options: Parameters<typeof searchQuery>[1] & { viewer?: Viewer } = {}) =>
      contract.engine.search(options.viewer ?? anonymous, searchQuery(text, options));
    const keys = (results: EngineResults) => results.hits.map((hit) => keyOf.get(hit.id) ?? hit.id);
    const sortedKeys = (results: EngineResults) => keys(results).sort();
    const hitFor = (results: EngineResults, key: string) => results.hits.find((hit) => hit.id === ids.get(key));

    describe('ranking', () => {
      it('puts a title match above a summary match, and both above a match inside the file', async () => {
        const results = await search('recycling');
        expect(keys(results)).toEqual(['recycling-title', 'recycling-summary', 'recycling-body']);
        expect(results.total).toBe(3);
      });
    });

    describe('words', () => {
      it('find words that are only inside the file, DOCX and PDF alike', async () => {
        expect(keys(await search('allotment'))).toEqual(['allotments']);
        expect(keys(await search('cemetery'))).toEqual(['bereavement']);
      });

      it('forgive a typo in a longer word', async () => {
        expect(sortedKeys(await search('recyclng'))).toEqual(['recycling-body', 'recycling-summary', 'recycling-title']);
      });

      it('find other forms of a word (stemming, or prefixes where the engine does not stem)', async () => {
        const typed = (contract.wordForms ?? 'stems') === 'stems' ? 'interviewing' : 'interview';
        expect(sortedKeys(await search(typed))).toEqual(['consent-form', 'homelessness-guide']);
      });

      it('match a quoted phrase only where its words are next to each other', async () => {
        expect(keys(await search('"council tax"'))).toContain('council-tax');
        expect(keys(await search('"council tax"'))).not.toContain('tax-apart');
        expect(keys(await search('council tax'))).toContain('tax-apart');
      });

      it('leave out words after a minus sign, and phrases after one', async () => {
        expect(keys(await search('interviews -homelessness'))).toEqual(['consent-form']);
        expect(keys(await search('recycling -"street cleaning"')).sort()).toEqual(['recycling-body', 'recycling-title']);
      });

      it('find council synonyms both ways, multi-word ones included', async () => {
        expect(keys(await search('bins'))).toContain('refuse');
        expect(keys(await search('CTAX'))).toContain('council-tax');
        expect(keys(await search('council tax'))).toContain('ctax-letters');
      });

      it('find nothing, calmly, for words no material has', async () => {
        const results = await search('xylophone');
        expect(results.total).toBe(0);
        expect(results.hits).toEqual([]);
      });

      it.each(['x" OR visibility = "public', "'; DROP TABLE materials; --", '\\', '"unclosed', '-', 'a:* | !b & (c', 'x\u0000y', '"'.repeat(300), 'w '.repeat(5000)])(
        'answer %j normally, without showing anything the viewer may not see',
        async (hostile) => {
          const results = await search(hostile);
          expect(results.total).toBeGreaterThanOrEqual(results.hits.length);
          for (const key of keys(results)) expect(key).not.toMatch(/-(councils|organisation)$/);
        },
      );
    });

    describe('snippets from inside the file', () => {
      it('show a short passage with the words marked', async () => {
        const results = await search('allotment');
        const hit = hitFor(results, 'allotments');
        expect(matchedIn(hit)).toContain('allotment');
        expect(snippetOf(hit)).toContain('waiting list');
        expect(snippetOf(hit)).not.toMatch(/[\u0000-\u001f<>]/);
      });

      it('show only a part of a long file, around the word', async () => {
        const hit = hitFor(await search('recycling'), 'recycling-body');
        expect(matchedIn(hit)).toContain('recycling');
        const words = snippetOf(hit).split(/\s+/).filter(Boolean);
        expect(words.length).toBeGreaterThan(5);
        expect(words.length).toBeLessThanOrEqual(60);
      });

      it('are empty when the words matched only the details, and when browsing', async () => {
        expect(hitFor(await search('bereavement'), 'bereavement')?.highlights.text).toEqual([]);
        for (const hit of (await search('')).hits) expect(hit.highlights.text).toEqual([]);
      });
    });

    describe('filters and facet counts', () => {
      it('narrow to any value within a facet and all facets chosen', async () => {
        expect(sortedKeys(await search('library', { filters: { phases: ['alpha'] } }))).toEqual(['library-personas', 'library-route']);
        expect(sortedKeys(await search('library', { filters: { phases: ['alpha', 'discovery'] } }))).toEqual([
          'library-hours',
          'library-personas',
          'library-route',
        ]);
        expect(keys(await search('library', { filters: { phases: ['discovery'], kinds: ['example'] } }))).toEqual(['library-route']);
        expect(keys(await search('library', { filters: { licences: ['CC-BY-4.0'] } }))).toEqual(['library-personas']);
      });

      it('count each facet with every filter but its own', async () => {
        const results = await search('library', { filters: { phases: ['alpha'], kinds: ['template'] } });
        expect(results.total).toBe(0);
        const counts = (values: { value: string; count: number; selected: boolean }[]) =>
          Object.fromEntries(values.map((v) => [v.value, [v.count, v.selected]]));
        // Phases within kind = template: only the opening hours plan (discovery).
        expect(counts(results.facets.phases)).toEqual({ discovery: [1, false], alpha: [0, true] });
        // Kinds within phase = alpha: two worked examples; the selected template stays, at zero.
        expect(counts(results.facets.kinds)).toEqual({ example: [2, false], template: [0, true] });
      });

      it('count only what the words found', async () => {
        const results = await search('library');
        const counts = Object.fromEntries(results.facets.artefactTypes.map((v) => [v.value, v.count]));
        expect(counts).toEqual({ 'research-plan': 1, persona: 1, 'journey-map': 1 });
        expect(results.facets.councils).toEqual([{ value: 'bristol', label: 'Bristol City Council', count: 3, selected: false }]);
      });
    });

    describe('who sees what', () => {
      const playground = (viewer: Viewer, filters: Partial<SearchFilters> = {}) => search('playground', { viewer, filters });
      const councilCounts = (results: EngineResults) => Object.fromEntries(results.facets.councils.map((v) => [v.value, v.count]));

      it('anonymous people, and people in no council, see public materials only', async () => {
        for (const viewer of [anonymous, viewers.unaffiliated]) {
          const results = await playground(viewer);
          expect(sortedKeys(results)).toEqual(['bristol-public', 'leeds-public']);
          expect(councilCounts(results)).toEqual({ bristol: 1, leeds: 1 });
        }
      });

      it("a council member sees public, every council's shared, and their own council's private materials", async () => {
        const bristol = await playground(viewers.bristolMember);
        expect(sortedKeys(bristol)).toEqual(['bristol-councils', 'bristol-organisation', 'bristol-public', 'leeds-councils', 'leeds-public']);
        expect(councilCounts(bristol)).toEqual({ bristol: 3, leeds: 2 });
        const leeds = await playground(viewers.leedsMember);
        expect(sortedKeys(leeds)).toEqual(['bristol-councils', 'bristol-public', 'leeds-councils', 'leeds-organisation', 'leeds-public']);
        expect(councilCounts(leeds)).toEqual({ bristol: 2, leeds: 3 });
      });

      it("filtering on another council does not reveal its private materials", async () => {
        const results = await playground(viewers.leedsMember, { councils: ['bristol'] });
        expect(sortedKeys(results)).toEqual(['bristol-councils', 'bristol-public']);
        expect(results.total).toBe(2);
      });

      it('a site admin sees every published material', async () => {
        const results = await playground(viewers.admin);
        expect(results.total).toBe(6);
        const secondPage = await search('playground', { viewer: viewers.admin, pageSize: 4, page: 2 });
        expect(secondPage.hits).toHaveLength(2);
        expect(secondPage.page).toBe(2);
      });

      it('words inside a private file find it only for those who may see it', async () => {
        expect((await search('zeppelin')).total).toBe(0);
        expect((await search('zeppelin', { viewer: viewers.leedsMember })).total).toBe(0);
        expect(keys(await search('zeppelin', { viewer: viewers.bristolMember }))).toEqual(['bristol-organisation']);
      });
    });

    describe('more like this', () => {
      const related = async (key: string, viewer: Viewer = anonymous, limit = 5) => {
        const source = fixtures.find((f) => f.key === key)!;
        const hits = await contract.engine.related(
          viewer,
          { id: ids.get(key)!, title: source.title, summary: source.summary, artefactType: source.artefactType ?? 'research-findings', topics: source.topics ?? ['digital-data'] },
          limit,
        );
        return hits.map((hit) => keyOf.get(hit.id) ?? hit.id);
      };

      it('lists materials of the same type or service area, those with the same words first, never the material itself', async () => {
        const found = await related('pothole-source');
        expect(found[0]).toBe('pothole-words');
        expect([...found].sort()).toEqual(['area-only', 'blueprint-only', 'pothole-words']);
      });

      it('leaves out materials with the same words but neither the type nor a service area', async () => {
        expect(await related('pothole-source', viewers.admin)).not.toContain('pothole-elsewhere');
      });

      it('lists only what the viewer may see', async () => {
        expect(await related('pothole-source', viewers.leedsMember)).not.toContain('pothole-organisation');
        expect(await related('pothole-source', viewers.bristolMember)).toContain('pothole-organisation');
        const forLeeds = await related('bristol-public', viewers.leedsMember, 20);
        expect(forLeeds).toContain('bristol-councils');
        expect(forLeeds).not.toContain('bristol-organisation');
        expect(forLeeds).not.toContain('bristol-public');
        expect(await related('bristol-public', anonymous, 20)).not.toContain('bristol-councils');
      });

      it('lists no more than asked', async () => {
        expect(await related('pothole-source', anonymous, 2)).toHaveLength(2);
        expect(await related('pothole-source', anonymous, 0)).toEqual([]);
      });
    });

    describe('did you mean', () => {
      const suggest = (text: string, viewer: Viewer = anonymous, filters: Partial<SearchFilters> = {}) =>
        suggestCorrection(hub.services, contract.engine, viewer, searchQuery(text, { filters }));

      it('offers close words that find something', async () => {
        // Two slips in eight letters: more than searches forgive by themselves.
        expect((await search('cematary')).total).toBe(0);
        expect(await suggest('cematary')).toBe('cemetery');
        expect(await suggest('cematary office')).toBe('cemetery office');
        expect(await suggest('"cematary office"')).toBe('"cemetery office"');
      });

      it('offers words from private materials only to those who may see them', async () => {
        expect(await suggest('zepelinn')).toBeNull();
        expect(await suggest('zepelinn', viewers.leedsMember)).toBeNull();
        expect(await suggest('zepelinn', viewers.bristolMember)).toBe('zeppelin');
      });

      it('keeps the filters: no suggestion that would find something only without them', async () => {
        expect(await suggest('cematary', anonymous, { phases: ['beta'] })).toBeNull();
      });

      it('offers nothing when nothing is close', async () => {
        expect(await suggest('qwxzv')).toBeNull();
        expect(await suggest('')).toBeNull();
      });
    });

    describe('published in a period (digests, lib/following)', () => {
      it('finds only materials first published in the period, still only what the viewer may see, with or without facet counts', async () => {
        await share({ key: 'snowfall-old', title: 'Snowfall gritting plan (old)', summary: 'Gritting routes.', file: text('old-grit.txt', 'Old.') });
        await share({ key: 'snowfall-new', title: 'Snowfall gritting plan', summary: 'Gritting routes.', file: text('grit.txt', 'New.') });
        await share({ key: 'snowfall-private', title: 'Snowfall gritting notes', summary: 'Gritting routes.', visibility: 'organisation', file: text('notes.txt', 'Notes.') });
        const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
        await hub.services.db.execute(sql`UPDATE materials SET first_published_at = ${tenDaysAgo.toISOString()}::timestamptz WHERE id = ${ids.get('snowfall-old')!}`);
        await settle();
        const fiveDaysAgo = new Date(Date.now() - 5 * 86_400_000).toISOString();
        const later = new Date(Date.now() + 86_400_000).toISOString();

        expect(sortedKeys(await search('snowfall'))).toEqual(['snowfall-new', 'snowfall-old']);
        expect(keys(await search('snowfall', { published: { after: fiveDaysAgo, upTo: later } }))).toEqual(['snowfall-new']);
        expect(keys(await search('snowfall', { published: { upTo: fiveDaysAgo } }))).toEqual(['snowfall-old']);
        expect(keys(await search('', { published: { after: later } }))).toEqual([]);
        const bristolMember = await search('snowfall', { viewer: viewers.bristolMember, published: { after: fiveDaysAgo }, facets: false });
        expect(sortedKeys(bristolMember)).toEqual(['snowfall-new', 'snowfall-private']);
        expect(bristolMember.total).toBe(2);
        expect(keys(await search('snowfall', { viewer: viewers.leedsMember, published: { after: fiveDaysAgo }, facets: false }))).toEqual(['snowfall-new']);
      });
    });

    describe('changes', () => {
      it('withdrawn and deleted materials leave the results', async () => {
        const withdrawn = await share({ key: 'heatwave-withdrawn', title: 'Heatwave plan (old)', summary: 'Cooling centres.', file: text('old.txt', 'Old plan.') });
        const deleted = await share({ key: 'heatwave-deleted', title: 'Heatwave plan (draft)', summary: 'Cooling centres.', file: text('draft.txt', 'Draft plan.') });
        await settle();
        expect(sortedKeys(await search('heatwave'))).toEqual(['heatwave-deleted', 'heatwave-withdrawn']);

        const bristol = await council(hub, 'bristol');
        const owner = await person(hub, { organisation: bristol });
        const admin = await person(hub, { isSiteAdmin: true });
        await withdrawMaterial(hub.services, owner.viewer, withdrawn, { reason: 'Replaced by the 2025 plan' });
        await deleteMaterial(hub.services, admin.viewer, deleted);
        await settle();

        for (const viewer of [anonymous, owner.viewer, admin.viewer]) {
          const results = await search('heatwave', { viewer });
          expect(results.total).toBe(0);
          expect(results.hits).toEqual([]);
        }
        expect(keys(await search('', { viewer: admin.viewer }))).not.toContain('heatwave-withdrawn');
        const alike = { id: ids.get('library-hours')!, title: 'Heatwave plan', summary: 'Cooling centres.', artefactType: 'research-findings', topics: ['digital-data'] };
        const related = (await contract.engine.related(admin.viewer, alike, 20)).map((hit) => keyOf.get(hit.id));
        expect(related).not.toContain('heatwave-withdrawn');
        expect(related).not.toContain('heatwave-deleted');
      });
    });

    // Last: the projects' words join the typo dictionary, which the material cases above do not expect.
    describeProjectSearchCases({ hub: () => hub, engine: () => contract.engine, settle });
  });
}
