import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { anonymous, type Viewer, type Visibility } from '@/lib/auth/viewer';
import { insertMaterial } from '@/lib/commitments/testing/fixtures';
import { queryRows } from '@/lib/db/query-rows';
import { council, person, type Council } from '@/lib/organisations/testing/fixtures';
import { answerProjectInvitation } from '@/lib/projects/answer-project-invitation';
import { inviteProjectPartner } from '@/lib/projects/invite-project-partner';
import { registerProject } from '@/lib/projects/register-project';
import { projectAnswers } from '@/lib/projects/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';

// The HTTP rows of the projects' permission matrix: the route handlers the forms post to, called as
// Next.js calls them, for each kind of viewer and each visibility. The viewer and the services are
// the test's; everything else (origin check, form parsing, the domain's checks) is real.
//
//   cannot see it                        → 404, nothing changed
//   may see it, not signed in            → 303 to the sign-in page, nothing changed
//   may see it, signed in, may not act   → 403, nothing changed
//   may act                              → 303 back to the project (or the list, once deleted)
const state = vi.hoisted(() => ({ viewer: { kind: 'anonymous' } as Viewer, hub: undefined as unknown as TestHub }));
vi.mock('@/lib/sign-in/current-viewer', () => ({
  currentViewer: async () => state.viewer,
  signInPath: (returnTo: string) => `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`,
}));
vi.mock('@/lib/runtime', () => ({ services: async () => state.hub.services }));

const { POST: register } = await import('./register/route');
const { POST: save } = await import('./[id]/save/route');
const { POST: postUpdate } = await import('./[id]/updates/post/route');
const { POST: invite } = await import('./[id]/partners/route');
const { POST: answerInvitation } = await import('./[id]/invitation/route');
const { POST: setStatus } = await import('./[id]/status/route');
const { POST: remove } = await import('./[id]/delete/confirm/route');

const site = 'http://hub.test';
type Post = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

function post(path: string, fields: Record<string, string | string[]>, origin: string | null = site) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
  return new Request(`${site}${path}`, {
    method: 'POST',
    headers: { host: 'hub.test', ...(origin ? { origin } : {}), 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  });
}

const who = ['anonymous', 'member of another council', 'member of an invited council', 'member of a partner council', 'member of the council', 'admin of the council', 'site admin'] as const;
type Who = (typeof who)[number];
type Answer = 'allowed' | 'sign in' | 403 | 404;
const visibilityColumns: Visibility[] = ['public', 'councils', 'organisation'];
const A = 'allowed' as const;
const S = 'sign in' as const;

//                                                 public councils organisation
const edit: Record<Who, Answer[]> = {
  anonymous: /*                               */ [S, 404, 404],
  'member of another council': /*             */ [403, 403, 404],
  'member of an invited council': /*          */ [403, 403, 403],
  'member of a partner council': /*           */ [403, 403, 403],
  'member of the council': /*                 */ [A, A, A],
  'admin of the council': /*                  */ [A, A, A],
  'site admin': /*                            */ [A, A, A],
};
const update: Record<Who, Answer[]> = { ...edit, 'member of a partner council': [A, A, A], 'site admin': [403, 403, 403] };
const inviteRule: Record<Who, Answer[]> = { ...edit, 'site admin': [403, 403, 403] };
const answer: Record<Who, Answer[]> = {
  anonymous: /*                               */ [S, 404, 404],
  'member of another council': /*             */ [403, 403, 404],
  'member of an invited council': /*          */ [A, A, A],
  'member of a partner council': /*           */ [403, 403, 403],
  'member of the council': /*                 */ [403, 403, 403],
  'admin of the council': /*                  */ [403, 403, 403],
  'site admin': /*                            */ [403, 403, 403],
};
const status: Record<Who, Answer[]> = { ...edit, 'member of the council': [403, 403, 403] };

