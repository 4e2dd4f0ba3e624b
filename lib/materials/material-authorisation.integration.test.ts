import { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Viewer, type Visibility } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import { materials } from '@/lib/db/schema';
import { council, outcomeOf, person, type Council, type Outcome } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, storedKeys, type TestHub } from '@/lib/testing/test-hub';
import { createMaterial } from './create-material';
import { checkThenPublish } from '@/lib/file-checks/testing/publish-after-check';
import { deleteMaterial } from './delete-material';
import { getMaterial } from './get-material';
import { listMaterialVersions } from './list-material-versions';
import { generateAlternativeFormats, type AlternativeFormat } from '@/lib/documents';
import { storeVersionAlternatives } from '@/lib/material-alternatives/store-alternatives';
import { listVersionAlternatives } from '@/lib/material-alternatives/list-version-alternatives';
import { materialVersions } from '@/lib/db/schema';
import { openAlternativeDownload, openDownload, openVersionDownload } from './open-download';
import { replaceMaterialFile } from './replace-material-file';
import { restoreMaterial } from './restore-material';
import { updateMaterial } from './update-material';
import { withdrawMaterial } from './withdraw-material';
import { getMaterialLineage } from '@/lib/adapt/get-lineage';
import { relatedMaterials } from '@/lib/search/related';

// The authorisation matrix for materials: every verb, on a material Bristol owns, tried by each
// kind of viewer, for each visibility and status. 'not_found' wherever the viewer cannot see the
// material (saying "forbidden" would tell them it exists); 'forbidden' where they can see it but not
// change it. Every attempt that may change something gets a fresh material, so no row depends on
// another; the reads share one material per column (made once, as a fresh one would be), since each read
// also proves it changed nothing.

const who = ['anonymous', 'member of another council', 'member', 'organisation admin', 'site admin'] as const;
type Who = (typeof who)[number];

// The columns of each row below, in this order.
const cases: { visibility: Visibility; status: 'published' | 'withdrawn' }[] = [
  { visibility: 'public', status: 'published' },
  { visibility: 'councils', status: 'published' },
  { visibility: 'organisation', status: 'published' },
  { visibility: 'public', status: 'withdrawn' },
  { visibility: 'councils', status: 'withdrawn' },
  { visibility: 'organisation', status: 'withdrawn' },
];

const A: Outcome = 'allowed';
const F: Outcome = 'forbidden';
const N: Outcome = 'not_found';
const U: Outcome = 'unauthenticated';

type Verb =
  | 'see the page'
  | 'download'
  | 'list versions'
  | 'download an old version'
  | 'list alternative formats'
  | 'download an alternative format'
  | "download an old version's alternative format"
  | 'edit'
  | 'replace the file'
  | 'withdraw'
  | 'restore'
  | 'delete'
  | 'see where it came from and its adaptations'
  | 'see more like this'
  | 'adapt';

// An alternative format (a template as DOCX or ODT) is its version's file in another shape: exactly
// the version's download rule, never a looser one.
const alternativeVerbs: Verb[] = ['list alternative formats', 'download an alternative format', "download an old version's alternative format"];
const readVerbs: Verb[] = [
  'see the page',
  'download',
  'list versions',
  'download an old version',
  ...alternativeVerbs,
  'see where it came from and its adaptations',
  'see more like this',
];

//                                       published:            withdrawn:
//                                       public councils org   public councils org
const canSee: Record<Who, Outcome[]> = {
  anonymous: /*                     */ [A, N, N, N, N, N],
  'member of another council': /*   */ [A, A, N, N, N, N],
  member: /*                        */ [A, A, A, A, A, A],
  'organisation admin': /*          */ [A, A, A, A, A, A],
  'site admin': /*                  */ [A, A, A, A, A, A],
};
const canChange: Record<Who, Outcome[]> = {
  anonymous: /*                     */ [F, N, N, N, N, N],
  'member of another council': /*   */ [F, F, N, N, N, N],
  member: /*                        */ [A, A, A, A, A, A],
  'organisation admin': /*          */ [A, A, A, A, A, A],
  'site admin': /*                  */ [A, A, A, A, A, A],
};
const canDelete: Record<Who, Outcome[]> = {
  anonymous: /*                     */ [F, N, N, N, N, N],
  'member of another council': /*   */ [F, F, N, N, N, N],
  member: /*                        */ [F, F, F, F, F, F],
  'organisation admin': /*          */ [F, F, F, F, F, F],
  'site admin': /*                  */ [A, A, A, A, A, A],
};

