import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer, Visibility } from '@/lib/auth/viewer';
import { followerSettings, follows } from '@/lib/db/schema';
import { council, person, type Council } from '@/lib/organisations/testing/fixtures';
import { inviteProjectPartner } from '@/lib/projects/invite-project-partner';
import { postProjectUpdate } from '@/lib/projects/post-project-update';
import { registerProject } from '@/lib/projects/register-project';
import { projectAnswers } from '@/lib/projects/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { buildDigests, type BuiltDigest } from './build-digests';
import { follow } from './follow';
import { listFollows } from './list-follows';

// The permission matrix for project news in digests built for each viewer: new projects in a followed
// council, "a project like yours", and the updates of a followed project (followed while it was wider,
// then narrowed), for a Bristol project at each visibility. Written out as tables, not derived from
// lib/auth/permissions.ts, so a change to the rules has to change this too. "New since your last
// visit" (/account/following) counts the same things, so its rows are here too.

const who = ['signed in without a council', 'member of another council', 'member of an invited council', 'member of the council', 'site admin'] as const;
type Who = (typeof who)[number];
const visibilities: Visibility[] = ['public', 'councils', 'organisation'];

// Following Bristol: is Bristol's new project at each visibility in the digest?
//                                                 public councils organisation
const newProjectListed: Record<Who, boolean[]> = {
  'signed in without a council': /*         */ [true, false, false],
  'member of another council': /*           */ [true, true, false],
  'member of an invited council': /*        */ [true, true, true],
  'member of the council': /*               */ [true, true, true],
  'site admin': /*                          */ [true, true, true],
};
// Following the project (as if from when it was public): are its new updates in the digest?
const updatesListed = newProjectListed;
// Leeds and Cornwall each have a project in the same service area; Bristol's own is never "like
// yours" to Bristol; nobody of no council has projects.
const likeYoursListed: Record<Who, boolean[]> = {
  'signed in without a council': /*         */ [false, false, false],
  'member of another council': /*           */ [true, true, false],
  'member of an invited council': /*        */ [true, true, true],
  'member of the council': /*               */ [false, false, false],
  'site admin': /*                          */ [false, false, false],
};

describe.each(testDrivers)('project news in digests, per viewer, on %s', (driver) => {
  let hub: TestHub;
  let viewers: Record<Who, Extract<Viewer, { kind: 'user' }>>;
  const projects = new Map<Visibility, string>();
  let from: Date;
  const built = new Map<Who, BuiltDigest>();

  beforeAll(async () => {
    hub = await createTestHub(driver);
    const bristol: Council = await council(hub, 'bristol');
    const leeds = await council(hub, 'leeds');
    const cornwall = await council(hub, 'cornwall');
    const user = async (organisation: Council | null, isSiteAdmin = false) => {
      const viewer = (await person(hub, { organisation, isSiteAdmin })).viewer;
      if (viewer.kind !== 'user') throw new Error('signed in');
      return viewer;
    };
    viewers = {
      'signed in without a council': await user(null),
      'member of another council': await user(leeds),
      'member of an invited council': await user(cornwall),
      'member of the council': await user(bristol),
      'site admin': await user(null, true),
    };
    // Leeds's and Cornwall's own projects, in the service area, before the period.
    const area = { topics: ['waste-recycling'], lgsl: '' };
    await registerProject(hub.services, viewers['member of another council'], projectAnswers({ ...area, name: 'Leeds bins' }));
    await registerProject(hub.services, viewers['member of an invited council'], projectAnswers({ ...area, name: 'Cornwall bins' }));
    for (const v of who) await follow(hub.services, viewers[v], { kind: 'council', target: 'bristol' });
    from = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));

    const registrar = (await person(hub, { organisation: bristol })).viewer;
    for (const visibility of visibilities) {
      const { id } = await registerProject(hub.services, registrar, projectAnswers({ ...area, name: `Bristol ${visibility} project`, visibility }));
      await inviteProjectPartner(hub.services, registrar, id, { council: cornwall.slug });
      await postProjectUpdate(hub.services, registrar, id, { body: `News of the ${visibility} project` });
      projects.set(visibility, id);
      // Followed directly: as if followed while it could be seen, and narrowed since.
      for (const v of who) await hub.services.db.insert(follows).values({ userId: viewers[v].userId, kind: 'project', target: id });
    }
    const upTo = new Date(Date.now() + 60_000);
    const { built: digests } = await buildDigests(
      hub.services,
      who.map((v) => ({ digestId: v, userId: viewers[v].userId, coversFrom: from, coversTo: upTo })),
    );
    for (const digest of digests) built.set(digest.digestId as Who, digest);
  });
  afterAll(async () => hub?.close());

  const rows = (table: Record<Who, boolean[]>) => who.flatMap((viewer) => visibilities.map((visibility, i) => ({ viewer, visibility, listed: table[viewer][i]! })));
  const sections = (viewer: Who) => built.get(viewer)!.sections;

  it.each(rows(newProjectListed))('$viewer following Bristol: its new $visibility project is listed: $listed', ({ viewer, visibility, listed }) => {
    const ids = sections(viewer).flatMap((section) => section.newProjects?.items.map((item) => item.id) ?? []);
    expect(ids.includes(projects.get(visibility)!)).toBe(listed);
  });

  it.each(rows(likeYoursListed))('$viewer: Bristol’s new $visibility project is “like yours”: $listed', ({ viewer, visibility, listed }) => {
    const ids = sections(viewer).flatMap((section) => section.similar?.items.map((item) => item.id) ?? []);
    expect(ids.includes(projects.get(visibility)!)).toBe(listed);
  });

  it.each(rows(updatesListed))('$viewer following Bristol’s $visibility project: its updates are listed: $listed', ({ viewer, visibility, listed }) => {
    const ids = sections(viewer).flatMap((section) => (section.updates ? [section.updates.projectId] : []));
    expect(ids.includes(projects.get(visibility)!)).toBe(listed);
  });

  // "New since your last visit": the council's row counts the new projects the viewer may see, each
  // project's row its updates (none for a project they may no longer see: it is not listed).
  const visibleCount = (table: Record<Who, boolean[]>, viewer: Who) => table[viewer].filter(Boolean).length;
  it.each(who)('%s: “new since your last visit” counts the same projects and updates', async (viewer) => {
    const v = viewers[viewer];
    await hub.services.db.update(followerSettings).set({ lastVisitAt: from }).where(eq(followerSettings.userId, v.userId));
    const overview = await listFollows(hub.services, v);
    expect(overview.follows.find((f) => f.kind === 'council')!.newSinceLastVisit).toBe(visibleCount(newProjectListed, viewer));
    const projectRows = overview.follows.filter((f) => f.kind === 'project');
    expect(projectRows.map((f) => f.newSinceLastVisit)).toEqual(new Array(visibleCount(updatesListed, viewer)).fill(1));
    expect(overview.similarProjectsSinceLastVisit).toBe(visibleCount(likeYoursListed, viewer));
  });
});
