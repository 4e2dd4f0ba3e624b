import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { anonymous, type Viewer, type Visibility } from '@/lib/auth/viewer';
import { addKitItem } from '@/lib/kits/add-kit-item';
import { makeKit } from '@/lib/kits/make-kit';
import { kitState, readStream, sha256, shareMaterial, unzip } from '@/lib/kits/testing/fixtures';
import { council, person, type Council } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';

// The HTTP rows of the kits' permission matrix: the route handlers the forms post to, and the zip
// download, called as Next.js calls them, for each kind of viewer and each visibility. The viewer and
// the services are the test's; everything else (origin check, form parsing, the domain's checks) is real.
//
//   cannot see it                        → 404, nothing changed
//   may see it, not signed in            → 303 to the sign-in page, nothing changed
//   may see it, signed in, may not act   → 403, nothing changed
//   may act                              → 303 back to the kit (or the list, once deleted)
const state = vi.hoisted(() => ({ viewer: { kind: 'anonymous' } as Viewer, hub: undefined as unknown as TestHub }));
vi.mock('@/lib/sign-in/current-viewer', () => ({
  currentViewer: async () => state.viewer,
  signInPath: (returnTo: string) => `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`,
}));
vi.mock('@/lib/runtime', () => ({ services: async () => state.hub.services }));

const { POST: make } = await import('./make/route');
const { POST: save } = await import('./[id]/save/route');
const { POST: remove } = await import('./[id]/items/remove/route');
const { POST: move } = await import('./[id]/items/move/route');
const { POST: note } = await import('./[id]/items/note/route');
const { POST: deleteKit } = await import('./[id]/delete/confirm/route');
const { GET: download } = await import('./[id]/download/route');
const { POST: addToKit } = await import('../materials/[id]/add-to-kit/route');

const site = 'http://hub.test';
type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

