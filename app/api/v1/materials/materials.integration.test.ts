import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { anonymous, type Viewer, type Visibility } from '@/lib/auth/viewer';
import { bodyOf, callApi } from '@/lib/api/testing/call-api';
import { checkThenPublish } from '@/lib/file-checks/testing/publish-after-check';
import { createMaterial } from '@/lib/materials/create-material';
import { getMaterial } from '@/lib/materials/get-material';
import { replaceMaterialFile } from '@/lib/materials/replace-material-file';
import { withdrawMaterial } from '@/lib/materials/withdraw-material';
import { council, person } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';

// The material routes of the API as Next.js calls them, for every kind of viewer and every kind of
// material; each answer is checked against the OpenAPI document. Downloads are compared with the
// page's own download route: the same check, the same headers.
const state = vi.hoisted(() => ({ viewer: { kind: 'anonymous' } as Viewer, hub: undefined as unknown as TestHub }));
vi.mock('@/lib/sign-in/current-viewer', () => ({ currentViewer: async () => state.viewer }));
vi.mock('@/lib/runtime', () => ({ services: async () => state.hub.services }));

const { GET: material } = await import('./[id]/route');
const { GET: download } = await import('./[id]/download/route');
const { GET: downloadVersion } = await import('./[id]/versions/[version]/download/route');
const { GET: pageDownload } = await import('@/app/materials/[id]/download/route');

type Kind = Visibility | 'draft' | 'withdrawn';
type Detail = { id: string; title: string; visibility: string; status: string; file: { downloadUrl: string; versionNumber: number }; versions: { versionNumber: number; isCurrent: boolean; downloadUrl: string }[] };

const textFile = (fileName: string, text: string) => ({ fileName, stream: Readable.from([Buffer.from(text)]) });

