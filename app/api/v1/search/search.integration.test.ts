import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { anonymous, type Viewer } from '@/lib/auth/viewer';
import { insertMaterial, materialsOfEveryKind, type MaterialKind, type SeededCouncil } from '@/lib/open-data/testing/materials-of-every-kind';
import { council, person } from '@/lib/organisations/testing/fixtures';
import { bodyOf, callApi } from '@/lib/api/testing/call-api';
import { searchMaterials } from '@/lib/search';
import { parseSearchParams } from '@/lib/search/search-params';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';

// GET /api/v1/search as Next.js calls it, for every kind of viewer; every answer is checked against
// the OpenAPI document (lib/api/testing/call-api.ts).
const state = vi.hoisted(() => ({ viewer: { kind: 'anonymous' } as Viewer, hub: undefined as unknown as TestHub }));
vi.mock('@/lib/sign-in/current-viewer', () => ({ currentViewer: async () => state.viewer }));
vi.mock('@/lib/runtime', () => ({ services: async () => state.hub.services }));

const { GET: search } = await import('./route');

type Results = {
  total: number;
  results: { id: string; title: string; highlights: { title: { text: string; matched: boolean }[] } }[];
  facets: Record<string, { value: string; count: number; selected: boolean }[]>;
  next: string | null;
  nextUrl: string | null;
};
type Problem = { status: number; detail: string; errors?: { parameter: string; message: string }[] };

