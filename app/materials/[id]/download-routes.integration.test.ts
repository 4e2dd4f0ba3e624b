import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { anonymous, type Viewer, type Visibility } from '@/lib/auth/viewer';
import { materialVersions } from '@/lib/db/schema';
import { generateAlternativeFormats } from '@/lib/documents';
import { storeVersionAlternatives } from '@/lib/material-alternatives/store-alternatives';
import { shareDiscussionGuide } from '@/lib/materials/testing/shared-material';
import { council, person } from '@/lib/organisations/testing/fixtures';
import type { BlobStore } from '@/lib/storage/blob-store';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';

// The download routes of a material's page, called as Next.js calls them: its alternative formats
// under the file's own rule, and a stored file failing part-way through. The viewer and the services
// are the test's; everything else is real. (The change routes are in material-routes.integration.test.ts.)
const state = vi.hoisted(() => ({ viewer: { kind: 'anonymous' } as Viewer, hub: undefined as unknown as TestHub }));
vi.mock('@/lib/sign-in/current-viewer', () => ({
  currentViewer: async () => state.viewer,
  signInPath: (returnTo: string) => `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`,
}));
vi.mock('@/lib/runtime', () => ({ services: async () => state.hub.services }));

const { GET: download } = await import('./download/route');
const { GET: downloadVersion } = await import('./versions/[version]/download/route');
const { GET: downloadAlternative } = await import('./download/[format]/route');
const { GET: downloadVersionAlternative } = await import('./versions/[version]/download/[format]/route');

const site = 'http://hub.test';

describe.each(testDrivers)('material download routes on %s', (driver) => {
  let hub: TestHub;
  let member: Viewer;
  let otherCouncil: Viewer;
  let admin: Viewer;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    state.hub = hub;
    member = (await person(hub, { organisation: await council(hub, 'bristol') })).viewer;
    otherCouncil = (await person(hub, { organisation: await council(hub, 'leeds') })).viewer;
    admin = (await person(hub, { isSiteAdmin: true })).viewer;
  });
  afterAll(async () => hub?.close());
  beforeEach(() => {
    state.viewer = anonymous;
  });

  const share = (visibility: Visibility = 'public') => shareDiscussionGuide(hub, member, visibility);

  it("alternative formats: the same answer as the file's own download for every viewer, as attachments, and 404 for any other format", async () => {
    const files = await generateAlternativeFormats('# Bin collections discussion guide\n', { created: new Date('2026-01-15') });
    const withAlternatives = async (visibility: Visibility) => {
      const id = await share(visibility);
      const [version] = await hub.services.db.select({ id: materialVersions.id }).from(materialVersions).where(eq(materialVersions.materialId, id));
      await storeVersionAlternatives(hub.services, version!.id, files);
      return id;
    };
    const publicId = await withAlternatives('public');
    const councilOnlyId = await withAlternatives('organisation');
    const get = {
      file: (id: string) => download(new Request(`${site}/materials/${id}/download`), { params: Promise.resolve({ id }) }),
      docx: (id: string) => downloadAlternative(new Request(`${site}/materials/${id}/download/docx`), { params: Promise.resolve({ id, format: 'docx' }) }),
      'version 1 odt': (id: string) =>
        downloadVersionAlternative(new Request(`${site}/materials/${id}/versions/1/download/odt`), { params: Promise.resolve({ id, version: '1', format: 'odt' }) }),
    };
    const rows: [string, Viewer, string, number][] = [
      ['anonymous', anonymous, publicId, 200],
      ['anonymous', anonymous, councilOnlyId, 404],
      ['another council', otherCouncil, publicId, 200],
      ['another council', otherCouncil, councilOnlyId, 404],
      ['a member', member, councilOnlyId, 200],
      ['a site admin', admin, councilOnlyId, 200],
    ];
    for (const [, viewer, id, status] of rows) {
      state.viewer = viewer;
      for (const route of Object.values(get)) {
        const response = await route(id);
        expect(response.status).toBe(status);
        await response.body?.cancel();
      }
    }

    state.viewer = anonymous;
    const docx = await get.docx(publicId);
    expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.headers.get('content-disposition')).toBe('attachment; filename=guide.docx');
    expect(docx.headers.get('x-content-type-options')).toBe('nosniff');
    expect(docx.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(Buffer.from(await docx.arrayBuffer())).toEqual(files[0]!.body);
    const odt = await get['version 1 odt'](publicId);
    expect(odt.headers.get('content-disposition')).toBe('attachment; filename=guide.odt');
    expect(Buffer.from(await odt.arrayBuffer())).toEqual(files[1]!.body);

    for (const format of ['pdf', 'txt', 'DOCX', '..', 'docx.html']) {
      const response = await downloadAlternative(new Request(`${site}/materials/${publicId}/download/x`), { params: Promise.resolve({ id: publicId, format }) });
      expect(response.status).toBe(404);
    }
    const noVersion = await downloadVersionAlternative(new Request(`${site}/materials/${publicId}/versions/2/download/docx`), {
      params: Promise.resolve({ id: publicId, version: '2', format: 'docx' }),
    });
    expect(noVersion.status).toBe(404);
  });

  it('storage failing mid-download: the answer breaks off instead of ending as if complete, and the next download works', async () => {
    const id = await share('public');
    const healthy = hub.services;
    // A store whose file stream fails after its first bytes, as S3 or a disk can part-way through.
    const failing: BlobStore = Object.assign(Object.create(healthy.storage) as BlobStore, {
      get: async (key: string) => {
        const { sizeBytes } = await healthy.storage.get(key);
        const body = new Readable({ read() {} });
        body.push(Buffer.from('Vers'));
        setImmediate(() => body.destroy(new Error('socket hang up')));
        return { body, sizeBytes };
      },
    });
    const download = () => downloadVersion(new Request(`${site}/materials/${id}/versions/1/download`), { params: Promise.resolve({ id, version: '1' }) });
    state.hub = { ...hub, services: { ...healthy, storage: failing } };
    try {
      const broken = await download();
      expect(broken.status).toBe(200);
      // The declared length is the whole file's: a browser given fewer bytes knows the download failed.
      expect(broken.headers.get('content-length')).toBe(String('Version one'.length));
      await expect(broken.text()).rejects.toThrow();
    } finally {
      state.hub = hub;
    }
    const whole = await download();
    expect(await whole.text()).toBe('Version one');
  });
});
