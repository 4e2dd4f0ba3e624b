// The projects index kept in step through the search outbox, rebuilt by reindex, compared by
// reconcile, and searched through the engine, against a real database (both drivers) with a stand-in
// Meilisearch: mock because no Meilisearch server can run on this machine. The database triggers that
// fill the outbox, and the project verbs that fire them, are real.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { anonymous, type Viewer } from '@/lib/auth/viewer';
import { organisations } from '@/lib/db/schema';
import { council, person, type Council } from '@/lib/organisations/testing/fixtures';
import { answerProjectInvitation } from '@/lib/projects/answer-project-invitation';
import { deleteProject } from '@/lib/projects/delete-project';
import { editProject } from '@/lib/projects/edit-project';
import { inviteProjectPartner } from '@/lib/projects/invite-project-partner';
import { postProjectUpdate } from '@/lib/projects/post-project-update';
import { registerProject } from '@/lib/projects/register-project';
import { projectAnswers } from '@/lib/projects/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { projectQuery, searchProjects } from '../project-search';
import { MeilisearchSearchEngine } from './meilisearch-engine';
import { reconcile } from './reconcile';
import { reindex } from './reindex';
import { outboxCount, SearchSync } from './sync';
import { StandInGateway } from './testing/stand-in-gateway';

