import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Viewer } from '@/lib/auth/viewer';
import { insertMaterial } from '@/lib/commitments/testing/fixtures';
import { queryRows } from '@/lib/db/query-rows';
import { AppError } from '@/lib/errors';
import { createMaterial } from '@/lib/materials/create-material';
import { getMaterial } from '@/lib/materials/get-material';
import { updateMaterial } from '@/lib/materials/update-material';
import { council, person, type Council } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { answerProjectInvitation } from './answer-project-invitation';
import { inviteProjectPartner } from './invite-project-partner';
import { materialProjectChoices } from './project-form-choices';
import { registerProject } from './register-project';
import { projectAnswers } from './testing/fixtures';

// Materials belong to projects: a material can be put in one of its council's projects (or one the
// council is an accepted partner in) when shared or changed; anything else is refused beside the
// field; its page links back to the project only for those who may see the project.

const answers = { title: 'Bins discussion guide', phases: ['discovery'], artefactType: 'discussion-guide', kind: 'template', licence: 'OGL-UK-3.0' };
const file = (text: string) => ({ fileName: 'notes.txt', stream: Readable.from([Buffer.from(text)]) });

describe.each(testDrivers)('materials in projects, on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let leeds: Council;
  let bristolMember: Viewer;
  let leedsMember: Viewer;
  let bristolProject: string;
  let leedsPrivateProject: string;
  let leedsOtherProject: string;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    bristol = await council(hub, 'bristol');
    leeds = await council(hub, 'leeds');
    bristolMember = (await person(hub, { organisation: bristol })).viewer;
    leedsMember = (await person(hub, { organisation: leeds })).viewer;
    bristolProject = (await registerProject(hub.services, bristolMember, projectAnswers({ name: 'Bristol bins' }))).id;
    // Leeds's private project with Bristol as an accepted partner; another of Leeds's, not shared.
    leedsPrivateProject = (await registerProject(hub.services, leedsMember, projectAnswers({ name: 'Leeds and Bristol', visibility: 'organisation' }))).id;
    await inviteProjectPartner(hub.services, leedsMember, leedsPrivateProject, { council: 'bristol' });
    await answerProjectInvitation(hub.services, bristolMember, leedsPrivateProject, 'accept');
    leedsOtherProject = (await registerProject(hub.services, leedsMember, projectAnswers({ name: 'Leeds only', visibility: 'public' }))).id;
  });
  afterAll(async () => hub?.close());

  const projectOf = async (id: string) => (await queryRows<{ project_id: string | null }>(hub.services.db, sql`SELECT project_id FROM materials WHERE id = ${id}`))[0]!.project_id;

  it('the share form offers the council’s own projects and those it is an accepted partner in', async () => {
    expect((await materialProjectChoices(hub.services, 'bristol')).map((c) => c.label)).toEqual(['Bristol bins', 'Leeds and Bristol']);
    expect((await materialProjectChoices(hub.services, 'leeds')).map((c) => c.label)).toEqual(['Leeds and Bristol', 'Leeds only']);
  });

  it('sharing into an own or partner project links it; another council’s project, or nonsense, is refused beside the field', async () => {
    const own = await createMaterial(hub.services, { actor: bristolMember, fields: { ...answers, project: bristolProject }, file: file('own') });
    expect(await projectOf(own.id)).toBe(bristolProject);
    const partner = await createMaterial(hub.services, { actor: bristolMember, fields: { ...answers, project: leedsPrivateProject }, file: file('partner') });
    expect(await projectOf(partner.id)).toBe(leedsPrivateProject);

    for (const project of [leedsOtherProject, 'not-an-id', '00000000-0000-4000-8000-000000000000']) {
      const before = (await queryRows<{ n: number }>(hub.services.db, sql`SELECT count(*)::int AS n FROM materials`))[0]!.n;
      const error = await createMaterial(hub.services, { actor: bristolMember, fields: { ...answers, project }, file: file(`refused ${project}`) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).fieldErrors).toContainEqual({ field: 'project', message: 'Choose one of your council’s projects from the list' });
      expect((await queryRows<{ n: number }>(hub.services.db, sql`SELECT count(*)::int AS n FROM materials`))[0]!.n).toBe(before);
    }
  });

  it('changing a material sets or clears its project; a form without the field leaves it as it is', async () => {
    const id = await insertMaterial(hub, { organisationId: bristol.id, title: 'Journey map' });
    const change = (extra: Record<string, string>) =>
      updateMaterial(hub.services, bristolMember, id, { ...answers, title: 'Journey map', visibility: 'public', ...extra });
    await change({ project: bristolProject });
    expect(await projectOf(id)).toBe(bristolProject);
    await change({});
    expect(await projectOf(id)).toBe(bristolProject);
    expect(await change({ project: leedsOtherProject }).catch((e: AppError) => e.fieldErrors)).toEqual([{ field: 'project', message: 'Choose one of your council’s projects from the list' }]);
    expect(await projectOf(id)).toBe(bristolProject);
    await change({ project: '' });
    expect(await projectOf(id)).toBeNull();
  });

  it('the material page links to its project only for those who may see the project', async () => {
    // Shared with a file (the material page needs one), published by the hub itself.
    const { id } = await createMaterial(hub.services, { actor: { kind: 'system', label: 'test' }, fields: { ...answers, council: 'bristol', project: leedsPrivateProject }, file: file('page') });
    const link = async (viewer: Viewer) => (await getMaterial(hub.services, viewer, id))?.project;
    expect(await link(bristolMember)).toEqual({ id: leedsPrivateProject, name: 'Leeds and Bristol' });
    expect(await link(leedsMember)).toEqual({ id: leedsPrivateProject, name: 'Leeds and Bristol' });
    expect(await link(anonymous)).toBeNull();
    expect(await link((await person(hub, { organisation: await council(hub, 'kent') })).viewer)).toBeNull();
  });
});
