import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiToken } from '@/lib/api-tokens/create-api-token';
import { revokeApiToken } from '@/lib/api-tokens/revoke-api-token';
import { callApi } from '@/lib/api/testing/call-api';
import { anonymous, type Viewer } from '@/lib/auth/viewer';
import { addDays, todayInLondon } from '@/lib/text/calendar-days';
import { recordCommitment } from '@/lib/commitments/record-commitment';
import { commitmentAnswers } from '@/lib/commitments/testing/fixtures';
import { apiTokens, users } from '@/lib/db/schema';
import { checkThenPublish } from '@/lib/file-checks/testing/publish-after-check';
import { createMaterial } from '@/lib/materials/create-material';
import { materialsOfEveryKind } from '@/lib/open-data/testing/materials-of-every-kind';
import { council, person } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';

// Every API route with a personal API token: read only, read and write, revoked, expired, unknown, and
// no token at all; each answer is checked against the OpenAPI document. The session cookie is set to
// someone else throughout, to prove a request with a token never falls back to it.
const state = vi.hoisted(() => ({ viewer: { kind: 'anonymous' } as Viewer, hub: undefined as unknown as TestHub }));
vi.mock('@/lib/sign-in/current-viewer', () => ({ currentViewer: async () => state.viewer }));
vi.mock('@/lib/runtime', () => ({ services: async () => state.hub.services }));

const routes = {
  search: (await import('./search/route')).GET,
  material: (await import('./materials/[id]/route')).GET,
  download: (await import('./materials/[id]/download/route')).GET,
  downloadVersion: (await import('./materials/[id]/versions/[version]/download/route')).GET,
  vocabularies: (await import('./vocabularies/route')).GET,
  vocabulary: (await import('./vocabularies/[name]/route')).GET,
  councils: (await import('./councils/route')).GET,
  council: (await import('./councils/[slug]/route')).GET,
  commitments: (await import('./commitments/route')).GET,
  commitment: (await import('./commitments/[id]/route')).GET,
  openApi: (await import('./openapi.json/route')).GET,
};
type RouteName = keyof typeof routes;
type Problem = { status: number; detail: string; errors?: { parameter: string }[] };

const textFile = (fileName: string, text: string) => ({ fileName, stream: Readable.from([Buffer.from(text)]) });
function expiresIn(days: number) {
  const [year, month, day] = addDays(todayInLondon(), days).split('-');
  return { expiresDay: day!, expiresMonth: month!, expiresYear: year! };
}

