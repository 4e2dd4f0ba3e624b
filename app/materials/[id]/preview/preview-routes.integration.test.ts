import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { anonymous, type Viewer, type Visibility } from '@/lib/auth/viewer';
import { checkThenPublish } from '@/lib/file-checks/testing/publish-after-check';
import { getMaterialPreview } from '@/lib/material-previews/get-material-preview';
import { makePendingPreviews } from '@/lib/material-previews/pending-previews';
import { createMaterial } from '@/lib/materials/create-material';
import { replaceMaterialFile } from '@/lib/materials/replace-material-file';
import { council, person } from '@/lib/organisations/testing/fixtures';
import { docxWith, manyPagePdf, paragraph, picture } from '@/lib/previews/testing/preview-files';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';

// The preview routes called as Next.js calls them: the viewer and the services are the test's,
// everything else (the download's permission check, the stored pictures, the headers) is real.
const state = vi.hoisted(() => ({ viewer: { kind: 'anonymous' } as Viewer, hub: undefined as unknown as TestHub }));
vi.mock('@/lib/sign-in/current-viewer', () => ({
  currentViewer: async () => state.viewer,
  signInPath: (returnTo: string) => `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`,
}));
vi.mock('@/lib/runtime', () => ({ services: async () => state.hub.services }));

const { GET: pageRoute } = await import('./pages/[n]/route');
const { GET: imageRoute } = await import('./images/[n]/route');
const { GET: thumbnailRoute } = await import('./thumbnail/route');
const { GET: download } = await import('../download/route');

const answers = {
  summary: 'For the test.',
  phases: 'discovery',
  artefactType: 'discussion-guide',
  kind: 'template',
  tags: '',
  licence: 'OGL-UK-3.0',
  shareAnyway: 'yes',
};

const who = ['anonymous', 'member of another council', 'member', 'site admin'] as const;
type Who = (typeof who)[number];
type Case = 'public' | 'councils' | 'organisation' | 'draft';

// 200 where the viewer may download the file, 404 everywhere else: exactly the download's answers.
const expected: Record<Case, Record<Who, 200 | 404>> = {
  public: { anonymous: 200, 'member of another council': 200, member: 200, 'site admin': 200 },
  councils: { anonymous: 404, 'member of another council': 200, member: 200, 'site admin': 200 },
  organisation: { anonymous: 404, 'member of another council': 404, member: 200, 'site admin': 200 },
  draft: { anonymous: 404, 'member of another council': 404, member: 200, 'site admin': 200 },
};

const get = (path: string) => new Request(`http://hub.test${path}`);