// Adapt (lib/auth/permissions/adapt.ts): anyone in a council, from a published material they may see;
// someone signed out is asked to sign in first (as for sharing, whatever the material); nobody adapts
// a withdrawn material.
const canAdapt: Record<Who, Outcome[]> = {
  anonymous: /*                     */ [U, U, U, U, U, U],
  'member of another council': /*   */ [A, A, N, N, N, N],
  member: /*                        */ [A, A, A, N, N, N],
  'organisation admin': /*          */ [A, A, A, N, N, N],
  'site admin': /*                  */ [A, A, A, N, N, N],
};

const expected: Record<Verb, Record<Who, Outcome[]>> = {
  'see the page': canSee,
  download: canSee,
  'list versions': canSee,
  'download an old version': canSee,
  'list alternative formats': canSee,
  'download an alternative format': canSee,
  "download an old version's alternative format": canSee,
  edit: canChange,
  'replace the file': canChange,
  withdraw: canChange,
  restore: canChange,
  delete: canDelete,
  'see where it came from and its adaptations': canSee,
  'see more like this': canSee,
  adapt: canAdapt,
};

const matrix = (Object.keys(expected) as Verb[]).flatMap((verb) =>
  who.flatMap((viewer) => cases.map((c, i) => ({ verb, viewer, ...c, outcome: expected[verb][viewer][i]! }))),
);

const answers = {
  title: 'Bin collections discussion guide',
  summary: 'Questions we asked residents.',
  phases: ['discovery'],
  artefactType: 'discussion-guide',
  kind: 'template',
  topics: [],
  tags: 'interviews',
  licence: 'OGL-UK-3.0',
};

