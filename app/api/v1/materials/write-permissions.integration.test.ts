import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callers, apiWriters, uploadForm, type writers, type ApiWriters, type Caller } from '@/lib/api/testing/api-writers';
import { callApi, jsonBody, type ApiCall } from '@/lib/api/testing/call-api';
import { anonymous, type Viewer, type Visibility } from '@/lib/auth/viewer';
import { materials } from '@/lib/db/schema';
import { checkPendingVersions } from '@/lib/file-checks/check-version';
import { checkThenPublish } from '@/lib/file-checks/testing/publish-after-check';
import { createMaterial } from '@/lib/materials/create-material';
import { getMaterial } from '@/lib/materials/get-material';
import { listMaterialVersions } from '@/lib/materials/list-material-versions';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';

// The permission matrix of the API's writes: every write route, tried by every kind of caller (no
// token, the session cookie alone, a read-only, revoked or expired token, and a read and write token
// of each kind of person), on a material of Bristol's of every visibility and state. Refusals follow
// the pages' rules (404 where the caller may not see it, 403 where they may see but not change it);
// the cookie is never enough. Every answer is checked against the OpenAPI document.
const state = vi.hoisted(() => ({ viewer: { kind: 'anonymous' } as Viewer, hub: undefined as unknown as TestHub }));
vi.mock('@/lib/sign-in/current-viewer', () => ({ currentViewer: async () => state.viewer }));
vi.mock('@/lib/runtime', () => ({ services: async () => state.hub.services }));

const routes = {
  create: (await import('./route')).POST,
  change: (await import('./[id]/route')).PATCH,
  addVersion: (await import('./[id]/versions/route')).POST,
  withdraw: (await import('./[id]/withdraw/route')).POST,
  publish: (await import('./[id]/publish/route')).POST,
  read: (await import('./[id]/route')).GET,
};

const kinds = ['public', 'councils', 'organisation', 'draft', 'withdrawn'] as const;
type Kind = (typeof kinds)[number];
type Verb = 'change' | 'addVersion' | 'withdraw' | 'publish';
type Detail = { id: string; title: string; status: string; visibility: string; council: { slug: string } | null; versions: { versionNumber: number; changeNote: string | null }[] };

const ok = 'allowed';
type Outcome = typeof ok | 401 | 403 | 404 | 409;

//                                  public councils organisation draft withdrawn
const refusedAlways = (status: 401 | 403): Outcome[] => [status, status, status, status, status];
const canChange: Record<Caller, Outcome[]> = {
  anonymous: refusedAlways(401),
  cookie: refusedAlways(401),
  'read-only token': refusedAlways(403),
  'revoked token': refusedAlways(401),
  'expired token': refusedAlways(401),
  'no council': [403, 404, 404, 404, 404],
  'member of another council': [403, 403, 404, 404, 404],
  member: [ok, ok, ok, ok, ok],
  'organisation admin': [ok, ok, ok, ok, ok],
  'site admin': [ok, ok, ok, ok, ok],
};
/** Publishing: as changing, but a withdrawn material is restored on the website, not published (409). */
const canPublish: Record<Caller, Outcome[]> = Object.fromEntries(
  callers.map((who) => [who, canChange[who].map((outcome, i) => (outcome === ok && kinds[i] === 'withdrawn' ? 409 : outcome))]),
) as Record<Caller, Outcome[]>;
const expected: Record<Verb, Record<Caller, Outcome[]>> = { change: canChange, addVersion: canChange, withdraw: canChange, publish: canPublish };
const successStatus: Record<Verb, number> = { change: 200, addVersion: 201, withdraw: 200, publish: 200 };

const answers = { summary: 'Questions we asked.', phases: 'discovery', artefactType: 'discussion-guide', kind: 'template', licence: 'OGL-UK-3.0', shareAnyway: 'yes' };