describe.each(testDrivers)('the projects index on %s', (driver) => {
  let hub: TestHub;
  let gateway: StandInGateway;
  let sync: SearchSync;
  let bristol: Council;
  let leeds: Council;
  let bristolMember: Viewer;
  let leedsMember: Viewer;
  const db = () => hub.services.db;
  const projectsIndex = 'materials_projects';
  const indexed = () => new Map(gateway.documents(projectsIndex).map((d) => [String(d.id), d]));
  const register = (overrides: Record<string, string | string[]> = {}, viewer = bristolMember) => registerProject(hub.services, viewer, projectAnswers(overrides));

  beforeAll(async () => {
    hub = await createTestHub(driver);
    bristol = await council(hub, 'bristol');
    leeds = await council(hub, 'leeds');
    bristolMember = (await person(hub, { organisation: bristol })).viewer;
    leedsMember = (await person(hub, { organisation: leeds })).viewer;
  });
  afterAll(async () => hub?.close());

  beforeEach(async () => {
    gateway = new StandInGateway();
    sync = new SearchSync(gateway, db(), 'materials');
    await db().execute(sql`DELETE FROM projects`);
    await db().execute(sql`DELETE FROM search_outbox`);
  });

  it('creates the projects index with its settings the first time, filled with every project already registered', async () => {
    const { id } = await register({ name: 'Registered before Meilisearch', visibility: 'organisation' });
    await db().execute(sql`DELETE FROM search_outbox`);
    await sync.drain();
    expect(gateway.indexes.get(projectsIndex)?.settings.searchableAttributes).toEqual(['name', 'summary', 'topicLabels', 'councilName']);
    expect([...indexed().keys()]).toEqual([id]);
  });

  it('carries registrations, edits, phase changes, partners and deletions through the outbox', async () => {
    const { id } = await register({ name: 'Parklet trial', summary: 'Seats in parking bays.', topics: ['parks-leisure'], collaboration: ['partners'] });
    expect(await outboxCount(db())).toBeGreaterThanOrEqual(1);
    await sync.drain();
    expect(indexed().get(id)).toMatchObject({
      name: 'Parklet trial',
      councilSlug: 'bristol',
      councilName: bristol.name,
      phase: 'discovery',
      topics: ['parks-leisure'],
      topicLabels: ['Parks, leisure and open spaces'],
      collaboration: ['partners'],
      visibility: 'public',
      organisationId: bristol.id,
      partnerOrganisationIds: [],
    });
    expect(JSON.stringify(indexed().get(id))).not.toMatch(/@|weeknotes|contact/i);
    expect(await outboxCount(db())).toBe(0);

    await editProject(hub.services, bristolMember, id, projectAnswers({ name: 'Parklet trial', summary: 'Seats in parking bays.', visibility: 'organisation' }));
    await postProjectUpdate(hub.services, bristolMember, id, { body: 'Into alpha.', phase: 'alpha' });
    await inviteProjectPartner(hub.services, bristolMember, id, { council: 'leeds' });
    await sync.drain();
    expect(indexed().get(id)).toMatchObject({ visibility: 'organisation', phase: 'alpha', partnerOrganisationIds: [leeds.id] });

    await answerProjectInvitation(hub.services, leedsMember, id, 'decline');
    await sync.drain();
    expect(indexed().get(id)).toMatchObject({ partnerOrganisationIds: [] });

    await deleteProject(hub.services, bristolMember, id);
    const result = await sync.drain();
    expect(indexed().has(id)).toBe(false);
    expect(result.deleted).toBeGreaterThanOrEqual(1);
    expect(gateway.calls.filter((c) => c.method === 'deleteDocuments' && c.indexUid === projectsIndex).at(-1)?.argument).toEqual([id]);
    expect(await outboxCount(db())).toBe(0);
  });

  it("follows a council's new name", async () => {
    const { id } = await register();
    await sync.drain();
    await db().update(organisations).set({ name: 'Bristol Renamed Council' }).where(eq(organisations.id, bristol.id));
    try {
      await sync.drain();
      expect(indexed().get(id)).toMatchObject({ councilName: 'Bristol Renamed Council' });
    } finally {
      await db().update(organisations).set({ name: bristol.name }).where(eq(organisations.id, bristol.id));
    }
  });

  it('is rebuilt by reindex, and compared and repaired by reconcile', async () => {
    const kept = await register({ name: 'Kept' });
    const changed = await register({ name: 'Changed' });
    await reindex(gateway, db(), 'materials', { now: new Date('2026-05-01T09:30:12.123Z') });
    expect([...indexed().keys()].sort()).toEqual([kept.id, changed.id].sort());

    await db().execute(sql`UPDATE projects SET name = 'Changed again' WHERE id = ${changed.id}`);
    const missing = await register({ name: 'Missing' });
    await gateway.addDocuments(projectsIndex, [{ id: 'extra-document', name: 'Gone' }]);
    const report = await reconcile(gateway, db(), 'materials', { repair: false });
    expect(report.projects).toMatchObject({ index: projectsIndex, missing: [missing.id], stale: [changed.id], extra: ['extra-document'], repaired: false });

    const repaired = await reconcile(gateway, db(), 'materials', { repair: true });
    expect(repaired.projects.repaired).toBe(true);
    expect(indexed().get(changed.id)).toMatchObject({ name: 'Changed again' });
    expect([...indexed().keys()].sort()).toEqual([kept.id, changed.id, missing.id].sort());
    expect((await reconcile(gateway, db(), 'materials', { repair: false })).projects).toMatchObject({ missing: [], stale: [], extra: [] });
  });

  it('reconcile makes a missing projects index, with its settings, when repairing', async () => {
    const { id } = await register();
    const report = await reconcile(gateway, db(), 'materials', { repair: true });
    expect(report.projects).toMatchObject({ missing: [id], repaired: true });
    expect(gateway.indexes.get(projectsIndex)?.settings.filterableAttributes).toContain('partnerOrganisationIds');
    expect([...indexed().keys()]).toEqual([id]);
  });

  describe('searching', () => {
    it('asks the projects index, and never shows a hit the database says the viewer may no longer see', async () => {
      const open = await register({ name: 'Lido reopening' });
      const narrowed = await register({ name: 'Lido costs', visibility: 'organisation' });
      // The index has not caught up: it still says the narrowed project is public.
      gateway.onSearch = (queries) =>
        queries.map((q) => ({
          indexUid: q.indexUid,
          query: q.q ?? '',
          processingTimeMs: 0,
          totalHits: 2,
          hitsPerPage: 20,
          page: 1,
          totalPages: 1,
          hits: [open.id, narrowed.id].map((id) => ({ id, name: 'Lido', summary: '', councilSlug: 'bristol', councilName: bristol.name, phase: 'discovery', status: 'active', topics: [], collaboration: [] })),
          facetDistribution: { councilSlug: { bristol: 2 } },
        }));
      const engine = new MeilisearchSearchEngine(gateway, db(), 'materials');
      const results = await engine.searchProjects(anonymous, projectQuery('lido', {}, { pageSize: 20 }));
      expect(results.hits.map((hit) => hit.id)).toEqual([open.id]);
      expect(results.total).toBe(1);
      expect(results.facets.councils).toEqual([{ value: 'bristol', label: bristol.name, count: 2, selected: false }]);
      const sent = gateway.calls.find((c) => c.method === 'multiSearch')?.argument as { indexUid: string; filter: unknown[] }[];
      expect(sent[0]?.indexUid).toBe(projectsIndex);
      expect(sent[0]?.filter[0]).toBe('visibility IN ["public"]');
      expect((await engine.searchProjects(bristolMember, projectQuery('lido'))).hits.map((hit) => hit.id).sort()).toEqual([open.id, narrowed.id].sort());
    });

    it('answers from Postgres, saying so, when Meilisearch fails', async () => {
      await register({ name: 'Lido reopening' });
      await register({ name: 'Lido costs', visibility: 'organisation' });
      gateway.onSearch = () => {
        throw new Error('Meilisearch is down');
      };
      const withMeili = { ...hub.services, search: new MeilisearchSearchEngine(gateway, db(), 'materials') };
      for (const viewer of [anonymous, bristolMember, leedsMember]) {
        const expected = await searchProjects(hub.services, viewer, projectQuery('lido'));
        const found = await searchProjects(withMeili, viewer, projectQuery('lido'));
        expect(found.fallback).toBe(true);
        expect(expected.fallback).toBe(false);
        expect({ ...found, fallback: false }).toEqual(expected);
      }
      expect((await searchProjects(withMeili, anonymous, projectQuery('lido'))).hits.map((hit) => hit.name)).toEqual(['Lido reopening']);
    });
  });
});
