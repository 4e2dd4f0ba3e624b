import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Viewer, type Visibility } from '@/lib/auth/viewer';
import { insertMaterial } from '@/lib/commitments/testing/fixtures';
import { queryRows } from '@/lib/db/query-rows';
import { AppError } from '@/lib/errors';
import { council, outcomeOf, person, type Council, type Outcome } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { answerProjectInvitation } from './answer-project-invitation';
import { deleteProject } from './delete-project';
import { editProject } from './edit-project';
import { getProject } from './get-project';
import { inviteProjectPartner } from './invite-project-partner';
import { listProjects } from './list-projects';
import { postProjectUpdate } from './post-project-update';
import { registerProject } from './register-project';
import { setProjectStatus } from './set-project-status';
import { projectAnswers } from './testing/fixtures';

// The permission matrix for projects: every verb, on a project Bristol registered with Leeds as an
// accepted partner and Cornwall invited (not yet accepted), tried by each kind of viewer at each
// visibility. 'not_found' wherever the viewer cannot see it; 'forbidden' where they can see it but not
// do this. Written out as a table, so a change to lib/auth/permissions/projects.ts has to change it.

const who = ['anonymous', 'member of another council', 'member of an invited council', 'member of a partner council', 'member of the council', 'admin of the council', 'site admin'] as const;
type Who = (typeof who)[number];
const visibilityColumns: Visibility[] = ['public', 'councils', 'organisation'];

const A: Outcome = 'allowed';
const F: Outcome = 'forbidden';
const N: Outcome = 'not_found';

type Verb = 'see it' | 'find it in the list' | 'edit' | 'post an update' | 'invite a partner' | 'accept the invitation' | 'decline the invitation' | 'mark it paused' | 'delete';
const readVerbs: Verb[] = ['see it', 'find it in the list'];

//                                              public councils organisation
const canSee: Record<Who, Outcome[]> = {
  anonymous: /*                            */ [A, N, N],
  'member of another council': /*          */ [A, A, N],
  'member of an invited council': /*       */ [A, A, A],
  'member of a partner council': /*        */ [A, A, A],
  'member of the council': /*              */ [A, A, A],
  'admin of the council': /*               */ [A, A, A],
  'site admin': /*                         */ [A, A, A],
};
const canEdit: Record<Who, Outcome[]> = {
  anonymous: /*                            */ [F, N, N],
  'member of another council': /*          */ [F, F, N],
  'member of an invited council': /*       */ [F, F, F],
  'member of a partner council': /*        */ [F, F, F],
  'member of the council': /*              */ [A, A, A],
  'admin of the council': /*               */ [A, A, A],
  'site admin': /*                         */ [A, A, A],
};
// Updates are the councils' own word: the council and its accepted partners, not a site admin.
const canPost: Record<Who, Outcome[]> = {
  ...canEdit,
  'member of a partner council': /*        */ [A, A, A],
  'site admin': /*                         */ [F, F, F],
};
const canInvite: Record<Who, Outcome[]> = { ...canEdit, 'site admin': [F, F, F] };
const canAnswer: Record<Who, Outcome[]> = {
  anonymous: /*                            */ [F, N, N],
  'member of another council': /*          */ [F, F, N],
  'member of an invited council': /*       */ [A, A, A],
  'member of a partner council': /*        */ [F, F, F],
  'member of the council': /*              */ [F, F, F],
  'admin of the council': /*               */ [F, F, F],
  'site admin': /*                         */ [F, F, F],
};
const canChangeStatus: Record<Who, Outcome[]> = { ...canEdit, 'member of the council': [F, F, F] };

const expected: Record<Verb, Record<Who, Outcome[]>> = {
  'see it': canSee,
  'find it in the list': canSee,
  edit: canEdit,
  'post an update': canPost,
  'invite a partner': canInvite,
  'accept the invitation': canAnswer,
  'decline the invitation': canAnswer,
  'mark it paused': canChangeStatus,
  delete: canEdit,
};

const matrix = (Object.keys(expected) as Verb[]).flatMap((verb) =>
  who.flatMap((viewer) => visibilityColumns.map((visibility, i) => ({ verb, viewer, visibility, outcome: expected[verb][viewer][i]! }))),
);

