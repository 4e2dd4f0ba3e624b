import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Viewer, type Visibility } from '@/lib/auth/viewer';
import { checkThenPublish } from '@/lib/file-checks/testing/publish-after-check';
import { makeVersionPreview } from '@/lib/material-previews/make-preview';
import { council, person, type Council } from '@/lib/organisations/testing/fixtures';
import { picture } from '@/lib/previews/testing/preview-files';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { createMaterial } from './create-material';
import { listAccountMaterials } from './list-account-materials';
import { listOrganisationMaterials } from './list-organisation-materials';

/**
 * Thumbnails in the lists of materials (a council's page, your account), as search results have
 * them: only for materials the list already lets the viewer see, and only where the current file's
 * preview has one. The picture's own route checks permission again (preview-routes tests).
 */

const answers = {
  summary: 'For the test.',
  phases: 'discovery',
  artefactType: 'journey-map',
  kind: 'example',
  tags: '',
  licence: 'OGL-UK-3.0',
  shareAnyway: 'yes',
};

describe.each(testDrivers)('thumbnails in lists of materials on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let member: Viewer;
  let otherCouncil: Viewer;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    hub = await createTestHub(driver);
    bristol = await council(hub, 'bristol');
    member = (await person(hub, { organisation: bristol })).viewer;
    otherCouncil = (await person(hub, { organisation: await council(hub, 'leeds') })).viewer;
    const share = async (title: string, visibility: Visibility, fileName: string, bytes: Buffer, preview: boolean) => {
      const { id, versionId } = await createMaterial(hub.services, {
        actor: member,
        fields: { ...answers, title, visibility },
        file: { fileName, stream: Readable.from([bytes]) },
      });
      await checkThenPublish(hub.services, member, id);
      if (preview) expect(await makeVersionPreview(hub.services, versionId)).toBe('ready');
      ids[title] = id;
    };
    await share('Public journey map', 'public', 'public.png', await picture('png', 40, 30), true);
    await share('Private journey map', 'organisation', 'private.png', await picture('png', 30, 40), true);
    await share('Notes with no picture', 'public', 'notes.txt', Buffer.from('Residents said'), false);
  });
  afterAll(async () => hub?.close());

  const thumbnailsOf = (items: { title: string; thumbnail?: { url: string; width: number; height: number } }[]) =>
    Object.fromEntries(items.map((item) => [item.title, item.thumbnail?.url ?? null]));
  const url = (title: string) => `/materials/${ids[title]}/preview/thumbnail`;

  it("a council's page: each listed material with its thumbnail, and nothing of what the viewer may not see", async () => {
    expect(thumbnailsOf((await listOrganisationMaterials(hub.services, member, bristol.slug)).items)).toEqual({
      'Public journey map': url('Public journey map'),
      'Private journey map': url('Private journey map'),
      'Notes with no picture': null,
    });
    for (const viewer of [otherCouncil, anonymous]) {
      expect(thumbnailsOf((await listOrganisationMaterials(hub.services, viewer, bristol.slug)).items)).toEqual({
        'Public journey map': url('Public journey map'),
        'Notes with no picture': null,
      });
    }
  });

  it('your account: what you shared and your council shared, with their thumbnails and their sizes', async () => {
    const { yours, yourCouncils } = await listAccountMaterials(hub.services, member);
    expect(thumbnailsOf(yours)).toEqual(thumbnailsOf(yourCouncils));
    expect(thumbnailsOf(yours)).toEqual({
      'Public journey map': url('Public journey map'),
      'Private journey map': url('Private journey map'),
      'Notes with no picture': null,
    });
    const portrait = yours.find((item) => item.title === 'Private journey map')!.thumbnail!;
    expect(portrait.height).toBeGreaterThan(portrait.width);
    // Someone from another council has shared nothing: an empty account lists no one else's pictures.
    expect(await listAccountMaterials(hub.services, otherCouncil)).toEqual({ yours: [], yourCouncils: [] });
  });
});