describe.each(testDrivers)('who may write through the API, on %s', (driver) => {
  let hub: TestHub;
  let people: ApiWriters;
  /** One material of each kind that refused attempts are aimed at: a refusal must change nothing. */
  const shared = {} as Record<Kind, string>;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    state.hub = hub;
    people = await apiWriters(hub);
    for (const kind of kinds) shared[kind] = await bristolMaterial(kind);
  });
  afterAll(async () => hub?.close());

  /** A fresh material of Bristol's: published with the visibility, or a checked draft, or withdrawn. */
  async function bristolMaterial(kind: Kind): Promise<string> {
    const owner = people.viewers.member;
    const visibility: Visibility = kind === 'councils' || kind === 'organisation' ? kind : 'public';
    const { id } = await createMaterial(hub.services, {
      actor: owner,
      fields: { ...answers, title: `A ${kind} guide`, visibility },
      file: { fileName: 'guide.txt', stream: Readable.from([Buffer.from(`Version one ${randomUUID()}`)]) },
    });
    if (kind === 'draft') await checkPendingVersions(hub.services);
    else await checkThenPublish(hub.services, owner, id);
    if (kind === 'withdrawn') await hub.services.db.update(materials).set({ status: 'withdrawn', withdrawnReason: 'Out of date', withdrawnAt: new Date() }).where(eq(materials.id, id));
    return id;
  }

  function attempt(verb: Verb, who: Caller, id: string): Promise<ApiCall> {
    const headers = people.headers(who);
    const params = { id };
    switch (verb) {
      case 'change':
        return callApi(routes.change, `/api/v1/materials/${id}`, { method: 'PATCH', params, ...jsonBody({ title: 'Changed through the API' }, headers) });
      case 'addVersion':
        return callApi(routes.addVersion, `/api/v1/materials/${id}/versions`, {
          method: 'POST',
          params,
          headers,
          body: uploadForm({ changeNote: 'New figures' }, { name: 'guide.txt', content: `Version two ${randomUUID()}` }),
        });
      case 'withdraw':
        return callApi(routes.withdraw, `/api/v1/materials/${id}/withdraw`, { method: 'POST', params, ...jsonBody({ reason: 'Replaced by a newer guide' }, headers) });
      case 'publish':
        return callApi(routes.publish, `/api/v1/materials/${id}/publish`, { method: 'POST', params, ...jsonBody({ reason: 'Checked: fine to publish' }, headers) });
    }
  }

  /** What a refusal must leave as it was. */
  async function snapshot(id: string) {
    const owner = people.viewers.member;
    const detail = await getMaterial(hub.services, owner, id);
    const versions = await listMaterialVersions(hub.services, owner, id);
    return { title: detail?.title, status: detail?.status, versions: versions.length };
  }

  it.each(['change', 'addVersion', 'withdraw', 'publish'] as const)('%s: each caller gets what the pages’ rules give them, for every kind of material', async (verb) => {
    for (const who of callers) {
      // The session cookie is always Bristol's member: it must never count for a write.
      state.viewer = who === 'anonymous' ? anonymous : people.viewers.member;
      for (const [i, kind] of kinds.entries()) {
        const outcome = expected[verb][who][i]!;
        const label = `${verb} by ${who} on ${kind}`;
        const id = outcome === ok || outcome === 409 ? await bristolMaterial(kind) : shared[kind];
        const before = await snapshot(id);
        const { response, body } = await attempt(verb, who, id);
        if (outcome !== ok) {
          expect(response.status, label).toBe(outcome);
          expect(response.headers.get('content-type'), label).toBe('application/problem+json');
          if (outcome !== 409) expect(await snapshot(id), label).toEqual(before);
          continue;
        }
        expect(response.status, label).toBe(successStatus[verb]);
        expect(response.headers.get('cache-control'), label).toBe('no-store');
        const detail = body as Detail;
        expect(detail.id, label).toBe(id);
        if (verb === 'change') expect(detail.title, label).toBe('Changed through the API');
        if (verb === 'addVersion') {
          expect(detail.versions[0], label).toMatchObject({ versionNumber: 2, changeNote: 'New figures' });
          expect(detail.status, label).toBe('draft'); // checked again before anyone else sees it
          expect(response.headers.get('location'), label).toBe(`/api/v1/materials/${id}/versions/2/download`);
        }
        if (verb === 'withdraw') expect(detail.status, label).toBe('withdrawn');
        if (verb === 'publish') expect(detail.status, label).toBe('published');
      }
    }
  });

  it('a revoked or expired token, or none, is told why with a Bearer challenge; a read-only one is told it needs a read and write token', async () => {
    state.viewer = people.viewers.member;
    const id = shared.public;
    const cases: [Caller, number, RegExp, RegExp][] = [
      ['cookie', 401, /read and write API token.*cookie/s, /^Bearer realm="Discovery Commons API"$/],
      ['revoked token', 401, /revoked/, /error="invalid_token"/],
      ['expired token', 401, /expired/, /error="invalid_token"/],
      ['read-only token', 403, /read only/, /error="insufficient_scope", scope="read-write"/],
    ];
    for (const [who, status, detail, challenge] of cases) {
      const { response, body } = await attempt('change', who, id);
      expect(response.status, who).toBe(status);
      expect((body as { detail: string }).detail, who).toMatch(detail);
      expect(response.headers.get('www-authenticate'), who).toMatch(challenge);
    }
  });

  it('shares a material for each visibility as a draft of the sharer’s council, then its reader sees it where the Location says', async () => {
    state.viewer = anonymous;
    const expectedCreate: Record<Caller, number> = {
      anonymous: 401,
      cookie: 401,
      'read-only token': 403,
      'revoked token': 401,
      'expired token': 401,
      'no council': 403,
      'member of another council': 201,
      member: 201,
      'organisation admin': 201,
      'site admin': 201,
    };
    const before = (await hub.services.db.select({ id: materials.id }).from(materials)).length;
    let made = 0;
    for (const who of callers) {
      for (const visibility of ['public', 'councils', 'organisation'] as const) {
        // A site admin belongs to no council: they share public materials, or name the council.
        if (who === 'site admin' && visibility !== 'public') continue;
        const label = `${who} sharing ${visibility}`;
        const form = uploadForm({ ...answers, title: `Shared through the API (${visibility})`, visibility, tags: ['api', 'journey maps'] }, { name: 'map.txt', content: `A map ${randomUUID()}` });
        const { response, body } = await callApi(routes.create, '/api/v1/materials', { method: 'POST', headers: people.headers(who), body: form });
        expect(response.status, label).toBe(expectedCreate[who]);
        if (response.status !== 201) continue;
        made += 1;
        const detail = body as Detail & { tags: string[] };
        expect(response.headers.get('location'), label).toBe(`/api/v1/materials/${detail.id}`);
        expect(detail, label).toMatchObject({ status: 'draft', visibility, title: `Shared through the API (${visibility})` });
        expect(detail.tags, label).toEqual(['api', 'journey maps']);
        const sharer = people.viewers[who as (typeof writers)[number]];
        expect(detail.council?.slug ?? null, label).toBe(sharer.kind === 'user' ? (sharer.organisation?.slug ?? null) : null);
        const read = await callApi(routes.read, `/api/v1/materials/${detail.id}`, { params: { id: detail.id }, headers: people.headers(who) });
        expect(read.response.status, label).toBe(200);
        // A draft: nobody outside its council sees it yet.
        const outsider = await callApi(routes.read, `/api/v1/materials/${detail.id}`, { params: { id: detail.id } });
        expect(outsider.response.status, label).toBe(404);
      }
    }
    expect((await hub.services.db.select({ id: materials.id }).from(materials)).length).toBe(before + made);
  });
});