describe.each(testDrivers)('project verbs: who may do what, on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let leeds: Council;
  let cornwall: Council;
  let kent: Council;
  let registrar: Viewer;
  let partnerMember: Viewer;
  let viewers: Record<Who, Viewer>;
  let publicMaterial: string;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    bristol = await council(hub, 'bristol');
    leeds = await council(hub, 'leeds');
    cornwall = await council(hub, 'cornwall');
    kent = await council(hub, 'kent');
    const manchester = await council(hub, 'manchester');
    registrar = (await person(hub, { organisation: bristol, name: 'Sam Jones' })).viewer;
    partnerMember = (await person(hub, { organisation: leeds })).viewer;
    viewers = {
      anonymous,
      'member of another council': (await person(hub, { organisation: manchester })).viewer,
      'member of an invited council': (await person(hub, { organisation: cornwall })).viewer,
      'member of a partner council': partnerMember,
      'member of the council': (await person(hub, { organisation: bristol })).viewer,
      'admin of the council': (await person(hub, { organisation: bristol, role: 'org_admin' })).viewer,
      'site admin': (await person(hub, { isSiteAdmin: true })).viewer,
    };
    publicMaterial = await insertMaterial(hub, { organisationId: bristol.id, title: 'Bristol research plan' });
  });
  afterAll(async () => hub?.close());

  /** A fresh project of Bristol's at this visibility: Leeds an accepted partner, Cornwall invited. */
  async function bristolProject(visibility: Visibility): Promise<string> {
    const { id } = await registerProject(hub.services, registrar, projectAnswers({ visibility }));
    await inviteProjectPartner(hub.services, registrar, id, { council: leeds.slug });
    await answerProjectInvitation(hub.services, partnerMember, id, 'accept');
    await inviteProjectPartner(hub.services, registrar, id, { council: cornwall.slug });
    return id;
  }

  async function attempt(verb: Verb, viewer: Viewer, id: string): Promise<Outcome> {
    return outcomeOf(async () => {
      switch (verb) {
        case 'see it':
          if (!(await getProject(hub.services, viewer, id))) throw new AppError('not_found', 'Page not found');
          return;
        case 'find it in the list': {
          const listed = await listProjects(hub.services, viewer, { council: 'bristol', page: 1 }, { pageSize: 1000 });
          if (!listed.items.some((item) => item.id === id)) throw new AppError('not_found', 'Page not found');
          return;
        }
        case 'edit':
          return editProject(hub.services, viewer, id, projectAnswers({ name: 'Changed name' }));
        case 'post an update':
          return postProjectUpdate(hub.services, viewer, id, { body: 'We finished our user research interviews', phase: 'alpha', materials: publicMaterial });
        case 'invite a partner':
          return inviteProjectPartner(hub.services, viewer, id, { council: kent.slug });
        case 'accept the invitation':
          return answerProjectInvitation(hub.services, viewer, id, 'accept');
        case 'decline the invitation':
          return answerProjectInvitation(hub.services, viewer, id, 'decline');
        case 'mark it paused':
          return setProjectStatus(hub.services, viewer, id, { status: 'paused' });
        case 'delete':
          return deleteProject(hub.services, viewer, id);
      }
    });
  }

  async function state(id: string) {
    return queryRows(
      hub.services.db,
      sql`SELECT p.name, p.phase, p.status,
                 (SELECT count(*)::int FROM projects WHERE id = ${id}) AS present,
                 (SELECT count(*)::int FROM project_updates u WHERE u.project_id = ${id}) AS updates,
                 (SELECT string_agg(organisation_id::text || coalesce(accepted_at::text, '-'), ',' ORDER BY organisation_id) FROM project_partners pp WHERE pp.project_id = ${id}) AS partners,
                 (SELECT count(*)::int FROM audit_events a WHERE a.subject_id = ${id}) AS events
          FROM (SELECT 1) one LEFT JOIN projects p ON p.id = ${id}`,
    );
  }

  it.each(matrix)('$viewer: $verb, $visibility → $outcome', async ({ verb, viewer: kind, visibility, outcome }) => {
    const id = await bristolProject(visibility);
    const before = await state(id);

    expect(await attempt(verb, viewers[kind], id)).toBe(outcome);

    if (outcome !== 'allowed' || readVerbs.includes(verb)) expect(await state(id)).toEqual(before);
    else expect(await state(id)).not.toEqual(before);
  });

  it('the contact’s email address is shown only to signed-in council members; name and council to all', async () => {
    const id = await bristolProject('public');
    const seen = async (viewer: Viewer) => (await getProject(hub.services, viewer, id))!.contact;
    expect(await seen(anonymous)).toEqual({ name: 'Sam Jones', council: bristol.name });
    expect((await seen(viewers['member of another council']))?.email).toMatch(/@bristol\.test\.gov\.uk$/);
    expect((await seen((await person(hub, { organisation: null })).viewer))?.email).toBeUndefined();
  });

  it('only members of a council register a project, for their own council', async () => {
    const refused = async (viewer: Viewer) => {
      try {
        await registerProject(hub.services, viewer, projectAnswers());
        return 'allowed';
      } catch (error) {
        return (error as AppError).code;
      }
    };
    const count = async () => (await queryRows<{ n: number }>(hub.services.db, sql`SELECT count(*)::int AS n FROM projects`))[0]!.n;
    const before = await count();
    expect(await refused(anonymous)).toBe('unauthenticated');
    expect(await refused(viewers['site admin'])).toBe('forbidden');
    expect(await refused((await person(hub, { organisation: null })).viewer)).toBe('forbidden');
    expect(await count()).toBe(before);
    const { id } = await registerProject(hub.services, viewers['member of another council'], projectAnswers({ council: bristol.id }));
    const [row] = await queryRows<{ slug: string }>(hub.services.db, sql`SELECT o.slug FROM projects p JOIN organisations o ON o.id = p.organisation_id WHERE p.id = ${id}`);
    expect(row!.slug).toBe('manchester');
  });
});
