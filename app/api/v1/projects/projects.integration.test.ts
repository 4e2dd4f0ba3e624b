import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiToken } from '@/lib/api-tokens/create-api-token';
import { revokeApiToken } from '@/lib/api-tokens/revoke-api-token';
import { bodyOf, callApi } from '@/lib/api/testing/call-api';
import { anonymous, type Viewer, type Visibility } from '@/lib/auth/viewer';
import { insertMaterial } from '@/lib/commitments/testing/fixtures';
import { council, person } from '@/lib/organisations/testing/fixtures';
import { answerProjectInvitation } from '@/lib/projects/answer-project-invitation';
import { inviteProjectPartner } from '@/lib/projects/invite-project-partner';
import { postProjectUpdate } from '@/lib/projects/post-project-update';
import { registerProject } from '@/lib/projects/register-project';
import { projectAnswers } from '@/lib/projects/testing/fixtures';
import { addDays, todayInLondon } from '@/lib/text/calendar-days';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';

// GET /api/v1/projects and /api/v1/projects/{id} as Next.js calls them, for every kind of viewer the
// pages know (and personal API tokens), on a project of Bristol's at each visibility with Leeds an
// accepted partner and Cornwall invited. The rows are the domain matrix's (lib/projects/
// project-authorisation.integration.test.ts), written out again: the API must answer exactly as the
// pages do. Every answer is checked against the OpenAPI document. The session cookie is a Manchester
// member's while a token is sent, to prove a token never falls back to it.
const state = vi.hoisted(() => ({ viewer: { kind: 'anonymous' } as Viewer, hub: undefined as unknown as TestHub }));
vi.mock('@/lib/sign-in/current-viewer', () => ({ currentViewer: async () => state.viewer }));
vi.mock('@/lib/runtime', () => ({ services: async () => state.hub.services }));

const { GET: listProjects } = await import('./route');
const { GET: getProject } = await import('./[id]/route');

type Problem = { status: number; detail: string; errors?: { parameter: string }[] };
type Page<T> = { total: number; results: T[]; next: string | null; nextUrl: string | null };
type MaterialRef = { id: string; title: string; apiUrl: string };
type ProjectBody = {
  id: string;
  visibility: Visibility;
  partners: { slug: string; accepted: boolean }[];
  contact: { name: string; council: string; email?: string } | null;
  materials: MaterialRef[];
  hiddenMaterialCount: number;
  updates: { body: string; phaseTo: string | null; materials: MaterialRef[]; hiddenMaterialCount: number }[];
  phases: { phase: string }[];
  feedUrl: string | null;
};

const who = [
  'anonymous',
  'signed in, no council',
  'member of another council',
  'member of an invited council',
  'member of a partner council',
  'member of the council',
  'admin of the council',
  'site admin',
  'read-only token',
  'read-write token',
] as const;
type Who = (typeof who)[number];
const visibilityColumns: Visibility[] = ['public', 'councils', 'organisation'];

//                                                     public councils organisation
const sees: Record<Who, boolean[]> = {
  anonymous: /*                                   */ [true, false, false],
  'signed in, no council': /*                     */ [true, false, false],
  'member of another council': /*                 */ [true, true, false],
  'member of an invited council': /*              */ [true, true, true],
  'member of a partner council': /*               */ [true, true, true],
  'member of the council': /*                     */ [true, true, true],
  'admin of the council': /*                      */ [true, true, true],
  'site admin': /*                                */ [true, true, true],
  'read-only token': /*  a council member's       */ [true, true, true],
  'read-write token': /* a council member's       */ [true, true, true],
};

function expiresIn(days: number) {
  const [year, month, day] = addDays(todayInLondon(), days).split('-');
  return { expiresDay: day!, expiresMonth: month!, expiresYear: year! };
}