describe.each(testDrivers)('the material API on %s', (driver) => {
  let hub: TestHub;
  const ids = {} as Record<Kind, string>;
  const viewers = {} as Record<'anonymous' | 'noCouncil' | 'bristolMember' | 'bristolAdmin' | 'leedsMember' | 'siteAdmin', Viewer>;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    state.hub = hub;
    const bristol = await council(hub, 'bristol');
    const leeds = await council(hub, 'leeds');
    const sharer = (await person(hub, { organisation: bristol, name: 'Sam Jones' })).viewer;
    viewers.anonymous = anonymous;
    viewers.noCouncil = (await person(hub, { organisation: null })).viewer;
    viewers.bristolMember = (await person(hub, { organisation: bristol })).viewer;
    viewers.bristolAdmin = (await person(hub, { organisation: bristol, role: 'org_admin' })).viewer;
    viewers.leedsMember = (await person(hub, { organisation: leeds })).viewer;
    viewers.siteAdmin = (await person(hub, { isSiteAdmin: true })).viewer;
    const share = async (visibility: Visibility, publish = true) => {
      const { id } = await createMaterial(hub.services, {
        actor: sharer,
        fields: { title: `A ${visibility} guide`, summary: 'Questions we asked.', phases: 'discovery', artefactType: 'discussion-guide', kind: 'template', licence: 'OGL-UK-3.0', visibility, shareAnyway: 'yes' },
        file: textFile('guide.txt', `Version one of the ${visibility} guide`),
      });
      if (publish) await checkThenPublish(hub.services, sharer, id);
      return id;
    };
    for (const visibility of ['public', 'councils', 'organisation'] as const) ids[visibility] = await share(visibility);
    ids.draft = await share('public', false);
    ids.withdrawn = await share('public');
    await withdrawMaterial(hub.services, sharer, ids.withdrawn, { reason: 'Out of date' });
    await replaceMaterialFile(hub.services, sharer, ids.public, { fields: { changeNote: 'Fixed typos' }, file: textFile('guide.txt', 'Version two') });
    await checkThenPublish(hub.services, sharer, ids.public);
  });
  afterAll(async () => hub?.close());

  const kinds: Kind[] = ['public', 'councils', 'organisation', 'draft', 'withdrawn'];

  /** Who sees what on the material's page: the expected answers, written out. */
  const sees: Record<keyof typeof viewers, Kind[]> = {
    anonymous: ['public'],
    noCouncil: ['public'],
    bristolMember: ['public', 'councils', 'organisation', 'draft', 'withdrawn'],
    bristolAdmin: ['public', 'councils', 'organisation', 'draft', 'withdrawn'],
    leedsMember: ['public', 'councils'],
    siteAdmin: ['public', 'councils', 'organisation', 'draft', 'withdrawn'],
  };

  it('shows each viewer the materials the page shows them, and 404 for the rest, alike whether or not they exist', async () => {
    for (const [who, visible] of Object.entries(sees) as [keyof typeof viewers, Kind[]][]) {
      state.viewer = viewers[who];
      for (const kind of kinds) {
        const id = ids[kind];
        const { response, body } = await callApi(material, `/api/v1/materials/${id}`, { params: { id } });
        const page = await getMaterial(hub.services, viewers[who], id);
        expect(response.status === 200, `${who} ${kind}`).toBe(page !== undefined);
        // Drafts and withdrawn materials: seen by their own council and site admins only.
        expect(response.status === 200, `${who} ${kind}`).toBe(visible.includes(kind));
        if (response.status === 200) {
          expect(response.headers.get('cache-control'), `${who} ${kind}`).toBe(who === 'anonymous' ? 'private, no-cache' : 'private, no-store');
          expect((body as Detail).id).toBe(id);
        } else {
          expect(response.status, `${who} ${kind}`).toBe(404);
          expect(body).toMatchObject({ status: 404, detail: 'Material not found' });
        }
      }
    }
    state.viewer = anonymous;
    const missing = crypto.randomUUID();
    expect((await callApi(material, `/api/v1/materials/${missing}`, { params: { id: missing } })).response.status).toBe(404);
    expect((await callApi(material, '/api/v1/materials/not-an-id', { params: { id: 'not-an-id' } })).response.status).toBe(404);
  });

  it('gives the versions, newest first, each with its download link, and no internal fields', async () => {
    state.viewer = anonymous;
    const { body } = await callApi(material, `/api/v1/materials/${ids.public}`, { params: { id: ids.public } });
    const detail = body as Detail;
    expect(detail.versions.map((v) => [v.versionNumber, v.isCurrent])).toEqual([[2, true], [1, false]]);
    expect(detail.file.downloadUrl).toBe(`/api/v1/materials/${ids.public}/download`);
    expect(detail.versions[1]!.downloadUrl).toBe(`/api/v1/materials/${ids.public}/versions/1/download`);
    expect(JSON.stringify(body)).not.toMatch(/storageKey|storage_key|materials\/20\d\d\/|@bristol/);
  });

  it('downloads with the page’s own check and headers: the file for those who may see it, a 404 problem for the rest', async () => {
    for (const [who, visible] of Object.entries(sees) as [keyof typeof viewers, Kind[]][]) {
      state.viewer = viewers[who];
      for (const kind of kinds) {
        const id = ids[kind];
        const api = await callApi(download, `/api/v1/materials/${id}/download`, { params: { id } });
        const page = await pageDownload(new Request(`http://hub.test/materials/${id}/download`), { params: Promise.resolve({ id }) });
        // Drafts and withdrawn files: whatever the page's own download decides (checked against it below).
        if (kind !== 'draft' && kind !== 'withdrawn') expect(api.response.status, `${who} ${kind}`).toBe(visible.includes(kind) ? 200 : 404);
        if (!visible.includes(kind)) expect(api.response.status, `${who} ${kind}`).toBe(404);
        expect(page.status, `${who} ${kind}`).toBe(api.response.status);
        if (api.response.status === 200) {
          for (const header of ['content-type', 'content-length', 'content-disposition', 'x-content-type-options', 'content-security-policy', 'cache-control']) {
            expect(api.response.headers.get(header), `${who} ${kind} ${header}`).toBe(page.headers.get(header));
          }
          expect(api.response.headers.get('content-disposition')).toMatch(/^attachment;/);
          expect(await api.response.text()).toBe(await page.text());
        } else {
          expect(api.response.headers.get('content-type')).toBe('application/problem+json');
          await page.body?.cancel();
        }
      }
    }
  });

  it('downloads an older version for those who may see the material, and 404 for versions that do not exist', async () => {
    state.viewer = anonymous;
    const old = await callApi(downloadVersion, `/api/v1/materials/${ids.public}/versions/1/download`, { params: { id: ids.public, version: '1' } });
    expect(old.response.status).toBe(200);
    expect(await old.response.text()).toBe('Version one of the public guide');
    for (const version of ['3', '0', 'x', '1e3']) {
      const call = await callApi(downloadVersion, `/api/v1/materials/${ids.public}/versions/${version}/download`, { params: { id: ids.public, version } });
      expect(call.response.status, version).toBe(404);
    }
    const hidden = await callApi(downloadVersion, `/api/v1/materials/${ids.organisation}/versions/1/download`, { params: { id: ids.organisation, version: '1' } });
    expect(hidden.response.status).toBe(404);
    state.viewer = viewers.leedsMember;
    const stillHidden = await callApi(downloadVersion, `/api/v1/materials/${ids.organisation}/versions/1/download`, { params: { id: ids.organisation, version: '1' } });
    expect(stillHidden.response.status).toBe(404);
  });

  it('refuses query parameters the material routes do not take', async () => {
    state.viewer = anonymous;
    const { response, body } = await callApi(material, `/api/v1/materials/${ids.public}?expand=all`, { params: { id: ids.public } });
    expect(response.status).toBe(400);
    expect(bodyOf<{ errors: { parameter: string }[] }>({ response, body }).errors[0]!.parameter).toBe('expand');
  });
});
