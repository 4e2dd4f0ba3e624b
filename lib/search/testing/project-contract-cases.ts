/**
 * The projects part of the search engine contract (search-engine-contract.ts runs it last, on every
 * engine): projects registered, edited, updated, shared with partner councils and deleted through the
 * app's own verbs, then found by the same words, typos and synonyms as materials, narrowed by each
 * filter, and seen only by whom the one visibility rule allows.
 *
 * Its words ("wayfinding", "parklet", "lido", "penalty charge notice") are in no material, so what
 * the typo dictionary knows of them it learnt from projects.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Viewer } from '@/lib/auth/viewer';
import { council, person } from '@/lib/organisations/testing/fixtures';
import { answerProjectInvitation } from '@/lib/projects/answer-project-invitation';
import { deleteProject } from '@/lib/projects/delete-project';
import { editProject } from '@/lib/projects/edit-project';
import { inviteProjectPartner } from '@/lib/projects/invite-project-partner';
import { postProjectUpdate } from '@/lib/projects/post-project-update';
import { registerProject } from '@/lib/projects/register-project';
import { projectAnswers } from '@/lib/projects/testing/fixtures';
import type { ProjectSearchFilters, ProjectSearchResults, SearchEngine } from '@/lib/search/search-engine';
import type { TestHub } from '@/lib/testing/test-hub';

export interface ProjectContractContext {
  hub(): TestHub;
  engine(): SearchEngine;
  /** Makes every change so far searchable. */
  settle(): Promise<void>;
}

type Councils = 'bristol' | 'leeds' | 'manchester' | 'york';

interface ProjectFixture {
  key: string;
  council: Councils;
  name: string;
  summary: string;
  phase?: string;
  topics?: string[];
  collaboration?: string[];
  visibility?: 'public' | 'councils' | 'organisation';
}

const projectFixtures: ProjectFixture[] = [
  // Words, ranking and typos: the word in the name, or only in the summary.
  { key: 'wayfinding-name', council: 'bristol', name: 'Town centre wayfinding', summary: 'Signs and maps for visitors.' },
  { key: 'wayfinding-summary', council: 'leeds', name: 'Visitor signage review', summary: 'Testing wayfinding maps with visitors.' },
  // Synonyms: "pcn" is "penalty charge notice".
  { key: 'penalty', council: 'leeds', name: 'Penalty charge notice appeals', summary: 'Letting drivers appeal online.' },
  // Filters.
  { key: 'parklet-idea', council: 'bristol', name: 'Parklet trial', summary: 'Seats in parking bays.', phase: 'idea', topics: ['parks-leisure'], collaboration: ['conversation'] },
  { key: 'parklet-leeds', council: 'leeds', name: 'Parklet design guide', summary: 'A guide for traders.', phase: 'alpha', topics: ['parks-leisure', 'planning-building'], collaboration: ['partners', 'co-funding'] },
  { key: 'parklet-alpha', council: 'bristol', name: 'Parklet booking service', summary: 'Traders book a bay.', phase: 'alpha', topics: ['planning-building'], collaboration: ['sharing'] },
  // Visibility: one of each level for two councils.
  ...(['bristol', 'leeds'] as const).flatMap((slug) =>
    (['public', 'councils', 'organisation'] as const).map((visibility) => ({
      key: `lido-${slug}-${visibility}`,
      council: slug,
      name: `${slug === 'bristol' ? 'Bristol' : 'Leeds'} lido reopening (${visibility})`,
      summary: 'Bringing the outdoor pool back.',
      visibility,
    })),
  ),
];

