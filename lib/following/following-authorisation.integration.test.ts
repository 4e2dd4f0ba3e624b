import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Viewer, type Visibility } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import { council, person, type Council } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { buildDigests } from './build-digests';
import { follow } from './follow';
import { listFollows } from './list-follows';
import { setDigestFrequency } from './set-digest-frequency';
import { followOutcome, publishedMaterial, type FollowOutcome } from './testing/fixtures';
import { unfollow } from './unfollow';

// The permission matrix for following: who may follow, manage follows, and what each viewer's digest
// lists for each visibility of a council's material. Written out as tables, not derived from
// lib/auth/permissions.ts, so a change to the rules has to change this too.

const who = ['anonymous', 'signed in without a council', 'member of another council', 'member of the council', 'site admin'] as const;
type Who = (typeof who)[number];
const A: FollowOutcome = 'allowed';
const U: FollowOutcome = 'unauthenticated';
const N: FollowOutcome = 'not_found';

type Verb = 'follow the council' | 'follow a service area' | 'follow a search' | 'list own follows' | 'choose frequency' | "stop someone else's follow";
const verbs: Record<Verb, Record<Who, FollowOutcome>> = {
  'follow the council': { anonymous: U, 'signed in without a council': A, 'member of another council': A, 'member of the council': A, 'site admin': A },
  'follow a service area': { anonymous: U, 'signed in without a council': A, 'member of another council': A, 'member of the council': A, 'site admin': A },
  'follow a search': { anonymous: U, 'signed in without a council': A, 'member of another council': A, 'member of the council': A, 'site admin': A },
  'list own follows': { anonymous: U, 'signed in without a council': A, 'member of another council': A, 'member of the council': A, 'site admin': A },
  'choose frequency': { anonymous: U, 'signed in without a council': A, 'member of another council': A, 'member of the council': A, 'site admin': A },
  // Even a site admin: a follow is a person's own reading list.
  "stop someone else's follow": { anonymous: U, 'signed in without a council': N, 'member of another council': N, 'member of the council': N, 'site admin': N },
};

// Whether a material Bristol published at each visibility is in the viewer's digest.
//                                            public councils organisation
const inDigest: Record<Exclude<Who, 'anonymous'>, boolean[]> = {
  'signed in without a council': /*      */ [true, false, false],
  'member of another council': /*        */ [true, true, false],
  'member of the council': /*            */ [true, true, true],
  'site admin': /*                       */ [true, true, true],
};
const visibilities: Visibility[] = ['public', 'councils', 'organisation'];

describe.each(testDrivers)('following: who may do what, on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let viewers: Record<Who, Viewer>;
  let othersFollowId: string;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    bristol = await council(hub, 'bristol');
    const leeds = await council(hub, 'leeds');
    viewers = {
      anonymous,
      'signed in without a council': (await person(hub, { organisation: null })).viewer,
      'member of another council': (await person(hub, { organisation: leeds })).viewer,
      'member of the council': (await person(hub, { organisation: bristol })).viewer,
      'site admin': (await person(hub, { isSiteAdmin: true })).viewer,
    };
    const someoneElse = (await person(hub, { organisation: leeds })).viewer;
    othersFollowId = (await follow(hub.services, someoneElse, { kind: 'council', target: 'bristol' })).id;
  });
  afterEach(async () => {
    await hub.services.db.execute(sql`DELETE FROM materials`);
  });
  afterAll(async () => hub?.close());

  const rows = (Object.keys(verbs) as Verb[]).flatMap((verb) => who.map((viewer) => ({ verb, viewer, outcome: verbs[verb][viewer] })));
  it.each(rows)('$viewer: $verb → $outcome', async ({ verb, viewer, outcome }) => {
    const v = viewers[viewer];
    const result = await followOutcome(async () => {
      switch (verb) {
        case 'follow the council':
          return follow(hub.services, v, { kind: 'council', target: 'bristol' });
        case 'follow a service area':
          return follow(hub.services, v, { kind: 'topic', target: 'waste-recycling' });
        case 'follow a search':
          return follow(hub.services, v, { kind: 'search', target: '/search?q=bins&topic=waste-recycling', name: 'Bins' });
        case 'list own follows':
          return listFollows(hub.services, v);
        case 'choose frequency':
          return setDigestFrequency(hub.services, v, 'daily');
        case "stop someone else's follow":
          return unfollow(hub.services, v, othersFollowId);
      }
    });
    expect(result).toBe(outcome);
    // Nobody's attempt touched someone else's follow.
    const [still] = await queryRows<{ n: number }>(hub.services.db, sql`SELECT count(*)::int AS n FROM follows WHERE id = ${othersFollowId}`);
    expect(Number(still!.n)).toBe(1);
  });

  const digestRows = (Object.keys(inDigest) as Exclude<Who, 'anonymous'>[]).flatMap((viewer) =>
    visibilities.map((visibility, i) => ({ viewer, visibility, listed: inDigest[viewer][i]! })),
  );
  it.each(digestRows)('digest for $viewer following Bristol: a $visibility material is listed: $listed', async ({ viewer, visibility, listed }) => {
    const v = viewers[viewer];
    if (v.kind !== 'user') throw new Error('a follower is signed in');
    await follow(hub.services, v, { kind: 'council', target: 'bristol' });
    const from = new Date(Date.now() - 60_000);
    const id = await publishedMaterial(hub, { organisationId: bristol.id, visibility, title: `Bristol ${visibility} plan` });
    const { built } = await buildDigests(hub.services, [{ digestId: 'd', userId: v.userId, coversFrom: from, coversTo: new Date(Date.now() + 60_000) }]);
    const ids = built[0]!.sections.flatMap((section) => section.found.items.map((item) => item.id));
    expect(ids.includes(id)).toBe(listed);
  });
});
