import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/viewer';
import { insertMaterial } from '@/lib/commitments/testing/fixtures';
import { queryRows } from '@/lib/db/query-rows';
import { materials } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { council, person, type Council } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { eq } from 'drizzle-orm';
import { deleteProject } from './delete-project';
import { getProject } from './get-project';
import { inviteProjectPartner } from './invite-project-partner';
import { postProjectUpdate } from './post-project-update';
import { registerProject } from './register-project';
import { dayIn, projectAnswers } from './testing/fixtures';

// Bad input gets a clear message beside its field and changes nothing; moving phase is an update;
// deleting a project keeps its materials and is audited.

describe.each(testDrivers)('project rules, on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let member: Viewer;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    bristol = await council(hub, 'bristol');
    member = (await person(hub, { organisation: bristol })).viewer;
  });
  afterAll(async () => hub?.close());

  const count = async (table: string) => (await queryRows<{ n: number }>(hub.services.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`))[0]!.n;
  async function refusal(attempt: () => Promise<unknown>): Promise<{ field: string; message: string }[]> {
    try {
      await attempt();
    } catch (error) {
      if (error instanceof AppError && error.code === 'validation') return error.fieldErrors;
      throw error;
    }
    throw new Error('it was allowed');
  }

  it.each([
    ['an end before the start', { ...dayIn('start', 10), ...dayIn('end', 5) }, 'endDay', 'The expected end date must be the same as or after the start date'],
    ['a phase outside the vocabulary', { phase: 'gamma' }, 'phase', 'Choose the phase the project is in'],
    ['no name', { name: '  ' }, 'name', 'Enter the project’s name'],
    ['no start date', { startDay: '', startMonth: '', startYear: '' }, 'startDay', 'Enter the date the project started or will start'],
    ['a start date that is not a date', { startDay: '31', startMonth: '2', startYear: '2027' }, 'startDay', 'The date must be a real date'],
    ['a collaboration choice not on the list', { collaboration: ['sharing', 'world-domination'] }, 'collaboration', 'Choose how open the project is from the list'],
    ['a funding source not on the list', { fundingSource: 'lottery' }, 'fundingSource', 'Choose how the project is funded from the list'],
    ['an unknown service area', { topics: ['not-a-topic'] }, 'topics', 'Choose service areas from the list'],
    ['LGSL codes that are not numbers', { lgsl: '524, abc' }, 'lgsl', 'LGSL codes must be whole numbers separated by commas, 20 at most, for example 524, 525'],
    ['a javascript: link', { link1Url: 'javascript:alert(1)' }, 'link1Url', 'Link 1 must be a web address starting with https:// or http://'],
    ['a link without a title', { link1Title: '' }, 'link1Title', 'Enter a title for link 1'],
    ['a visibility outside the three', { visibility: 'everyone' }, 'visibility', 'Choose who can see this project'],
  ])('registering with %s is refused beside its field', async (_case, overrides, field, message) => {
    const before = await count('projects');
    const errors = await refusal(() => registerProject(hub.services, member, projectAnswers(overrides as Record<string, string>)));
    expect(errors).toContainEqual({ field, message });
    expect(await count('projects')).toBe(before);
  });

  it('invitations to a council that does not exist, to one’s own, or twice are refused and change nothing', async () => {
    const { id } = await registerProject(hub.services, member, projectAnswers());
    const before = await count('project_partners');
    expect(await refusal(() => inviteProjectPartner(hub.services, member, id, { council: 'no-such-council' }))).toEqual([{ field: 'council', message: 'There is no council with that name on the hub' }]);
    expect(await refusal(() => inviteProjectPartner(hub.services, member, id, { council: 'x" OR 1=1 --' }))).toEqual([{ field: 'council', message: 'There is no council with that name on the hub' }]);
    expect(await refusal(() => inviteProjectPartner(hub.services, member, id, { council: 'bristol' }))).toEqual([{ field: 'council', message: 'Your council already runs this project: choose another council' }]);
    expect(await count('project_partners')).toBe(before);
    await inviteProjectPartner(hub.services, member, id, { council: 'leeds' });
    expect(await refusal(() => inviteProjectPartner(hub.services, member, id, { council: 'leeds' }))).toEqual([{ field: 'council', message: 'Leeds City Council has already been invited' }]);
    expect(await count('project_partners')).toBe(before + 1);
  });

  it('an update needs text, a known phase and materials the poster may see', async () => {
    const { id } = await registerProject(hub.services, member, projectAnswers());
    const hidden = await insertMaterial(hub, { organisationId: (await council(hub, 'leeds')).id, visibility: 'organisation', title: 'Leeds only' });
    const before = await count('project_updates');
    expect(await refusal(() => postProjectUpdate(hub.services, member, id, { body: '' }))).toEqual([{ field: 'body', message: 'Write the update' }]);
    expect(await refusal(() => postProjectUpdate(hub.services, member, id, { body: 'x', phase: 'gamma' }))).toEqual([{ field: 'phase', message: 'Choose a phase from the list' }]);
    expect(await refusal(() => postProjectUpdate(hub.services, member, id, { body: 'x', materials: hidden }))).toEqual([{ field: 'materials', message: 'Choose materials from the list' }]);
    expect(await refusal(() => postProjectUpdate(hub.services, member, id, { body: 'x', materials: 'not-an-id' }))).toEqual([{ field: 'materials', message: 'Choose materials from the list' }]);
    expect(await count('project_updates')).toBe(before);
  });

  it('moving phase is an update: the project moves, and the timeline shows each phase from the day it began', async () => {
    const { id } = await registerProject(hub.services, member, projectAnswers({ phase: 'discovery' }));
    const report = await insertMaterial(hub, { organisationId: bristol.id, title: 'Discovery report' });
    await postProjectUpdate(hub.services, member, id, { body: 'Discovery done; on to alpha', phase: 'alpha', materials: report, link1Title: 'Weeknote 12', link1Url: 'https://example.org/12' });
    const view = (await getProject(hub.services, member, id))!;
    expect(view.phase).toBe('alpha');
    expect(view.phaseSpans.map((s) => [s.phase, s.until === null])).toEqual([['discovery', false], ['alpha', true]]);
    expect(view.updates[0]).toMatchObject({ body: 'Discovery done; on to alpha', phaseFrom: 'discovery', phaseTo: 'alpha', materials: [{ id: report, title: 'Discovery report' }], links: [{ title: 'Weeknote 12', url: 'https://example.org/12' }] });
  });

  it('a project quiet for 90 days says how long; deleting keeps its materials, unlinked, and is audited', async () => {
    const { id } = await registerProject(hub.services, member, projectAnswers());
    const later = new Date(Date.now() + 100 * 24 * 60 * 60 * 1000);
    expect((await getProject(hub.services, member, id))!.quietForDays).toBeNull();
    expect((await getProject(hub.services, member, id, { now: later }))!.quietForDays).toBe(100);

    const material = await insertMaterial(hub, { organisationId: bristol.id, title: 'Kept material' });
    await hub.services.db.update(materials).set({ projectId: id }).where(eq(materials.id, material));
    expect((await getProject(hub.services, member, id))!.materialsByPhase.flatMap((g) => g.items.map((i) => i.id))).toEqual([material]);
    await deleteProject(hub.services, member, id);
    const [row] = await queryRows<{ project_id: string | null }>(hub.services.db, sql`SELECT project_id FROM materials WHERE id = ${material}`);
    expect(row).toEqual({ project_id: null });
    const [event] = await queryRows<{ action: string; before: { materialsUnlinked: string[]; name: string } }>(hub.services.db, sql`SELECT action, before FROM audit_events WHERE subject_id = ${id} AND action = 'project.deleted'`);
    expect(event!.before.materialsUnlinked).toEqual([material]);
    expect(event!.before.name).toBe('Bin collections redesign');
  });
});