describe.each(testDrivers)('preview routes on %s', (driver) => {
  let hub: TestHub;
  const viewers = {} as Record<Who, Viewer>;
  // Per case: a PDF (pages, thumbnail) and a PNG (its picture is images/0).
  const materials = {} as Record<Case, { pdf: string; png: string }>;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    state.hub = hub;
    const bristol = await council(hub, 'bristol');
    const leeds = await council(hub, 'leeds');
    viewers.anonymous = anonymous;
    viewers.member = (await person(hub, { organisation: bristol })).viewer;
    viewers['member of another council'] = (await person(hub, { organisation: leeds })).viewer;
    viewers['site admin'] = (await person(hub, { isSiteAdmin: true })).viewer;
    const share = async (visibility: Visibility, draft: boolean, fileName: string, bytes: Buffer) => {
      const { id } = await createMaterial(hub.services, {
        actor: viewers.member,
        fields: { ...answers, title: `${visibility} ${fileName}`, visibility },
        file: { fileName, stream: Readable.from([bytes]) },
      });
      if (!draft) await checkThenPublish(hub.services, viewers.member, id);
      return id;
    };
    const png = await picture('png', 60, 40);
    for (const [name, visibility, draft] of [
      ['public', 'public', false],
      ['councils', 'councils', false],
      ['organisation', 'organisation', false],
      ['draft', 'public', true],
    ] as const) {
      materials[name] = { pdf: await share(visibility, draft, 'guide.pdf', manyPagePdf(2)), png: await share(visibility, draft, 'map.png', png) };
    }
    await makePendingPreviews(hub.services, { libreOffice: false });
  });
  afterAll(async () => hub?.close());

  const routes = [
    ['page 1', (id: string) => pageRoute(get(`/materials/${id}/preview/pages/1`), { params: Promise.resolve({ id, n: '1' }) }), 'pdf'],
    ['thumbnail', (id: string) => thumbnailRoute(get(`/materials/${id}/preview/thumbnail`), { params: Promise.resolve({ id }) }), 'pdf'],
    ['picture', (id: string) => imageRoute(get(`/materials/${id}/preview/images/0`), { params: Promise.resolve({ id, n: '0' }) }), 'png'],
  ] as const;

  const rows = (Object.keys(expected) as Case[]).flatMap((which) => who.map((viewer) => [which, viewer, expected[which][viewer]] as const));

  it.each(rows)('%s material, %s: %i for every preview route, as for the download', async (which, viewer, status) => {
    state.viewer = viewers[viewer];
    const downloaded = await download(get(`/materials/${materials[which].pdf}/download`), { params: Promise.resolve({ id: materials[which].pdf }) });
    expect(downloaded.status).toBe(status);
    for (const [, route, file] of routes) {
      const response = await route(materials[which][file]);
      expect(response.status).toBe(status);
      if (status === 404) {
        // Not a word more than the download's 404: nothing says the material exists.
        expect(await response.text()).toBe('Material not found');
        continue;
      }
      expect(response.headers.get('content-type')).toBe('image/webp');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");
      expect(response.headers.get('cache-control')).toBe(which === 'public' ? 'private, max-age=300' : 'private, no-store');
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
    }
  });

  it('answers a missing page or picture with a 404 that says so, and refuses odd numbers and ids', async () => {
    state.viewer = anonymous;
    const id = materials.public.pdf;
    const page = (n: string, query = '') => pageRoute(get(`/materials/${id}/preview/pages/${n}${query}`), { params: Promise.resolve({ id, n }) });
    for (const n of ['3', '0', '01', '-1', '1.0', 'x', '99999']) {
      const response = await page(n);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe('This preview has no such page or picture');
    }
    // The PDF has no pictures of its own; the PNG has no pages.
    expect((await imageRoute(get('/'), { params: Promise.resolve({ id, n: '0' }) })).status).toBe(404);
    expect((await pageRoute(get('/'), { params: Promise.resolve({ id: materials.public.png, n: '1' }) })).status).toBe(404);
    expect((await page('1', '?version=1')).status).toBe(200);
    expect(await (await page('1', '?version=2')).text()).toBe('Material not found');
    expect(await (await pageRoute(get('/'), { params: Promise.resolve({ id: 'not-a-uuid', n: '1' }) })).text()).toBe('Material not found');
  });

  it('gives the material page a document\'s HTML with the hub\'s picture addresses and headings in order, or says it is still being made', async () => {
    const docx = docxWith({ body: `${paragraph('Findings', 'Heading2')}${paragraph('What residents told us')}`, relationships: [] });
    const { id } = await createMaterial(hub.services, {
      actor: viewers.member,
      fields: { ...answers, title: 'Findings', visibility: 'public' },
      file: { fileName: 'findings.docx', stream: Readable.from([docx]) },
    });
    expect(await getMaterialPreview(hub.services, viewers.member, id)).toEqual({ status: 'waiting' });
    expect(await getMaterialPreview(hub.services, anonymous, id)).toBeUndefined(); // a draft
    await makePendingPreviews(hub.services);
    const preview = await getMaterialPreview(hub.services, viewers.member, id);
    expect(preview).toMatchObject({ status: 'ready', view: { kind: 'html' } });
    const html = preview?.status === 'ready' && preview.view.kind === 'html' ? preview.view.html : '';
    // A document starting at "Heading 2" starts at h3 on the page (under its h1 and the section's h2).
    expect(html).toContain('<h3>Findings</h3>');
    expect(html).toContain('What residents told us');
  });

  it('gives a version’s page that version’s preview, its pictures asked for by its number, behind the same check', async () => {
    const { id } = await createMaterial(hub.services, {
      actor: viewers.member,
      fields: { ...answers, title: 'Guide with versions', visibility: 'public', shareAnyway: 'yes' },
      file: { fileName: 'guide.pdf', stream: Readable.from([manyPagePdf(2)]) },
    });
    await checkThenPublish(hub.services, viewers.member, id);
    const png = await picture('png', 30, 20);
    await replaceMaterialFile(hub.services, viewers.member, id, { fields: { changeNote: 'A map instead' }, file: { fileName: 'map.png', stream: Readable.from([png]) } });
    await checkThenPublish(hub.services, viewers.member, id);
    await makePendingPreviews(hub.services, { libreOffice: false });

    const version1 = await getMaterialPreview(hub.services, anonymous, id, '1');
    expect(version1).toMatchObject({ status: 'ready', view: { kind: 'pages', pageCount: 2 } });
    const pageUrl = version1?.status === 'ready' && version1.view.kind === 'pages' ? version1.view.pages[0]!.url : '';
    expect(pageUrl).toBe(`/materials/${id}/preview/pages/1?version=1`);
    state.viewer = anonymous;
    expect((await pageRoute(get(pageUrl), { params: Promise.resolve({ id, n: '1' }) })).status).toBe(200);
    // The current version's addresses stay as they were.
    expect(await getMaterialPreview(hub.services, anonymous, id)).toMatchObject({ view: { kind: 'image', picture: { url: `/materials/${id}/preview/images/0` } } });
    expect(await getMaterialPreview(hub.services, anonymous, id, 3)).toBeUndefined();
    expect(await getMaterialPreview(hub.services, viewers['member of another council'], id, '01')).toBeUndefined();
  });
});