describe.each(testDrivers)('API tokens on every API route, on %s', (driver) => {
  let hub: TestHub;
  const word = `tokenword${randomUUID().slice(0, 8)}`;
  const secrets = {} as Record<'read' | 'readWrite' | 'revoked' | 'expired', string>;
  let member: { id: string; viewer: Viewer };
  let leedsCookie: Viewer;
  let bristolId: string;
  /** Each route's request, aimed at something only Bristol's members may see where the route has a subject. */
  let calls: Record<RouteName, { path: string; params?: Record<string, string> }>;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    state.hub = hub;
    const bristol = await council(hub, 'bristol');
    const leeds = await council(hub, 'leeds');
    bristolId = bristol.id;
    member = await person(hub, { organisation: bristol });
    leedsCookie = (await person(hub, { organisation: leeds })).viewer;
    const { id: privateFile } = await createMaterial(hub.services, {
      actor: member.viewer,
      fields: { title: 'A private guide', summary: 'Questions we asked.', phases: 'discovery', artefactType: 'discussion-guide', kind: 'template', licence: 'OGL-UK-3.0', visibility: 'organisation', shareAnyway: 'yes' },
      file: textFile('guide.txt', 'Only for Bristol'),
    });
    await checkThenPublish(hub.services, member.viewer, privateFile);
    // After the real file is checked: these rows have no stored files, and the check would look for them.
    const [seeded] = await materialsOfEveryKind(hub, word);
    const commitment = (await recordCommitment(hub.services, member.viewer, commitmentAnswers({ visibility: 'organisation', description: 'A private commitment' }))).id;
    const privateMaterial = seeded!.materials.organisation;
    calls = {
      search: { path: `/api/v1/search?q=${word}` },
      material: { path: `/api/v1/materials/${privateMaterial}`, params: { id: privateMaterial } },
      download: { path: `/api/v1/materials/${privateFile}/download`, params: { id: privateFile } },
      downloadVersion: { path: `/api/v1/materials/${privateFile}/versions/1/download`, params: { id: privateFile, version: '1' } },
      vocabularies: { path: '/api/v1/vocabularies' },
      vocabulary: { path: '/api/v1/vocabularies/phases', params: { name: 'phases' } },
      councils: { path: '/api/v1/councils' },
      council: { path: '/api/v1/councils/bristol', params: { slug: 'bristol' } },
      commitments: { path: '/api/v1/commitments' },
      commitment: { path: `/api/v1/commitments/${commitment}`, params: { id: commitment } },
      openApi: { path: '/api/v1/openapi.json' },
    };
    secrets.read = (await createApiToken(hub.services, member.viewer, { name: 'Read', scope: 'read', ...expiresIn(30) })).secret;
    secrets.readWrite = (await createApiToken(hub.services, member.viewer, { name: 'Write', scope: 'read-write', ...expiresIn(30) })).secret;
    const revoked = await createApiToken(hub.services, member.viewer, { name: 'Revoked', scope: 'read', ...expiresIn(30) });
    await revokeApiToken(hub.services, member.viewer, revoked.id);
    secrets.revoked = revoked.secret;
    const expired = await createApiToken(hub.services, member.viewer, { name: 'Expired', scope: 'read', ...expiresIn(30) });
    await hub.services.db
      .update(apiTokens)
      .set({ createdAt: sql`now() - interval '10 days'`, expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(apiTokens.id, expired.id));
    secrets.expired = expired.secret;
  });
  afterAll(async () => hub?.close());

  async function call(route: RouteName, headers: Record<string, string> = {}, suffix = '') {
    const { path, params } = calls[route];
    return callApi(routes[route], path + suffix, { params, headers });
  }

  /** What each route answers someone who may see Bristol's own things, and someone who may not. */
  const privateRoutes: RouteName[] = ['material', 'download', 'downloadVersion', 'commitment'];
  const okFor = (route: RouteName, status: number) => (route === 'download' || route === 'downloadVersion' ? [200, 303] : [200]).includes(status);

  it.each(['read', 'readWrite'] as const)('a %s token acts as its person on every route, never as the cookie', async (which) => {
    state.viewer = leedsCookie;
    for (const route of Object.keys(routes) as RouteName[]) {
      const { response, body } = await call(route, { authorization: `Bearer ${secrets[which]}` });
      expect(okFor(route, response.status), `${route}: ${response.status}`).toBe(true);
      if (route === 'search') {
        // Bristol's own material (its person's council), not Leeds' (the cookie's council).
        const titles = (body as { results: { title: string }[] }).results.map((r) => r.title);
        expect(titles).toContain(`bristol organisation ${word} guide`);
        expect(titles).not.toContain(`leeds organisation ${word} guide`);
      }
      if (route !== 'download' && route !== 'downloadVersion') expect(response.headers.get('vary'), route).toContain('Authorization');
    }
  });

  it.each(['revoked', 'expired'] as const)('a %s token is refused on every route with 401 and a Bearer challenge', async (which) => {
    state.viewer = leedsCookie;
    for (const route of Object.keys(routes) as RouteName[]) {
      const { response, body } = await call(route, { authorization: `Bearer ${secrets[which]}` });
      expect(response.status, route).toBe(401);
      expect(response.headers.get('content-type'), route).toBe('application/problem+json');
      expect(response.headers.get('www-authenticate'), route).toMatch(/^Bearer realm="Discovery Commons API", error="invalid_token"/);
      expect((body as Problem).detail, route).toContain(which === 'revoked' ? 'revoked' : 'expired');
    }
  });

  it('refuses an unknown token and other kinds of Authorization header with 401', async () => {
    for (const header of [`Bearer dc_${'x'.repeat(43)}`, 'Basic dXNlcjpwYXNz', 'Bearer', secrets.read]) {
      const { response } = await call('vocabularies', { authorization: header });
      expect(response.status, header).toBe(401);
      expect(response.headers.get('www-authenticate'), header).toMatch(/^Bearer realm=/);
    }
  });

  it('without a token, every route answers as for anyone (the cookie’s viewer; here signed out)', async () => {
    state.viewer = anonymous;
    for (const route of Object.keys(routes) as RouteName[]) {
      const { response, body } = await call(route);
      if (privateRoutes.includes(route)) expect(response.status, route).toBe(404);
      else expect(response.status, route).toBe(200);
      if (route === 'search') expect((body as { total: number }).total).toBe(2); // the two councils' public ones
    }
  });

  it.each(['token', 'access_token'])('refuses a token in the web address (?%s=) with 400, on every route', async (name) => {
    state.viewer = anonymous;
    for (const route of Object.keys(routes) as RouteName[]) {
      const separator = calls[route].path.includes('?') ? '&' : '?';
      const { response, body } = await call(route, {}, `${separator}${name}=${encodeURIComponent(secrets.read)}`);
      expect(response.status, route).toBe(400);
      expect((body as Problem).detail).toMatch(/Authorization header/);
      expect((body as Problem).errors?.[0]?.parameter).toBe(name);
    }
  });

  it('a person removed from their council loses its access through their token on the next request', async () => {
    state.viewer = anonymous;
    await hub.services.db.update(users).set({ organisationId: null }).where(eq(users.id, member.id));
    try {
      for (const route of privateRoutes) {
        const { response } = await call(route, { authorization: `Bearer ${secrets.read}` });
        expect(response.status, route).toBe(404);
      }
    } finally {
      await hub.services.db.update(users).set({ organisationId: bristolId }).where(eq(users.id, member.id));
    }
    expect((await call('material', { authorization: `Bearer ${secrets.read}` })).response.status).toBe(200);
  });
});
