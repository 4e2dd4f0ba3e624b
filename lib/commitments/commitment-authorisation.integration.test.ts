import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Viewer, type Visibility } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import { AppError } from '@/lib/errors';
import { council, outcomeOf, person, type Council, type Outcome } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { addLinkEvidence } from './add-link-evidence';
import { addMaterialEvidence } from './add-material-evidence';
import { addProjectEvidence } from './add-project-evidence';
import { registerProject } from '@/lib/projects/register-project';
import { projectAnswers } from '@/lib/projects/testing/fixtures';
import { confirmCommitment } from './confirm-commitment';
import { getCommitment } from './get-commitment';
import { listCommitments } from './list-commitments';
import { recordCommitment } from './record-commitment';
import { removeEvidence } from './remove-evidence';
import { commitmentAnswers, insertMaterial } from './testing/fixtures';
import { updateCommitment } from './update-commitment';
import { withdrawCommitment } from './withdraw-commitment';

// The permission matrix for commitments: every verb, on a commitment Bristol made, tried by each kind
// of viewer, for each visibility. 'not_found' wherever the viewer cannot see it (saying "forbidden"
// would tell them it exists); 'forbidden' where they can see it but not do this. Written out as a
// table, not derived from lib/auth/permissions.ts, so a change to the rules has to change this too.

const who = ['anonymous', 'member of another council', 'member of the council', 'site admin'] as const;
type Who = (typeof who)[number];
const visibilityColumns: Visibility[] = ['public', 'councils', 'organisation'];

const A: Outcome = 'allowed';
const F: Outcome = 'forbidden';
const N: Outcome = 'not_found';

type Verb = 'see it' | 'find it in the list' | 'edit' | 'add a material' | 'add a project' | 'add a link' | 'remove evidence' | 'confirm as kept' | 'withdraw';
const readVerbs: Verb[] = ['see it', 'find it in the list'];

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
// Evidence and confirming are the council's own word: not even a site admin.
const councilOnly: Record<Who, Outcome[]> = {
  anonymous: /*                        */ [F, N, N],
  'member of another council': /*      */ [F, F, N],
  'member of the council': /*          */ [A, A, A],
  'site admin': /*                     */ [F, F, F],
};

const expected: Record<Verb, Record<Who, Outcome[]>> = {
  'see it': canSee,
  'find it in the list': canSee,
  edit: canChange,
  withdraw: canChange,
  'add a material': councilOnly,
  'add a project': councilOnly,
  'add a link': councilOnly,
  'remove evidence': councilOnly,
  'confirm as kept': councilOnly,
};

const matrix = (Object.keys(expected) as Verb[]).flatMap((verb) =>
  who.flatMap((viewer) => visibilityColumns.map((visibility, i) => ({ verb, viewer, visibility, outcome: expected[verb][viewer][i]! }))),
);

