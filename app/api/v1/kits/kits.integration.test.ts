import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiToken } from '@/lib/api-tokens/create-api-token';
import { revokeApiToken } from '@/lib/api-tokens/revoke-api-token';
import { bodyOf, callApi } from '@/lib/api/testing/call-api';
import { anonymous, type Viewer, type Visibility } from '@/lib/auth/viewer';
import { addKitItem } from '@/lib/kits/add-kit-item';
import { makeKit } from '@/lib/kits/make-kit';
import { readStream, setStatus, sha256, shareMaterial, unzip } from '@/lib/kits/testing/fixtures';
import { council, person } from '@/lib/organisations/testing/fixtures';
import { addDays, todayInLondon } from '@/lib/text/calendar-days';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';

// GET /api/v1/kits, /api/v1/kits/{id} and /api/v1/kits/{id}/download as Next.js calls them, for every
// kind of viewer (and personal API tokens), on a kit of Bristol's at each visibility holding a public
// Leeds material, a Bristol council-only one and one later withdrawn. The rows are the domain matrix's
// (lib/kits/kit-authorisation.integration.test.ts): the API answers exactly as the kit pages do, and a
// kit shows each viewer only the materials they may see, in order, with their notes. Every answer is
// checked against the OpenAPI document. While a token is sent the session cookie is a Leeds member's.
const state = vi.hoisted(() => ({ viewer: { kind: 'anonymous' } as Viewer, hub: undefined as unknown as TestHub }));
vi.mock('@/lib/sign-in/current-viewer', () => ({ currentViewer: async () => state.viewer }));
vi.mock('@/lib/runtime', () => ({ services: async () => state.hub.services }));

const { GET: listKits } = await import('./route');
const { GET: getKit } = await import('./[id]/route');
const { GET: downloadKit } = await import('./[id]/download/route');

type Problem = { status: number; detail: string };
type Page<T> = { results: T[]; next: string | null; nextUrl: string | null };
type KitBody = { id: string; title: string; visibility: Visibility; items: { material: { id: string; title: string; apiUrl: string }; note: string }[]; fileCount: number; downloadUrl: string };

const who = ['anonymous', 'signed in, no council', 'member of another council', 'member of the council', 'admin of the council', 'site admin', 'read-only token', 'read-write token'] as const;
type Who = (typeof who)[number];
const visibilityColumns: Visibility[] = ['public', 'councils', 'organisation'];

//                                                     public councils organisation   sees Bristol's own material
const sees: Record<Who, [boolean[], boolean]> = {
  anonymous: /*                                   */ [[true, false, false], false],
  'signed in, no council': /*                     */ [[true, false, false], false],
  'member of another council': /*                 */ [[true, true, false], false],
  'member of the council': /*                     */ [[true, true, true], true],
  'admin of the council': /*                      */ [[true, true, true], true],
  'site admin': /*                                */ [[true, true, true], true],
  'read-only token': /*  a council member's       */ [[true, true, true], true],
  'read-write token': /* a council member's       */ [[true, true, true], true],
};

function expiresIn(days: number) {
  const [year, month, day] = addDays(todayInLondon(), days).split('-');
  return { expiresDay: day!, expiresMonth: month!, expiresYear: year! };
}