function post(path: string, fields: Record<string, string>, origin: string | null = site) {
  return new Request(`${site}${path}`, {
    method: 'POST',
    headers: { host: 'hub.test', ...(origin ? { origin } : {}), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

const who = ['anonymous', 'member of another council', 'member of the council', 'site admin'] as const;
type Who = (typeof who)[number];
type Answer = 'allowed' | 'sign in' | 403 | 404;
const visibilityColumns: Visibility[] = ['public', 'councils', 'organisation'];

//                                               public     councils   organisation
const change: Record<Who, Answer[]> = {
  anonymous: /*                             */ ['sign in', 404, 404],
  'member of another council': /*           */ [403, 403, 404],
  'member of the council': /*               */ ['allowed', 'allowed', 'allowed'],
  'site admin': /*                          */ ['allowed', 'allowed', 'allowed'],
};
const see: Record<Who, Answer[]> = {
  anonymous: /*                             */ ['allowed', 404, 404],
  'member of another council': /*           */ ['allowed', 'allowed', 404],
  'member of the council': /*               */ ['allowed', 'allowed', 'allowed'],
  'site admin': /*                          */ ['allowed', 'allowed', 'allowed'],
};

describe.each(testDrivers)('kit routes on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let maker: Viewer;
  let viewers: Record<Who, Viewer>;
  let publicFile: { id: string; content: string };
  let bristolOnly: { id: string; content: string };
  let extra: { id: string; content: string };

  beforeAll(async () => {
    hub = await createTestHub(driver);
    state.hub = hub;
    bristol = await council(hub, 'bristol');
    const leeds = await council(hub, 'leeds');
    maker = (await person(hub, { organisation: bristol })).viewer;
    viewers = {
      anonymous,
      'member of another council': (await person(hub, { organisation: leeds })).viewer,
      'member of the council': (await person(hub, { organisation: bristol })).viewer,
      'site admin': (await person(hub, { isSiteAdmin: true })).viewer,
    };
    publicFile = await shareMaterial(hub, { council: 'leeds', title: 'Leeds discussion guide' });
    bristolOnly = await shareMaterial(hub, { council: 'bristol', title: 'Bristol only notes', visibility: 'organisation' });
    extra = await shareMaterial(hub, { council: 'leeds', title: 'Leeds persona' });
  });
  afterAll(async () => hub?.close());
  beforeEach(() => {
    state.viewer = anonymous;
  });

  async function kit(visibility: Visibility) {
    const { id } = await makeKit(hub.services, maker, { title: 'Bins kit', visibility });
    await addKitItem(hub.services, maker, { kit: id, material: publicFile.id });
    await addKitItem(hub.services, maker, { kit: id, material: bristolOnly.id });
    return id;
  }

  const routes: { name: string; handler: Handler; path: string; fields: (kitId: string) => Record<string, string>; param?: 'material'; back: (id: string) => RegExp }[] = [
    { name: 'save changes', handler: save, path: 'save', fields: () => ({ title: 'Forged', visibility: 'public' }), back: (id) => new RegExp(`^/kits/${id}\\?done=updated$`) },
    { name: 'remove an item', handler: remove, path: 'items/remove', fields: () => ({ material: publicFile.id }), back: (id) => new RegExp(`^/kits/${id}\\?done=removed#items$`) },
    { name: 'move an item', handler: move, path: 'items/move', fields: () => ({ material: bristolOnly.id, direction: 'up' }), back: (id) => new RegExp(`^/kits/${id}\\?done=moved#items$`) },
    { name: 'change a note', handler: note, path: 'items/note', fields: () => ({ material: publicFile.id, note: 'Forged' }), back: (id) => new RegExp(`^/kits/${id}\\?done=note#items$`) },
    { name: 'delete', handler: deleteKit, path: 'delete/confirm', fields: () => ({}), back: () => /^\/kits\?done=deleted$/ },
    { name: 'add to a kit', handler: addToKit, path: '', fields: (kitId) => ({ kit: kitId }), param: 'material', back: (id) => new RegExp(`^/kits/${id}\\?done=added#items$`) },
  ];

  const matrix = routes.flatMap((route) =>
    who.flatMap((viewer) => visibilityColumns.map((visibility, i) => ({ route: route.name, viewer, visibility, answer: change[viewer][i]! }))),
  );

  it.each(matrix)('$viewer posts "$route" on a $visibility kit → $answer', async ({ route: name, viewer, visibility, answer }) => {
    const route = routes.find((r) => r.name === name)!;
    const id = await kit(visibility);
    const before = await kitState(hub, id);
    state.viewer = viewers[viewer];

    const request =
      route.param === 'material'
        ? route.handler(post(`/materials/${extra.id}/add-to-kit`, route.fields(id)), { params: Promise.resolve({ id: extra.id }) })
        : route.handler(post(`/kits/${id}/${route.path}`, route.fields(id)), { params: Promise.resolve({ id }) });
    const response = await request;
    const location = response.headers.get('location') ?? '';

    if (answer === 'allowed') {
      expect(response.status).toBe(303);
      expect(location).toMatch(route.back(id));
      expect(await kitState(hub, id)).not.toEqual(before);
      return;
    }
    if (answer === 'sign in') {
      expect(response.status).toBe(303);
      expect(location).toMatch(/^\/sign-in\?callbackUrl=/);
    } else {
      expect(response.status).toBe(answer);
    }
    expect(await kitState(hub, id)).toEqual(before);
  });

  const downloads = who.flatMap((viewer) => visibilityColumns.map((visibility, i) => ({ viewer, visibility, answer: see[viewer][i]! })));

  it.each(downloads)('$viewer downloads a $visibility kit → $answer, holding only what they may see', async ({ viewer, visibility, answer }) => {
    const id = await kit(visibility);
    state.viewer = viewers[viewer];
    const response = await download(new Request(`${site}/kits/${id}/download`), { params: Promise.resolve({ id }) });
    if (answer !== 'allowed') {
      expect(response.status).toBe(answer);
      expect(await response.text()).not.toContain('Bins kit');
      return;
    }
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="Bins kit\.zip"/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const bytes = await readStream(Readable.fromWeb(response.body! as never));
    expect(bytes.length).toBe(Number(response.headers.get('content-length')));
    const entries = await unzip(bytes);
    const shas = [...entries.entries()].filter(([name]) => !['README.txt', 'attribution.csv'].includes(name)).map(([, b]) => sha256(b));
    const seesBristolOnly = viewer === 'member of the council' || viewer === 'site admin';
    expect(shas).toEqual(seesBristolOnly ? [sha256(publicFile.content), sha256(bristolOnly.content)] : [sha256(publicFile.content)]);
    if (!seesBristolOnly) expect(bytes.toString('latin1')).not.toContain('Bristol only notes');
  });

  it('a post from another site, or with no origin, is refused before anything happens, even from a member', async () => {
    const id = await kit('public');
    const before = await kitState(hub, id);
    state.viewer = viewers['member of the council'];
    for (const origin of ['https://evil.example', null]) {
      const response = await deleteKit(post(`/kits/${id}/delete/confirm`, {}, origin), { params: Promise.resolve({ id }) });
      expect(response.status).toBe(403);
    }
    expect(await kitState(hub, id)).toEqual(before);
  });

  it('a malformed or unknown kit id is "not found", for the forms and the download', async () => {
    state.viewer = viewers['member of the council'];
    for (const id of ['not-an-id', '00000000-0000-4000-8000-000000000000']) {
      expect((await deleteKit(post(`/kits/${id}/delete/confirm`, {}), { params: Promise.resolve({ id }) })).status).toBe(404);
      expect((await download(new Request(`${site}/kits/${id}/download`), { params: Promise.resolve({ id }) })).status).toBe(404);
    }
  });

  it('making: signed out goes to sign in, no council is refused, bad answers come back to the form', async () => {
    const noParams = { params: Promise.resolve({}) } as never;
    state.viewer = anonymous;
    let response = await make(post('/kits/make', { title: 'A kit' }), noParams);
    expect(response.headers.get('location')).toBe('/sign-in?callbackUrl=%2Fkits%2Fnew');
    state.viewer = viewers['site admin'];
    expect((await make(post('/kits/make', { title: 'A kit' }), noParams)).status).toBe(403);
    state.viewer = viewers['member of the council'];
    response = await make(post('/kits/make', { title: '' }), noParams);
    expect(response.headers.get('location')).toMatch(/^\/kits\/new\?attempt=[0-9a-f-]{36}$/);
    response = await make(post('/kits/make', { title: 'Our kit', visibility: 'councils' }), noParams);
    expect(response.headers.get('location')).toMatch(/^\/kits\/[0-9a-f-]{36}\?done=made$/);
  });

  it('adding a material the viewer cannot see, or no kit chosen, comes back to the material page with the problem', async () => {
    const id = await kit('public');
    state.viewer = viewers['member of the council'];
    let response = await addToKit(post(`/materials/${extra.id}/add-to-kit`, { kit: '' }), { params: Promise.resolve({ id: extra.id }) });
    expect(response.headers.get('location')).toMatch(new RegExp(`^/materials/${extra.id}\\?attempt=`));
    // Already in the kit.
    response = await addToKit(post(`/materials/${publicFile.id}/add-to-kit`, { kit: id }), { params: Promise.resolve({ id: publicFile.id }) });
    expect(response.headers.get('location')).toMatch(new RegExp(`^/materials/${publicFile.id}\\?attempt=`));
  });
});
