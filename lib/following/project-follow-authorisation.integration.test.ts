import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Viewer, type Visibility } from '@/lib/auth/viewer';
import { follows } from '@/lib/db/schema';
import { council, person, type Council } from '@/lib/organisations/testing/fixtures';
import { deleteProject } from '@/lib/projects/delete-project';
import { editProject } from '@/lib/projects/edit-project';
import { inviteProjectPartner } from '@/lib/projects/invite-project-partner';
import { registerProject } from '@/lib/projects/register-project';
import { projectAnswers } from '@/lib/projects/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { follow } from './follow';
import { findFollow, listFollows } from './list-follows';
import { followOutcome, type FollowOutcome } from './testing/fixtures';

// The permission matrix for following a project: one may follow only a project one may see
// (canFollowProject, through the projects' one visibility rule, invited partners included). Written
// out as a table, not derived from lib/auth/permissions.ts, so a change to the rules changes this too.

const who = ['anonymous', 'signed in without a council', 'member of another council', 'member of an invited council', 'member of the council', 'site admin'] as const;
type Who = (typeof who)[number];
const A: FollowOutcome = 'allowed';
const U: FollowOutcome = 'unauthenticated';
const N: FollowOutcome = 'not_found';

//                                                   public councils organisation
const followProject: Record<Who, FollowOutcome[]> = {
  anonymous: /*                               */ [U, U, U],
  'signed in without a council': /*           */ [A, N, N],
  'member of another council': /*             */ [A, A, N],
  'member of an invited council': /*          */ [A, A, A],
  'member of the council': /*                 */ [A, A, A],
  'site admin': /*                            */ [A, A, A],
};
const visibilities: Visibility[] = ['public', 'councils', 'organisation'];

describe.each(testDrivers)('following a project: who may, on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let registrar: Viewer;
  let viewers: Record<Who, Viewer>;
  const projects = new Map<Visibility, string>();

  beforeAll(async () => {
    hub = await createTestHub(driver);
    bristol = await council(hub, 'bristol');
    const leeds = await council(hub, 'leeds');
    const cornwall = await council(hub, 'cornwall');
    registrar = (await person(hub, { organisation: bristol })).viewer;
    viewers = {
      anonymous,
      'signed in without a council': (await person(hub, { organisation: null })).viewer,
      'member of another council': (await person(hub, { organisation: leeds })).viewer,
      'member of an invited council': (await person(hub, { organisation: cornwall })).viewer,
      'member of the council': (await person(hub, { organisation: bristol })).viewer,
      'site admin': (await person(hub, { isSiteAdmin: true })).viewer,
    };
    for (const visibility of visibilities) {
      const { id } = await registerProject(hub.services, registrar, projectAnswers({ name: `Bristol ${visibility} project`, visibility }));
      await inviteProjectPartner(hub.services, registrar, id, { council: cornwall.slug });
      projects.set(visibility, id);
    }
  });
  afterAll(async () => hub?.close());

  const rows = who.flatMap((viewer) => visibilities.map((visibility, i) => ({ viewer, visibility, outcome: followProject[viewer][i]! })));
  it.each(rows)('$viewer: follow a $visibility project → $outcome', async ({ viewer, visibility, outcome }) => {
    const v = viewers[viewer];
    const id = projects.get(visibility)!;
    expect(await followOutcome(() => follow(hub.services, v, { kind: 'project', target: id }))).toBe(outcome);
    // The button and "What you follow" agree with the rule.
    expect((await findFollow(hub.services, v, 'project', id)) !== null).toBe(outcome === A);
    if (v.kind === 'user') {
      const listed = await listFollows(hub.services, v);
      expect(listed.follows.some((f) => f.kind === 'project' && f.href === `/projects/${id}`)).toBe(outcome === A);
    }
  });

  it.each(who.filter((w) => w !== 'anonymous'))('%s: a project that does not exist, or a bad id, is not found', async (viewer) => {
    for (const target of ['00000000-0000-4000-8000-000000000000', 'not-an-id', '']) {
      expect(await followOutcome(() => follow(hub.services, viewers[viewer], { kind: 'project', target }))).toBe(N);
    }
  });

  it('a followed project narrowed to its council, or deleted, leaves "What you follow" at once', async () => {
    const leedsMember = viewers['member of another council'];
    if (leedsMember.kind !== 'user') throw new Error('signed in');
    const { id } = await registerProject(hub.services, registrar, projectAnswers({ name: 'Narrowed later', visibility: 'councils' }));
    await follow(hub.services, leedsMember, { kind: 'project', target: id });
    const names = async () => (await listFollows(hub.services, leedsMember)).follows.map((f) => f.label);
    expect(await names()).toContain('Narrowed later');
    await editProject(hub.services, registrar, id, (projectAnswers({ name: 'Narrowed later', visibility: 'organisation' })));
    expect(await names()).not.toContain('Narrowed later');
    await editProject(hub.services, registrar, id, (projectAnswers({ name: 'Narrowed later', visibility: 'councils' })));
    expect(await names()).toContain('Narrowed later');
    await deleteProject(hub.services, registrar, id);
    expect(await names()).not.toContain('Narrowed later');
  });

  it('deleting a project deletes its follows with it, and no other follow', async () => {
    const follower = viewers['member of the council'];
    const { id } = await registerProject(hub.services, registrar, projectAnswers({ name: 'Deleted later' }));
    const { id: kept } = await registerProject(hub.services, registrar, projectAnswers({ name: 'Kept' }));
    for (const target of [id, kept]) await follow(hub.services, follower, { kind: 'project', target });
    await follow(hub.services, follower, { kind: 'council', target: bristol.slug });
    const followsOf = async (target: string) => (await hub.services.db.select().from(follows).where(eq(follows.target, target))).length;
    expect([await followsOf(id), await followsOf(kept), await followsOf(bristol.id)]).toEqual([1, 1, 1]);
    await deleteProject(hub.services, registrar, id);
    expect([await followsOf(id), await followsOf(kept), await followsOf(bristol.id)]).toEqual([0, 1, 1]);
  });
});