describe.each(testDrivers)('the kits API on %s', (driver) => {
  let hub: TestHub;
  const viewers = {} as Record<Who, Viewer>;
  const headers = {} as Record<Who, Record<string, string>>;
  const kits = {} as Record<Visibility, string>;
  let revokedToken: string;
  let cookie: Viewer;
  let leedsGuide: { id: string; content: string };
  let bristolOnly: { id: string; content: string };

  beforeAll(async () => {
    hub = await createTestHub(driver);
    state.hub = hub;
    const [bristol, leeds] = await Promise.all([council(hub, 'bristol'), council(hub, 'leeds')]);
    const maker = (await person(hub, { organisation: bristol })).viewer;
    cookie = (await person(hub, { organisation: leeds })).viewer;
    Object.assign(viewers, {
      anonymous,
      'signed in, no council': (await person(hub, { organisation: null })).viewer,
      'member of another council': cookie,
      'member of the council': (await person(hub, { organisation: bristol })).viewer,
      'admin of the council': (await person(hub, { organisation: bristol, role: 'org_admin' })).viewer,
      'site admin': (await person(hub, { isSiteAdmin: true })).viewer,
      'read-only token': cookie,
      'read-write token': cookie,
    });
    for (const w of who) headers[w] = {};
    headers['read-only token'] = { authorization: `Bearer ${(await createApiToken(hub.services, maker, { name: 'Read', scope: 'read', ...expiresIn(30) })).secret}` };
    headers['read-write token'] = { authorization: `Bearer ${(await createApiToken(hub.services, maker, { name: 'Write', scope: 'read-write', ...expiresIn(30) })).secret}` };
    const revoked = await createApiToken(hub.services, maker, { name: 'Revoked', scope: 'read', ...expiresIn(30) });
    await revokeApiToken(hub.services, maker, revoked.id);
    revokedToken = revoked.secret;

    leedsGuide = await shareMaterial(hub, { council: 'leeds', title: 'Leeds discussion guide' });
    bristolOnly = await shareMaterial(hub, { council: 'bristol', title: 'Bristol only notes', visibility: 'organisation' });
    const withdrawn = await shareMaterial(hub, { council: 'leeds', title: 'Leeds withdrawn persona' });
    for (const visibility of visibilityColumns) {
      const { id } = await makeKit(hub.services, maker, { title: `A ${visibility} kit`, description: 'For a bins Discovery', visibility });
      await addKitItem(hub.services, maker, { kit: id, material: bristolOnly.id, note: 'Our own notes' });
      await addKitItem(hub.services, maker, { kit: id, material: leedsGuide.id, note: 'Start here' });
      await addKitItem(hub.services, maker, { kit: id, material: withdrawn.id });
      kits[visibility] = id;
    }
    await setStatus(hub, withdrawn.id, 'withdrawn');
  });
  afterAll(async () => hub?.close());

  function call(w: Who, handler: unknown, path: string, params?: Record<string, string>) {
    state.viewer = viewers[w];
    return callApi(handler, path, { params, headers: headers[w] });
  }

  it.each(who)('%s: lists, shows and zips exactly the kits and materials the kit pages show, 404 for the rest', async (w) => {
    const [visible, ownMaterial] = sees[w];
    const list = await call(w, listKits, '/api/v1/kits?limit=100');
    expect(list.response.status).toBe(200);
    const ours = bodyOf<Page<{ id: string; itemCount: number }>>(list).results.filter((k) => Object.values(kits).includes(k.id));
    expect(ours.map((k) => k.id).sort()).toEqual(visibilityColumns.filter((_, i) => visible[i]).map((v) => kits[v]).sort());
    // Counts never hint at what the viewer may not see.
    for (const k of ours) expect(k.itemCount).toBe(ownMaterial ? 2 : 1);
    expect(list.response.headers.get('etag') !== null).toBe(w === 'anonymous');

    for (const [i, visibility] of visibilityColumns.entries()) {
      const id = kits[visibility];
      const one = await call(w, getKit, `/api/v1/kits/${id}`, { id });
      const zip = await call(w, downloadKit, `/api/v1/kits/${id}/download`, { id });
      if (!visible[i]) {
        for (const { response, body } of [one, zip]) {
          expect(response.status, `${w} × ${visibility}`).toBe(404);
          expect(response.headers.get('content-type')).toBe('application/problem+json');
          expect((body as Problem).detail).toBe('Page not found');
        }
        continue;
      }
      expect(one.response.status, `${w} × ${visibility}`).toBe(200);
      const kit = bodyOf<KitBody>(one);
      expect(kit.visibility).toBe(visibility);
      const expectedItems = [
        ...(ownMaterial ? [{ material: { id: bristolOnly.id, title: 'Bristol only notes', apiUrl: `/api/v1/materials/${bristolOnly.id}` }, note: 'Our own notes' }] : []),
        { material: { id: leedsGuide.id, title: 'Leeds discussion guide', apiUrl: `/api/v1/materials/${leedsGuide.id}` }, note: 'Start here' },
      ];
      expect(kit.items.map(({ material: { id: m, title, apiUrl }, note }) => ({ material: { id: m, title, apiUrl }, note }))).toEqual(expectedItems);
      expect(kit.fileCount).toBe(expectedItems.length);
      expect(kit.downloadUrl).toBe(`/api/v1/kits/${id}/download`);
      if (!ownMaterial) expect(JSON.stringify(kit)).not.toContain('Bristol only');
      expect(JSON.stringify(kit)).not.toContain('withdrawn persona');

      expect(zip.response.status).toBe(200);
      expect(zip.response.headers.get('content-type')).toBe('application/zip');
      expect(zip.response.headers.get('content-disposition')).toMatch(/^attachment; filename="A \w+ kit\.zip"/);
      expect(zip.response.headers.get('x-content-type-options')).toBe('nosniff');
      const bytes = await readStream(Readable.fromWeb(zip.response.body! as never));
      const entries = await unzip(bytes);
      const shas = [...entries.entries()].filter(([name]) => !['README.txt', 'attribution.csv'].includes(name)).map(([, b]) => sha256(b));
      expect(shas).toEqual(ownMaterial ? [sha256(bristolOnly.content), sha256(leedsGuide.content)] : [sha256(leedsGuide.content)]);
      if (!ownMaterial) expect(bytes.toString('latin1')).not.toContain('Bristol only notes');
    }
  });

  it('refuses a revoked token on every kit route with 401, never answering as the cookie', async () => {
    state.viewer = cookie;
    const id = kits.public;
    const authorization = `Bearer ${revokedToken}`;
    for (const call of [
      callApi(listKits, '/api/v1/kits', { headers: { authorization } }),
      callApi(getKit, `/api/v1/kits/${id}`, { params: { id }, headers: { authorization } }),
      callApi(downloadKit, `/api/v1/kits/${id}/download`, { params: { id }, headers: { authorization } }),
    ]) {
      const { response, body } = await call;
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="Discovery Commons API", error="invalid_token"/);
      expect((body as Problem).detail).toContain('revoked');
    }
  });

  it('pages with a cursor, and refuses bad parameters, cursors and ids', async () => {
    const first = bodyOf<Page<{ id: string }>>(await call('site admin', listKits, '/api/v1/kits?limit=1'));
    expect(first.results).toHaveLength(1);
    const seen = [...first.results];
    let next = first.nextUrl;
    while (next) {
      const page = bodyOf<Page<{ id: string }>>(await call('site admin', listKits, next));
      seen.push(...page.results);
      next = page.nextUrl;
    }
    const all = bodyOf<Page<{ id: string }>>(await call('site admin', listKits, '/api/v1/kits?limit=100'));
    expect(seen.map((k) => k.id)).toEqual(all.results.map((k) => k.id));
    expect(all.next).toBeNull();
    for (const query of ['limit=0', 'limit=101', 'visibility=public', 'limit=1&limit=2', `limit=2&cursor=${first.next}`, 'cursor=%2F%2F']) {
      const { response } = await call('anonymous', listKits, `/api/v1/kits?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.headers.get('content-type'), query).toBe('application/problem+json');
    }
    for (const id of [crypto.randomUUID(), 'not-a-uuid']) {
      expect((await call('site admin', getKit, `/api/v1/kits/${id}`, { id })).response.status, id).toBe(404);
      expect((await call('site admin', downloadKit, `/api/v1/kits/${id}/download`, { id })).response.status, id).toBe(404);
    }
  });
});