describe.each(testDrivers)('project routes on %s', (driver) => {
  let hub: TestHub;
  let registrar: Viewer;
  let partner: Viewer;
  let viewers: Record<Who, Viewer>;
  let material: string;
  let bristol: Council;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    state.hub = hub;
    bristol = await council(hub, 'bristol');
    registrar = (await person(hub, { organisation: bristol })).viewer;
    partner = (await person(hub, { organisation: await council(hub, 'leeds') })).viewer;
    viewers = {
      anonymous,
      'member of another council': (await person(hub, { organisation: await council(hub, 'manchester') })).viewer,
      'member of an invited council': (await person(hub, { organisation: await council(hub, 'cornwall') })).viewer,
      'member of a partner council': partner,
      'member of the council': (await person(hub, { organisation: bristol })).viewer,
      'admin of the council': (await person(hub, { organisation: bristol, role: 'org_admin' })).viewer,
      'site admin': (await person(hub, { isSiteAdmin: true })).viewer,
    };
    material = await insertMaterial(hub, { organisationId: bristol.id });
  });
  afterAll(async () => hub?.close());
  beforeEach(() => {
    state.viewer = anonymous;
  });

  async function project(visibility: Visibility) {
    const { id } = await registerProject(hub.services, registrar, projectAnswers({ visibility }));
    await inviteProjectPartner(hub.services, registrar, id, { council: 'leeds' });
    await answerProjectInvitation(hub.services, partner, id, 'accept');
    await inviteProjectPartner(hub.services, registrar, id, { council: 'cornwall' });
    return id;
  }

  const snapshot = (id: string) =>
    queryRows(
      hub.services.db,
      sql`SELECT p.name, p.phase, p.status,
                 (SELECT count(*)::int FROM project_updates u WHERE u.project_id = ${id}) AS updates,
                 (SELECT count(*)::int FROM project_partners pp WHERE pp.project_id = ${id} AND pp.accepted_at IS NOT NULL) AS accepted,
                 (SELECT count(*)::int FROM project_partners pp WHERE pp.project_id = ${id}) AS partners,
                 (SELECT count(*)::int FROM audit_events a WHERE a.subject_id = ${id}) AS events
          FROM projects p WHERE p.id = ${id}`,
    );

  const routes: { name: string; handler: Post; path: string; fields: () => Record<string, string | string[]>; rule: Record<Who, Answer[]>; back: (id: string) => RegExp }[] = [
    { name: 'save changes', handler: save, path: 'save', fields: () => projectAnswers({ name: 'Forged' }), rule: edit, back: (id) => new RegExp(`^/projects/${id}\\?done=updated$`) },
    { name: 'post an update', handler: postUpdate, path: 'updates/post', fields: () => ({ body: 'Interviews done', phase: 'alpha', materials: material }), rule: update, back: (id) => new RegExp(`^/projects/${id}\\?done=posted$`) },
    { name: 'invite a partner', handler: invite, path: 'partners', fields: () => ({ council: 'kent' }), rule: inviteRule, back: (id) => new RegExp(`^/projects/${id}\\?done=invited$`) },
    { name: 'accept the invitation', handler: answerInvitation, path: 'invitation', fields: () => ({ answer: 'accept' }), rule: answer, back: (id) => new RegExp(`^/projects/${id}\\?done=accepted$`) },
    { name: 'mark it paused', handler: setStatus, path: 'status', fields: () => ({ status: 'paused' }), rule: status, back: (id) => new RegExp(`^/projects/${id}\\?done=status$`) },
    { name: 'delete', handler: remove, path: 'delete/confirm', fields: () => ({}), rule: edit, back: () => /^\/projects\?deleted=1$/ },
  ];

  const matrix = routes.flatMap((route) => who.flatMap((viewer) => visibilityColumns.map((visibility, i) => ({ route: route.name, viewer, visibility, answer: route.rule[viewer][i]! }))));

  it.each(matrix)('$viewer posts "$route" on a $visibility project → $answer', async ({ route: name, viewer, visibility, answer: expected }) => {
    const route = routes.find((r) => r.name === name)!;
    const id = await project(visibility);
    const before = await snapshot(id);
    state.viewer = viewers[viewer];

    const response = await route.handler(post(`/projects/${id}/${route.path}`, route.fields()), { params: Promise.resolve({ id }) });
    const location = response.headers.get('location') ?? '';

    if (expected === 'allowed') {
      expect(response.status).toBe(303);
      expect(location).toMatch(route.back(id));
      expect(await snapshot(id)).not.toEqual(before);
      return;
    }
    if (expected === 'sign in') {
      expect(response.status).toBe(303);
      expect(location).toMatch(/^\/sign-in\?callbackUrl=/);
    } else {
      expect(response.status).toBe(expected);
    }
    expect(await snapshot(id)).toEqual(before);
  });

  it('a post from another site, or with no origin, is refused before anything happens, even from a member', async () => {
    const id = await project('public');
    const before = await snapshot(id);
    state.viewer = viewers['member of the council'];
    for (const origin of ['https://evil.example', null]) {
      const response = await postUpdate(post(`/projects/${id}/updates/post`, { body: 'x' }, origin), { params: Promise.resolve({ id }) });
      expect(response.status).toBe(403);
    }
    expect(await snapshot(id)).toEqual(before);
  });

  it('a malformed or unknown project id is "not found"', async () => {
    state.viewer = viewers['member of the council'];
    for (const id of ['not-an-id', '00000000-0000-4000-8000-000000000000']) {
      const response = await postUpdate(post(`/projects/${id}/updates/post`, { body: 'x' }), { params: Promise.resolve({ id }) });
      expect(response.status).toBe(404);
    }
  });

  it('registering: signed out goes to sign in, no council is refused, bad answers come back to the form', async () => {
    const count = async () => (await queryRows<{ n: number }>(hub.services.db, sql`SELECT count(*)::int AS n FROM projects`))[0]!.n;
    const before = await count();
    const noParams = { params: Promise.resolve({}) } as never;

    state.viewer = anonymous;
    let response = await register(post('/projects/register', projectAnswers()), noParams);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/sign-in?callbackUrl=%2Fprojects%2Fnew');

    state.viewer = viewers['site admin'];
    response = await register(post('/projects/register', projectAnswers()), noParams);
    expect(response.status).toBe(403);

    state.viewer = viewers['member of the council'];
    response = await register(post('/projects/register', projectAnswers({ phase: 'gamma' })), noParams);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/projects\/new\?attempt=[0-9a-f-]{36}$/);
    expect(await count()).toBe(before);

    response = await register(post('/projects/register', projectAnswers()), noParams);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/projects\/[0-9a-f-]{36}\?done=registered$/);
    expect(await count()).toBe(before + 1);
  });

  it('inviting one’s own council or one that does not exist comes back to the project page with the message', async () => {
    const id = await project('public');
    const before = await snapshot(id);
    state.viewer = viewers['member of the council'];
    for (const slug of ['bristol', 'no-such-council']) {
      const response = await invite(post(`/projects/${id}/partners`, { council: slug }), { params: Promise.resolve({ id }) });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toMatch(new RegExp(`^/projects/${id}\\?attempt=[0-9a-f-]{36}$`));
    }
    expect(await snapshot(id)).toEqual(before);
  });
});