describe.each(testDrivers)('the projects API on %s', (driver) => {
  let hub: TestHub;
  const viewers = {} as Record<Who, Viewer>;
  const headers = {} as Record<Who, Record<string, string>>;
  const projects = {} as Record<Visibility, string>;
  let revokedToken: string;
  let cookie: Viewer;
  let publicMaterial: string;
  let privateMaterial: string;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    state.hub = hub;
    const [bristol, leeds, cornwall, manchester] = await Promise.all(['bristol', 'leeds', 'cornwall', 'manchester'].map((slug) => council(hub, slug)));
    const registrar = (await person(hub, { organisation: bristol!, name: 'Sam Jones' })).viewer;
    const partner = (await person(hub, { organisation: leeds! })).viewer;
    const member = (await person(hub, { organisation: bristol! })).viewer;
    cookie = (await person(hub, { organisation: manchester! })).viewer;
    Object.assign(viewers, {
      anonymous,
      'signed in, no council': (await person(hub, { organisation: null })).viewer,
      'member of another council': cookie,
      'member of an invited council': (await person(hub, { organisation: cornwall! })).viewer,
      'member of a partner council': partner,
      'member of the council': member,
      'admin of the council': (await person(hub, { organisation: bristol!, role: 'org_admin' })).viewer,
      'site admin': (await person(hub, { isSiteAdmin: true })).viewer,
      'read-only token': cookie,
      'read-write token': cookie,
    });
    for (const w of who) headers[w] = {};
    headers['read-only token'] = { authorization: `Bearer ${(await createApiToken(hub.services, member, { name: 'Read', scope: 'read', ...expiresIn(30) })).secret}` };
    headers['read-write token'] = { authorization: `Bearer ${(await createApiToken(hub.services, member, { name: 'Write', scope: 'read-write', ...expiresIn(30) })).secret}` };
    const revoked = await createApiToken(hub.services, member, { name: 'Revoked', scope: 'read', ...expiresIn(30) });
    await revokeApiToken(hub.services, member, revoked.id);
    revokedToken = revoked.secret;

    publicMaterial = await insertMaterial(hub, { organisationId: bristol!.id, title: 'Bins interview guide' });
    privateMaterial = await insertMaterial(hub, { organisationId: bristol!.id, visibility: 'organisation', title: 'Private interview notes' });
    for (const visibility of visibilityColumns) {
      const { id } = await registerProject(
        hub.services,
        registrar,
        projectAnswers({ visibility, name: `A ${visibility} project`, topics: ['housing'], collaboration: visibility === 'public' ? ['sharing', 'partners'] : ['sharing'] }),
      );
      await inviteProjectPartner(hub.services, registrar, id, { council: 'leeds' });
      await answerProjectInvitation(hub.services, partner, id, 'accept');
      await inviteProjectPartner(hub.services, registrar, id, { council: 'cornwall' });
      projects[visibility] = id;
    }
    // The public project: its materials and an update, each with one material anyone may see and one only Bristol may.
    await hub.services.db.execute(sql`UPDATE materials SET project_id = ${projects.public} WHERE id IN (${publicMaterial}, ${privateMaterial})`);
    await postProjectUpdate(hub.services, registrar, projects.public, { body: 'We finished our interviews', phase: 'alpha', materials: [publicMaterial, privateMaterial] });
  });
  afterAll(async () => hub?.close());

  async function asViewer(w: Who, path: string, params?: Record<string, string>) {
    state.viewer = viewers[w];
    return callApi(params ? getProject : listProjects, path, { params, headers: headers[w] });
  }

  it.each(who)('%s: lists and shows exactly the projects the pages show, 404 for the rest', async (w) => {
    const list = await asViewer(w, '/api/v1/projects?council=bristol&limit=100');
    expect(list.response.status).toBe(200);
    const listed = bodyOf<Page<{ id: string }>>(list).results.map((p) => p.id);
    const expected = visibilityColumns.filter((_, i) => sees[w][i]).map((v) => projects[v]);
    expect(listed.filter((id) => Object.values(projects).includes(id)).sort()).toEqual([...expected].sort());
    // ETags on what is the same for everyone (signed out); personal answers are never kept.
    if (w === 'anonymous') {
      expect(list.response.headers.get('etag')).toBeTruthy();
      const again = await asViewer(w, '/api/v1/projects?council=bristol&limit=100');
      expect(again.response.headers.get('etag')).toBe(list.response.headers.get('etag'));
    } else {
      expect(list.response.headers.get('etag')).toBeNull();
      expect(list.response.headers.get('cache-control')).toBe('private, no-store');
    }
    expect(list.response.headers.get('vary')).toContain('Authorization');

    for (const [i, visibility] of visibilityColumns.entries()) {
      const id = projects[visibility];
      const { response, body } = await asViewer(w, `/api/v1/projects/${id}`, { id });
      expect(response.status, `${w} × ${visibility}`).toBe(sees[w][i] ? 200 : 404);
      if (response.status === 404) {
        expect(response.headers.get('content-type')).toBe('application/problem+json');
        expect((body as Problem).detail).toBe('Page not found');
        expect(JSON.stringify(body)).not.toContain(`A ${visibility} project`);
      } else {
        const project = body as ProjectBody;
        expect(project.visibility).toBe(visibility);
        expect(project.partners).toEqual([
          { slug: 'cornwall', name: expect.any(String), accepted: false },
          { slug: 'leeds', name: expect.any(String), accepted: true },
        ]);
        expect(project.feedUrl).toBe(visibility === 'public' ? `/projects/${id}/feed` : null);
      }
    }
  });

  it('shows a project’s materials and updates only as far as the viewer may see them, and the email only to council members', async () => {
    const id = projects.public;
    const seenBy = async (w: Who) => bodyOf<ProjectBody>(await asViewer(w, `/api/v1/projects/${id}`, { id }));
    const ref = (materialId: string, title: string) => ({ id: materialId, title, apiUrl: `/api/v1/materials/${materialId}` });
    for (const w of ['anonymous', 'signed in, no council', 'member of another council', 'member of a partner council'] as const) {
      const outside = await seenBy(w);
      expect(outside.materials.map(({ id: m, title, apiUrl }) => ({ id: m, title, apiUrl })), w).toEqual([ref(publicMaterial, 'Bins interview guide')]);
      expect(outside.hiddenMaterialCount, w).toBe(1);
      expect(outside.updates[0]!.materials, w).toEqual([ref(publicMaterial, 'Bins interview guide')]);
      expect(outside.updates[0]!.hiddenMaterialCount, w).toBe(1);
      expect(JSON.stringify(outside), w).not.toContain('Private interview notes');
    }
    for (const w of ['member of the council', 'read-only token', 'site admin'] as const) {
      const inside = await seenBy(w);
      expect(inside.materials.map((m) => m.id).sort(), w).toEqual([publicMaterial, privateMaterial].sort());
      expect(inside.hiddenMaterialCount, w).toBe(0);
      expect(inside.updates[0]!.materials.map((m) => m.title), w).toEqual(['Bins interview guide', 'Private interview notes']);
    }
    const outside = await seenBy('anonymous');
    expect(outside.contact).toEqual({ name: 'Sam Jones', council: expect.any(String) });
    expect(outside.updates.map((u) => [u.body, u.phaseTo])).toEqual([['We finished our interviews', 'alpha']]);
    expect(outside.phases.map((p) => p.phase)).toEqual(['discovery', 'alpha']);
    expect(JSON.stringify(outside)).not.toMatch(/@|contactUserId|"can"/);
    expect((await seenBy('signed in, no council')).contact?.email).toBeUndefined();
    expect((await seenBy('member of another council')).contact?.email).toMatch(/@bristol\.test\.gov\.uk$/);
  });

  it('refuses a revoked token on both routes with 401, never answering as the cookie', async () => {
    state.viewer = cookie;
    const id = projects.public;
    for (const call of [callApi(listProjects, '/api/v1/projects', { headers: { authorization: `Bearer ${revokedToken}` } }), callApi(getProject, `/api/v1/projects/${id}`, { params: { id }, headers: { authorization: `Bearer ${revokedToken}` } })]) {
      const { response, body } = await call;
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="Discovery Commons API", error="invalid_token"/);
      expect((body as Problem).detail).toContain('revoked');
    }
  });

  it('filters as /projects does: phase, service area, council, collaboration and status', async () => {
    const ids = async (query: string) => bodyOf<Page<{ id: string }>>(await asViewer('site admin', `/api/v1/projects?${query}`)).results.map((p) => p.id).filter((id) => Object.values(projects).includes(id));
    expect((await ids('council=bristol&phase=alpha')).sort()).toEqual([projects.public]);
    expect((await ids('council=bristol&phase=discovery')).sort()).toEqual([projects.councils, projects.organisation].sort());
    expect(await ids('council=bristol&collaboration=partners')).toEqual([projects.public]);
    expect((await ids('topic=housing&status=active')).sort()).toEqual(Object.values(projects).sort());
    expect(await ids('topic=parking')).toEqual([]);
    expect(await ids('council=leeds')).toEqual([]);
    expect(await ids('council=bristol&status=finished')).toEqual([]);
  });

  it('pages with a cursor, and refuses bad filters and cursors with a problem naming the parameter', async () => {
    const first = bodyOf<Page<{ id: string }>>(await asViewer('site admin', '/api/v1/projects?council=bristol&limit=2'));
    expect(first.total).toBe(3);
    expect(first.results).toHaveLength(2);
    const second = bodyOf<Page<{ id: string }>>(await asViewer('site admin', first.nextUrl!));
    expect(second.results).toHaveLength(1);
    expect(second.next).toBeNull();
    expect([...first.results, ...second.results].map((p) => p.id).sort()).toEqual(Object.values(projects).sort());
    for (const query of ['phase=done', 'collaboration=money', 'status=closed', 'council=Bristol%20City', 'topic=a--b', 'limit=0', 'limit=101', 'page=2', 'phase=alpha&phase=beta', `council=leeds&limit=2&cursor=${first.next}`, 'cursor=%2F%2F']) {
      const { response, body } = await asViewer('anonymous', `/api/v1/projects?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.headers.get('content-type'), query).toBe('application/problem+json');
      expect((body as Problem).errors?.length, query).toBeGreaterThan(0);
    }
    for (const id of [crypto.randomUUID(), 'not-a-uuid', '../kits']) {
      const { response, body } = await asViewer('site admin', `/api/v1/projects/${encodeURIComponent(id)}`, { id });
      expect(response.status, id).toBe(404);
      expect((body as Problem).detail).toBe('Page not found');
    }
  });
});