export function describeProjectSearchCases(context: ProjectContractContext): void {
  describe('projects', () => {
    const ids = new Map<string, string>();
    const keyOf = new Map<string, string>();
    const members = {} as Record<Councils, Viewer>;
    let admin: Viewer;

    async function register(fixture: ProjectFixture): Promise<string> {
      const { id } = await registerProject(
        context.hub().services,
        members[fixture.council],
        projectAnswers({
          name: fixture.name,
          summary: fixture.summary,
          phase: fixture.phase ?? 'discovery',
          topics: fixture.topics ?? [],
          collaboration: fixture.collaboration ?? ['sharing'],
          visibility: fixture.visibility ?? 'public',
        }),
      );
      ids.set(fixture.key, id);
      keyOf.set(id, fixture.key);
      return id;
    }

    beforeAll(async () => {
      const hub = context.hub();
      for (const slug of ['bristol', 'leeds', 'manchester', 'york'] as const) members[slug] = (await person(hub, { organisation: await council(hub, slug) })).viewer;
      admin = (await person(hub, { isSiteAdmin: true })).viewer;
      for (const fixture of projectFixtures) await register(fixture);
      // Bristol's council-only lido: Leeds invited and accepted, Manchester invited (not yet answered).
      const bristolLido = ids.get('lido-bristol-organisation')!;
      await inviteProjectPartner(hub.services, members.bristol, bristolLido, { council: 'leeds' });
      await answerProjectInvitation(hub.services, members.leeds, bristolLido, 'accept');
      await inviteProjectPartner(hub.services, members.bristol, bristolLido, { council: 'manchester' });
      await context.settle();
    });

    const search = (text: string, options: { viewer?: Viewer; filters?: Partial<ProjectSearchFilters>; page?: number; pageSize?: number } = {}) =>
      context.engine().searchProjects(options.viewer ?? anonymous, {
        text,
        filters: { phases: [], topics: [], councils: [], collaboration: [], ...options.filters },
        page: options.page ?? 1,
        pageSize: options.pageSize ?? 50,
      });
    const keys = (results: ProjectSearchResults) => results.hits.map((hit) => keyOf.get(hit.id) ?? hit.id);
    const sortedKeys = (results: ProjectSearchResults) => keys(results).sort();

    describe('words', () => {
      it('find a word in the name above one only in the summary, with what a result shows', async () => {
        const results = await search('wayfinding');
        expect(keys(results)).toEqual(['wayfinding-name', 'wayfinding-summary']);
        expect(results.total).toBe(2);
        expect(results.hits[0]).toMatchObject({
          name: 'Town centre wayfinding',
          summary: 'Signs and maps for visitors.',
          council: { slug: 'bristol', name: 'Bristol City Council' },
          phase: 'discovery',
          status: 'active',
          collaboration: ['sharing'],
        });
      });

      it('forgive a typo in a project name, from words only projects use', async () => {
        expect(sortedKeys(await search('wayfindng'))).toEqual(['wayfinding-name', 'wayfinding-summary']);
        expect(sortedKeys(await search('parklt'))).toEqual(['parklet-alpha', 'parklet-idea', 'parklet-leeds']);
      });

      it('find council synonyms both ways, multi-word ones included', async () => {
        expect(keys(await search('pcn'))).toEqual(['penalty']);
        expect(keys(await search('parking fine'))).toEqual(['penalty']);
      });

      it('find nothing, calmly, for words no project has', async () => {
        const results = await search('xylophone');
        expect(results).toMatchObject({ total: 0, hits: [] });
      });

      it('browse every project the viewer may see when nothing is typed, a page at a time', async () => {
        const all = await search('');
        expect(all.total).toBe(projectFixtures.filter((f) => (f.visibility ?? 'public') === 'public').length);
        const second = await search('', { pageSize: 4, page: 2 });
        expect(second.page).toBe(2);
        expect(second.hits).toHaveLength(4);
        expect(keys(second)).toEqual(keys(all).slice(4, 8));
        expect((await search('', { pageSize: 4, page: 99 })).page).toBe(Math.ceil(all.total / 4));
      });

      it.each(['x" OR visibility = "public', "'; DROP TABLE projects; --", '\\', '"unclosed', '-', 'a:* | !b & (c', 'x\u0000y', 'w '.repeat(3000)])(
        'answer %j normally, without showing anything the viewer may not see',
        async (hostile) => {
          const results = await search(hostile);
          expect(results.total).toBeGreaterThanOrEqual(results.hits.length);
          for (const key of keys(results)) expect(key).not.toMatch(/-(councils|organisation)$/);
        },
      );
    });

    describe('filters and facet counts', () => {
      it('narrow by phase, service area, council and collaboration: any value within a filter, all filters chosen', async () => {
        expect(sortedKeys(await search('parklet', { filters: { phases: ['alpha'] } }))).toEqual(['parklet-alpha', 'parklet-leeds']);
        expect(sortedKeys(await search('parklet', { filters: { phases: ['alpha', 'idea'] } }))).toEqual(['parklet-alpha', 'parklet-idea', 'parklet-leeds']);
        expect(sortedKeys(await search('parklet', { filters: { topics: ['parks-leisure'] } }))).toEqual(['parklet-idea', 'parklet-leeds']);
        expect(keys(await search('parklet', { filters: { councils: ['leeds'] } }))).toEqual(['parklet-leeds']);
        expect(keys(await search('parklet', { filters: { collaboration: ['co-funding'] } }))).toEqual(['parklet-leeds']);
        expect(sortedKeys(await search('parklet', { filters: { collaboration: ['conversation', 'sharing'] } }))).toEqual(['parklet-alpha', 'parklet-idea']);
        expect(keys(await search('parklet', { filters: { phases: ['alpha'], councils: ['bristol'] } }))).toEqual(['parklet-alpha']);
        expect(keys(await search('', { filters: { phases: ['alpha'], topics: ['parks-leisure'], collaboration: ['partners'] } }))).toEqual(['parklet-leeds']);
      });

      it('count each facet with every filter but its own', async () => {
        const results = await search('parklet', { filters: { phases: ['alpha'], councils: ['bristol'] } });
        const counts = (values: { value: string; count: number; selected: boolean }[]) => Object.fromEntries(values.map((v) => [v.value, [v.count, v.selected]]));
        // Phases within Bristol: one idea, one alpha (selected).
        expect(counts(results.facets.phases)).toEqual({ idea: [1, false], alpha: [1, true] });
        // Councils within alpha: one each.
        expect(counts(results.facets.councils)).toEqual({ bristol: [1, true], leeds: [1, false] });
        // Service areas and collaboration within alpha and Bristol: the booking service only.
        expect(counts(results.facets.topics)).toEqual({ 'planning-building': [1, false] });
        expect(counts(results.facets.collaboration)).toEqual({ sharing: [1, false] });
        expect(results.facets.councils.find((v) => v.value === 'bristol')?.label).toBe('Bristol City Council');
      });
    });

    describe('who sees what', () => {
      const lido = async (viewer: Viewer, filters: Partial<ProjectSearchFilters> = {}) => sortedKeys(await search('lido', { viewer, filters }));

      it('anonymous people, and people in no council, see public projects only', async () => {
        const unaffiliated = (await person(context.hub(), { organisation: null })).viewer;
        for (const viewer of [anonymous, unaffiliated]) expect(await lido(viewer)).toEqual(['lido-bristol-public', 'lido-leeds-public']);
        const counts = (await search('lido')).facets.councils.map((v) => [v.value, v.count]);
        expect(Object.fromEntries(counts)).toEqual({ bristol: 1, leeds: 1 });
      });

      it("a council member sees public and every council's shared projects, and their own council's private ones", async () => {
        expect(await lido(members.bristol)).toEqual(['lido-bristol-councils', 'lido-bristol-organisation', 'lido-bristol-public', 'lido-leeds-councils', 'lido-leeds-public']);
        expect(await lido(members.york)).toEqual(['lido-bristol-councils', 'lido-bristol-public', 'lido-leeds-councils', 'lido-leeds-public']);
      });

      it("a partner council (invited, accepted or not) sees the council-only project it is a partner in, and no other", async () => {
        expect(await lido(members.leeds)).toEqual([
          'lido-bristol-councils',
          'lido-bristol-organisation',
          'lido-bristol-public',
          'lido-leeds-councils',
          'lido-leeds-organisation',
          'lido-leeds-public',
        ]);
        expect(await lido(members.manchester)).toEqual(['lido-bristol-councils', 'lido-bristol-organisation', 'lido-bristol-public', 'lido-leeds-councils', 'lido-leeds-public']);
      });

      it('filtering on another council does not reveal its private projects', async () => {
        const results = await search('lido', { viewer: members.york, filters: { councils: ['bristol'] } });
        expect(sortedKeys(results)).toEqual(['lido-bristol-councils', 'lido-bristol-public']);
        expect(results.total).toBe(2);
      });

      it('a site admin sees every project', async () => {
        expect((await search('lido', { viewer: admin })).total).toBe(6);
      });
    });

    describe('changes', () => {
      it('an edited name is found by its new words, and not by its old ones', async () => {
        const hub = context.hub();
        const id = await register({ key: 'tram-renamed', council: 'bristol', name: 'Funicular timetable', summary: 'Times for the hill railway.' });
        await context.settle();
        expect(keys(await search('funicular'))).toEqual(['tram-renamed']);
        await editProject(hub.services, members.bristol, id, projectAnswers({ name: 'Cliff railway timetable', summary: 'Times for the hill railway.', visibility: 'public' }));
        await context.settle();
        expect(keys(await search('funicular'))).toEqual([]);
        expect(keys(await search('cliff railway'))).toEqual(['tram-renamed']);
      });

      it("an update's new phase is what the phase filter finds", async () => {
        const id = await register({ key: 'ferry-moved', council: 'leeds', name: 'Ferry ticketing', summary: 'Buying ferry tickets.', phase: 'discovery' });
        await context.settle();
        expect(keys(await search('ferry', { filters: { phases: ['beta'] } }))).toEqual([]);
        await postProjectUpdate(context.hub().services, members.leeds, id, { body: 'We are moving into beta.', phase: 'beta' });
        await context.settle();
        expect(keys(await search('ferry', { filters: { phases: ['beta'] } }))).toEqual(['ferry-moved']);
        expect(keys(await search('ferry', { filters: { phases: ['discovery'] } }))).toEqual([]);
      });

      it('a project narrowed to its council leaves other viewers\' results; a new partner then sees it', async () => {
        const hub = context.hub();
        const id = await register({ key: 'cooling-narrowed', council: 'bristol', name: 'Cooling centre map', summary: 'Where to keep cool in a heatwave.' });
        await context.settle();
        expect(keys(await search('cooling'))).toEqual(['cooling-narrowed']);
        await editProject(hub.services, members.bristol, id, projectAnswers({ name: 'Cooling centre map', summary: 'Where to keep cool in a heatwave.', visibility: 'organisation' }));
        await context.settle();
        for (const viewer of [anonymous, members.leeds, members.york]) expect(keys(await search('cooling', { viewer }))).toEqual([]);
        expect(keys(await search('cooling', { viewer: members.bristol }))).toEqual(['cooling-narrowed']);
        await inviteProjectPartner(hub.services, members.bristol, id, { council: 'york' });
        await context.settle();
        expect(keys(await search('cooling', { viewer: members.york }))).toEqual(['cooling-narrowed']);
      });

      it('deleted projects leave the results, for everyone', async () => {
        const id = await register({ key: 'snow-deleted', council: 'leeds', name: 'Snow clearing volunteers', summary: 'Volunteers who grit paths.' });
        await context.settle();
        expect(keys(await search('snow', { viewer: admin }))).toEqual(['snow-deleted']);
        await deleteProject(context.hub().services, members.leeds, id);
        await context.settle();
        for (const viewer of [anonymous, members.leeds, admin]) expect(await search('snow', { viewer })).toMatchObject({ total: 0, hits: [] });
        expect(keys(await search('', { viewer: admin }))).not.toContain('snow-deleted');
      });
    });
  });
}
