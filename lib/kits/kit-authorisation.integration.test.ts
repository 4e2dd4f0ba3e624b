import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Viewer, type Visibility } from '@/lib/auth/viewer';
import { AppError } from '@/lib/errors';
import { insertMaterial } from '@/lib/commitments/testing/fixtures';
import { council, outcomeOf, person, type Council, type Outcome } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { addKitItem } from './add-kit-item';
import { changeKitNote } from './change-kit-note';
import { deleteKit } from './delete-kit';
import { getKit } from './get-kit';
import { listKits } from './list-kits';
import { makeKit } from './make-kit';
import { moveKitItem } from './move-kit-item';
import { openKitZip } from './open-kit-zip';
import { removeKitItem } from './remove-kit-item';
import { kitState } from './testing/fixtures';
import { updateKit } from './update-kit';

// The permission matrix for kits: every verb, on a kit Bristol made, tried by each kind of viewer, for
// each visibility. 'not_found' wherever the viewer cannot see the kit (saying "forbidden" would tell
// them it exists); 'forbidden' where they can see it but not do this. Written out as a table, not
// derived from lib/auth/permissions/kits.ts, so a change to the rules has to change this too.

const who = ['anonymous', 'member of another council', 'member of the council', 'site admin'] as const;
type Who = (typeof who)[number];
const visibilityColumns: Visibility[] = ['public', 'councils', 'organisation'];

const A: Outcome = 'allowed';
const F: Outcome = 'forbidden';
const N: Outcome = 'not_found';

type Verb = 'see it' | 'find it in the list' | 'download it' | 'edit' | 'add a material' | 'remove an item' | 'move an item' | 'change a note' | 'delete';
const readVerbs: Verb[] = ['see it', 'find it in the list', 'download it'];

//                                          public councils organisation
const canSee: Record<Who, Outcome[]> = {
  anonymous: /*                        */ [A, N, N],
  'member of another council': /*      */ [A, A, N],
  'member of the council': /*          */ [A, A, A],
  'site admin': /*                     */ [A, A, A],
};
const canChange: Record<Who, Outcome[]> = {
  anonymous: /*                        */ [F, N, N],
  'member of another council': /*      */ [F, F, N],
  'member of the council': /*          */ [A, A, A],
  'site admin': /*                     */ [A, A, A],
};

const expected: Record<Verb, Record<Who, Outcome[]>> = {
  'see it': canSee,
  'find it in the list': canSee,
  'download it': canSee,
  edit: canChange,
  'add a material': canChange,
  'remove an item': canChange,
  'move an item': canChange,
  'change a note': canChange,
  delete: canChange,
};

const matrix = (Object.keys(expected) as Verb[]).flatMap((verb) =>
  who.flatMap((viewer) => visibilityColumns.map((visibility, i) => ({ verb, viewer, visibility, outcome: expected[verb][viewer][i]! }))),
);

const notFound = () => new AppError('not_found', 'Page not found');

describe.each(testDrivers)('kit verbs: who may do what, on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let leeds: Council;
  let maker: Viewer;
  let viewers: Record<Who, Viewer>;
  let first: string;
  let second: string;
  let extra: string;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    bristol = await council(hub, 'bristol');
    leeds = await council(hub, 'leeds');
    maker = (await person(hub, { organisation: bristol })).viewer;
    viewers = {
      anonymous,
      'member of another council': (await person(hub, { organisation: leeds })).viewer,
      'member of the council': (await person(hub, { organisation: bristol })).viewer,
      'site admin': (await person(hub, { isSiteAdmin: true })).viewer,
    };
    // Public materials, so that what the matrix tests is the kit's rule, not the materials'.
    first = await insertMaterial(hub, { organisationId: leeds.id, title: 'Leeds research plan' });
    second = await insertMaterial(hub, { organisationId: bristol.id, title: 'Bristol persona' });
    extra = await insertMaterial(hub, { organisationId: null, title: 'Starter journey map' });
  });
  afterAll(async () => hub?.close());

  /** A fresh kit of Bristol's at this visibility, holding two materials. */
  async function bristolKit(visibility: Visibility): Promise<string> {
    const { id } = await makeKit(hub.services, maker, { title: 'Bins Discovery kit', description: 'For a bins Discovery', visibility });
    await addKitItem(hub.services, maker, { kit: id, material: first, note: 'Start here' });
    await addKitItem(hub.services, maker, { kit: id, material: second });
    return id;
  }

  async function attempt(verb: Verb, viewer: Viewer, id: string): Promise<Outcome> {
    return outcomeOf(async () => {
      switch (verb) {
        case 'see it':
          if (!(await getKit(hub.services, viewer, id))) throw notFound();
          return;
        case 'find it in the list':
          if (!(await listKits(hub.services, viewer)).some((kit) => kit.id === id)) throw notFound();
          return;
        case 'download it': {
          const zip = await openKitZip(hub.services, viewer, id, { hubUrl: 'https://hub.example' });
          if (!zip) throw notFound();
          await zip.body.cancel();
          return;
        }
        case 'edit':
          return updateKit(hub.services, viewer, id, { title: 'Changed title', description: '', visibility: 'public' });
        case 'add a material':
          return addKitItem(hub.services, viewer, { kit: id, material: extra });
        case 'remove an item':
          return removeKitItem(hub.services, viewer, id, { material: first });
        case 'move an item':
          return moveKitItem(hub.services, viewer, id, { material: second, direction: 'up' });
        case 'change a note':
          return changeKitNote(hub.services, viewer, id, { material: first, note: 'A new note' });
        case 'delete':
          return deleteKit(hub.services, viewer, id);
      }
    });
  }

  it.each(matrix)('$viewer: $verb, $visibility → $outcome', async ({ verb, viewer: kind, visibility, outcome }) => {
    const id = await bristolKit(visibility);
    const before = await kitState(hub, id);

    expect(await attempt(verb, viewers[kind], id)).toBe(outcome);

    if (outcome !== 'allowed' || readVerbs.includes(verb)) expect(await kitState(hub, id)).toEqual(before);
    else expect(await kitState(hub, id)).not.toEqual(before);
  });

  it('only members of a council make a kit, for their own council', async () => {
    const code = async (viewer: Viewer) => {
      try {
        await makeKit(hub.services, viewer, { title: 'A kit', visibility: 'public' });
        return 'allowed';
      } catch (error) {
        return (error as AppError).code;
      }
    };
    expect(await code(anonymous)).toBe('unauthenticated');
    expect(await code(viewers['site admin'])).toBe('forbidden');
    expect(await code((await person(hub, { organisation: null })).viewer)).toBe('forbidden');

    const { id } = await makeKit(hub.services, viewers['member of another council'], { title: 'Leeds kit', visibility: 'public', council: bristol.id });
    const kit = await getKit(hub.services, viewers['member of another council'], id);
    // Whatever the form says, it is the maker's own council's kit.
    expect(kit?.council?.slug).toBe('leeds');
    expect(kit?.can.change).toBe(true);
  });
});