describe.each(testDrivers)('material verbs: who may do what, on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let leeds: Council;
  let owner: Viewer;
  let alternatives: AlternativeFormat[];

  beforeAll(async () => {
    hub = await createTestHub(driver);
    alternatives = await generateAlternativeFormats('# Bin collections discussion guide\n', { created: new Date('2026-01-15') });
    bristol = await council(hub, 'bristol');
    leeds = await council(hub, 'leeds');
    owner = (await person(hub, { organisation: bristol, name: 'Sam Jones' })).viewer;
  });
  afterAll(async () => hub?.close());

  async function viewerFor(kind: Who): Promise<Viewer> {
    switch (kind) {
      case 'anonymous':
        return anonymous;
      case 'member of another council':
        return (await person(hub, { organisation: leeds })).viewer;
      case 'member':
        return (await person(hub, { organisation: bristol })).viewer;
      case 'organisation admin':
        return (await person(hub, { organisation: bristol, role: 'org_admin' })).viewer;
      case 'site admin':
        return (await person(hub, { isSiteAdmin: true })).viewer;
    }
  }

  /** A fresh material of Bristol's, shared by a Bristol member, then given the status directly. */
  async function bristolMaterial(visibility: Visibility, status: string, withAlternatives = false): Promise<string> {
    const { id } = await createMaterial(hub.services, {
      actor: owner,
      // The same file every time: shared anyway, as a person may after the duplicate warning.
      fields: { ...answers, visibility, shareAnyway: 'yes' },
      file: { fileName: 'guide.txt', stream: Readable.from([Buffer.from('Version one')]) },
    });
    // Shared as a draft; published as its sharer would after the check (drafts: lib/file-checks tests).
    await checkThenPublish(hub.services, owner, id);
    if (withAlternatives) {
      const [version] = await hub.services.db.select({ id: materialVersions.id }).from(materialVersions).where(eq(materialVersions.materialId, id));
      await storeVersionAlternatives(hub.services, version!.id, alternatives);
    }
    if (status === 'withdrawn') {
      await hub.services.db
        .update(materials)
        .set({ status, withdrawnReason: 'Out of date', withdrawnAt: new Date() })
        .where(eq(materials.id, id));
    }
    return id;
  }

  /**
   * The material a read is tried on: one per visibility, status and alternatives, made on first use.
   * Sharing it is safe because a read changes nothing, which every read row checks (`state` below).
   */
  const readMaterials = new Map<string, Promise<string>>();
  function materialToRead(visibility: Visibility, status: string, withAlternatives: boolean): Promise<string> {
    const key = `${visibility} ${status} ${withAlternatives}`;
    if (!readMaterials.has(key)) readMaterials.set(key, bristolMaterial(visibility, status, withAlternatives));
    return readMaterials.get(key)!;
  }

  /** Runs the verb; a read that returns nothing counts as not found, as the pages and routes treat it. */
  async function attempt(verb: Verb, viewer: Viewer, id: string): Promise<Outcome> {
    const found = async (result: Promise<unknown>) => {
      if ((await result) === undefined) throw Object.assign(new Error('not found'), { notFound: true });
    };
    const run = (): Promise<unknown> => {
      switch (verb) {
        case 'see the page':
          return found(getMaterial(hub.services, viewer, id));
        case 'download':
          return found(openDownload(hub.services, viewer, id));
        case 'list versions':
          return listMaterialVersions(hub.services, viewer, id);
        case 'download an old version':
          return found(openVersionDownload(hub.services, viewer, id, 1));
        case 'list alternative formats':
          // Nothing listed is how a page treats a version it may not offer: as not found.
          return found(listVersionAlternatives(hub.services, viewer, id).then((listed) => (listed.length === 2 ? listed : undefined)));
        case 'download an alternative format':
          return found(openAlternativeDownload(hub.services, viewer, id, undefined, 'docx'));
        case "download an old version's alternative format":
          return found(openAlternativeDownload(hub.services, viewer, id, 1, 'odt'));
        case 'edit':
          return updateMaterial(hub.services, viewer, id, { ...answers, title: 'Changed title', visibility: 'public' });
        case 'replace the file':
          return replaceMaterialFile(hub.services, viewer, id, {
            fields: { changeNote: 'New questions' },
            file: { fileName: 'guide.txt', stream: Readable.from([Buffer.from('Version two')]) },
          });
        case 'withdraw':
          return withdrawMaterial(hub.services, viewer, id, { reason: 'Superseded' });
        case 'restore':
          return restoreMaterial(hub.services, viewer, id);
        case 'delete':
          return deleteMaterial(hub.services, viewer, id);
        case 'see where it came from and its adaptations':
          return getMaterialLineage(hub.services, viewer, id);
        case 'see more like this':
          return relatedMaterials(hub.services, viewer, id);
        case 'adapt':
          return createMaterial(hub.services, {
            actor: viewer,
            fields: { ...answers, title: 'Our version', visibility: 'public', shareAnyway: 'yes' },
            file: { fileName: 'ours.txt', stream: Readable.from([Buffer.from('Our version')]) },
            adaptedFrom: id,
          });
      }
    };
    try {
      return await outcomeOf(run);
    } catch (error) {
      if ((error as { notFound?: boolean }).notFound) return 'not_found';
      throw error;
    }
  }

  async function state(id: string) {
    const [row] = await queryRows<{ title: string; status: string; visibility: string; versions: number; events: number }>(
      hub.services.db,
      sql`SELECT m.title, m.status, m.visibility,
                 (SELECT count(*)::int FROM material_versions v WHERE v.material_id = m.id) AS versions,
                 (SELECT count(*)::int FROM audit_events e WHERE e.subject_id = ${id}) AS events
          FROM materials m WHERE m.id = ${id}`,
    );
    return { row, objects: (await storedKeys(hub.services.storage)).length };
  }

  it.each(matrix)('$viewer: $verb, $visibility and $status → $outcome', async ({ verb, viewer: kind, visibility, status, outcome }) => {
    const withAlternatives = alternativeVerbs.includes(verb);
    const id = readVerbs.includes(verb)
      ? await materialToRead(visibility, status, withAlternatives)
      : await bristolMaterial(visibility, status, withAlternatives);
    const viewer = await viewerFor(kind);
    const before = await state(id);

    expect(await attempt(verb, viewer, id)).toBe(outcome);

    if (outcome !== 'allowed' || readVerbs.includes(verb)) {
      // Refused (or only reading): nothing changed, no audit event, no file stored.
      expect(await state(id)).toEqual(before);
    }
  });
});