describe.each(testDrivers)('commitment verbs: who may do what, on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let leeds: Council;
  let recorder: Viewer;
  let viewers: Record<Who, Viewer>;
  let bristolMaterial: string;
  let bristolProject: string;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    bristol = await council(hub, 'bristol');
    leeds = await council(hub, 'leeds');
    recorder = (await person(hub, { organisation: bristol, name: 'Sam Jones' })).viewer;
    viewers = {
      anonymous,
      'member of another council': (await person(hub, { organisation: leeds })).viewer,
      'member of the council': (await person(hub, { organisation: bristol })).viewer,
      'site admin': (await person(hub, { isSiteAdmin: true })).viewer,
    };
    bristolMaterial = await insertMaterial(hub, { organisationId: bristol.id, title: 'Bristol research plan' });
    bristolProject = (await registerProject(hub.services, recorder, projectAnswers({ visibility: 'public' }))).id;
  });
  afterAll(async () => hub?.close());

  /** A fresh commitment of Bristol's at this visibility, with one link already attached (for "remove"). */
  async function bristolCommitment(visibility: Visibility): Promise<{ id: string; evidenceId: string }> {
    const { id } = await recordCommitment(hub.services, recorder, commitmentAnswers({ visibility }));
    await addLinkEvidence(hub.services, recorder, id, { url: 'https://www.bristol.gov.uk/blog/discovery', title: 'Our Discovery blog post' });
    const [evidence] = await queryRows<{ id: string }>(hub.services.db, sql`SELECT id FROM commitment_evidence WHERE commitment_id = ${id}`);
    return { id, evidenceId: evidence!.id };
  }

  async function attempt(verb: Verb, viewer: Viewer, id: string, evidenceId: string): Promise<Outcome> {
    return outcomeOf(async () => {
      switch (verb) {
        case 'see it':
          if (!(await getCommitment(hub.services, viewer, id))) throw new AppError('not_found', 'Page not found');
          return;
        case 'find it in the list': {
          const listed = await listCommitments(hub.services, viewer, { council: 'bristol', page: 1 }, { pageSize: 1000 });
          if (!listed.items.some((item) => item.id === id)) throw new AppError('not_found', 'Page not found');
          return;
        }
        case 'edit':
          return updateCommitment(hub.services, viewer, id, commitmentAnswers({ description: 'Changed description' }));
        case 'add a material':
          return addMaterialEvidence(hub.services, viewer, id, { material: bristolMaterial });
        case 'add a project':
          return addProjectEvidence(hub.services, viewer, id, { project: bristolProject });
        case 'add a link':
          return addLinkEvidence(hub.services, viewer, id, { url: 'https://example.org/post', title: 'Another post' });
        case 'remove evidence':
          return removeEvidence(hub.services, viewer, id, { evidence: evidenceId });
        case 'confirm as kept':
          return confirmCommitment(hub.services, viewer, id);
        case 'withdraw':
          return withdrawCommitment(hub.services, viewer, id);
      }
    });
  }

  async function state(id: string) {
    return queryRows(
      hub.services.db,
      sql`SELECT c.description, c.confirmed_at, c.visibility,
                 (SELECT count(*)::int FROM commitment_evidence e WHERE e.commitment_id = c.id) AS evidence,
                 (SELECT count(*)::int FROM audit_events a WHERE a.subject_id = ${id}) AS events
          FROM commitments c WHERE c.id = ${id}`,
    );
  }

  it.each(matrix)('$viewer: $verb, $visibility → $outcome', async ({ verb, viewer: kind, visibility, outcome }) => {
    const { id, evidenceId } = await bristolCommitment(visibility);
    const before = await state(id);

    expect(await attempt(verb, viewers[kind], id, evidenceId)).toBe(outcome);

    if (outcome !== 'allowed' || readVerbs.includes(verb)) expect(await state(id)).toEqual(before);
    else expect(await state(id)).not.toEqual(before);
  });

  it('only members of a council record a commitment, for their own council', async () => {
    const refused = async (viewer: Viewer) => {
      try {
        await recordCommitment(hub.services, viewer, commitmentAnswers());
        return 'allowed';
      } catch (error) {
        return (error as AppError).code;
      }
    };
    const count = async () => (await queryRows<{ n: number }>(hub.services.db, sql`SELECT count(*)::int AS n FROM commitments`))[0]!.n;
    const before = await count();
    expect(await refused(anonymous)).toBe('unauthenticated');
    expect(await refused(viewers['site admin'])).toBe('forbidden');
    expect(await refused((await person(hub, { organisation: null })).viewer)).toBe('forbidden');
    expect(await count()).toBe(before);

    const { id } = await recordCommitment(hub.services, viewers['member of another council'], commitmentAnswers({ council: bristol.id }));
    const [row] = await queryRows<{ organisation_id: string }>(hub.services.db, sql`SELECT organisation_id FROM commitments WHERE id = ${id}`);
    // Whatever the form says, it is the recorder's own council's commitment.
    expect(row!.organisation_id).toBe(leeds.id);
  });
});