describe.each(testDrivers)('the search API on %s', (driver) => {
  let hub: TestHub;
  let councils: SeededCouncil[];
  const word = `apiword${randomUUID().slice(0, 8)}`;
  const viewers = {} as Record<'anonymous' | 'noCouncil' | 'bristolMember' | 'bristolAdmin' | 'leedsMember' | 'siteAdmin', Viewer>;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    state.hub = hub;
    councils = await materialsOfEveryKind(hub, word);
    const bristol = await council(hub, 'bristol');
    viewers.anonymous = anonymous;
    viewers.noCouncil = (await person(hub, { organisation: null })).viewer;
    viewers.bristolMember = (await person(hub, { organisation: bristol })).viewer;
    viewers.bristolAdmin = (await person(hub, { organisation: bristol, role: 'org_admin' })).viewer;
    viewers.leedsMember = (await person(hub, { organisation: councils[1]! })).viewer;
    viewers.siteAdmin = (await person(hub, { isSiteAdmin: true })).viewer;
  });
  afterAll(async () => hub?.close());

  async function ask(viewer: Viewer, query: string, headers: Record<string, string> = {}) {
    state.viewer = viewer;
    return callApi(search, `/api/v1/search?${query}`, { headers });
  }

  const titles = (kinds: [number, MaterialKind][]) => kinds.map(([c, kind]) => `${councils[c]!.slug} ${kind} ${word} guide`).sort();

  it('finds what each viewer may see, as the search page does, never drafts or withdrawn materials', async () => {
    const expected: Record<keyof typeof viewers, [number, MaterialKind][]> = {
      anonymous: [[0, 'public'], [1, 'public']],
      noCouncil: [[0, 'public'], [1, 'public']],
      bristolMember: [[0, 'public'], [0, 'councils'], [0, 'organisation'], [1, 'public'], [1, 'councils']],
      bristolAdmin: [[0, 'public'], [0, 'councils'], [0, 'organisation'], [1, 'public'], [1, 'councils']],
      leedsMember: [[0, 'public'], [0, 'councils'], [1, 'public'], [1, 'councils'], [1, 'organisation']],
      siteAdmin: [[0, 'public'], [0, 'councils'], [0, 'organisation'], [1, 'public'], [1, 'councils'], [1, 'organisation']],
    };
    for (const [who, kinds] of Object.entries(expected) as [keyof typeof viewers, [number, MaterialKind][]][]) {
      const { response, body } = await ask(viewers[who], `q=${word}`);
      expect(response.status, who).toBe(200);
      const results = body as Results;
      expect(results.results.map((r) => r.title).sort(), who).toEqual(titles(kinds));
      expect(results.total, who).toBe(kinds.length);
      // The same answer as the search page's, from the same engine and the same parsing.
      const page = await searchMaterials(hub.services, viewers[who], parseSearchParams(new URLSearchParams(`q=${word}`)));
      expect(results.results.map((r) => r.id), who).toEqual(page.hits.map((h) => h.id));
      expect(results.facets.council, who).toEqual(page.facets.councils);
    }
  });

  it('filters, counts facets and marks the words found, as the page does', async () => {
    const { body } = await ask(anonymous, `q=${word}&council=bristol&phase=discovery&sort=newest`);
    const results = body as Results;
    expect(results.results.map((r) => r.title)).toEqual([`bristol public ${word} guide`]);
    expect(results.facets.council!.find((f) => f.value === 'bristol')).toMatchObject({ selected: true, count: 1 });
    expect(results.facets.phase!.find((f) => f.value === 'discovery')).toMatchObject({ selected: true });
    expect(results.results[0]!.highlights.title.some((piece) => piece.matched && piece.text.toLowerCase() === word)).toBe(true);
  });

  it('pages with an opaque cursor until every result has come once', async () => {
    const many = `pages${randomUUID().slice(0, 8)}`;
    for (let n = 0; n < 7; n += 1) {
      await insertMaterial(hub, { title: `${many} ${n}`, organisationId: councils[0]!.id, visibility: 'public', status: 'published' });
    }
    const seen: string[] = [];
    let path = `q=${many}&limit=3`;
    for (let pages = 0; pages < 5; pages += 1) {
      const results = bodyOf<Results>(await ask(anonymous, path));
      expect(results.total).toBe(7);
      seen.push(...results.results.map((r) => r.title));
      if (!results.nextUrl) break;
      expect(results.nextUrl).toContain(`cursor=${results.next}`);
      path = results.nextUrl.replace('/api/v1/search?', '');
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it('refuses bad cursors: made up, broken, or from another search', async () => {
    const first = bodyOf<Results>(await ask(anonymous, `q=${word}&limit=1`));
    expect(first.next).not.toBeNull();
    for (const query of [`q=${word}&limit=1&cursor=nonsense`, `q=${word}&limit=1&cursor=${'A'.repeat(40)}`, `q=other&limit=1&cursor=${first.next}`, `q=${word}&limit=2&cursor=${first.next}`, `q=${word}&limit=1&cursor=${encodeURIComponent('a b')}`]) {
      const { response, body } = await ask(anonymous, query);
      expect(response.status, query).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect((body as Problem).errors?.[0]?.parameter, query).toBe('cursor');
    }
  });

  it('refuses unknown parameters, repeated single ones and wrong values with a clear 400, never a 500', async () => {
    const cases: [string, string][] = [
      ['page=2', 'page'],
      ['q=a&q=b', 'q'],
      ['phase=nonsense', 'phase'],
      ['council=x%22%20OR%20visibility%20%3D%20%22public', 'council'],
      ['council=bristol%5C', 'council'],
      ['sort=oldest', 'sort'],
      ['limit=0', 'limit'],
      ['limit=51', 'limit'],
      ['limit=ten', 'limit'],
      ['limit=2.5', 'limit'],
      [`q=${'a'.repeat(201)}`, 'q'],
      ['licence=MIT%00', 'licence'],
    ];
    for (const [query, parameter] of cases) {
      const { response, body } = await ask(anonymous, query);
      expect(response.status, query).toBe(400);
      const problem = body as Problem;
      expect(problem.errors?.map((e) => e.parameter), query).toContain(parameter);
      expect(problem.detail, query).not.toMatch(/select|stack|zod/i);
    }
  });

  it('gives an ETag to anonymous answers and 304 when it has not changed; signed-in answers are not kept', async () => {
    const first = await ask(anonymous, `q=${word}`);
    const etag = first.response.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.response.headers.get('cache-control')).toBe('private, no-cache');
    const again = await ask(anonymous, `q=${word}`, { 'if-none-match': `W/${etag}, "other"` });
    expect(again.response.status).toBe(304);
    expect(again.response.headers.get('etag')).toBe(etag);
    expect((await ask(anonymous, `q=${word}&sort=newest`, { 'if-none-match': etag })).response.status).toBe(200);

    const member = await ask(viewers.bristolMember, `q=${word}`, { 'if-none-match': etag });
    expect(member.response.status).toBe(200);
    expect(member.response.headers.get('etag')).toBeNull();
    expect(member.response.headers.get('cache-control')).toBe('private, no-store');
  });

  it('refuses an Authorization header that is not a live token, rather than answering as anonymous', async () => {
    const { response, body } = await ask(anonymous, `q=${word}`, { authorization: 'Bearer something' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="Discovery Commons API", error="invalid_token"/);
    expect((body as Problem).detail).toMatch(/token/);
  });
});
