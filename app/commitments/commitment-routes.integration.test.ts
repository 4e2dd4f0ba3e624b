import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { anonymous, type Viewer, type Visibility } from '@/lib/auth/viewer';
import { addLinkEvidence } from '@/lib/commitments/add-link-evidence';
import { recordCommitment } from '@/lib/commitments/record-commitment';
import { commitmentAnswers, insertMaterial } from '@/lib/commitments/testing/fixtures';
import { queryRows } from '@/lib/db/query-rows';
import { registerProject } from '@/lib/projects/register-project';
import { projectAnswers } from '@/lib/projects/testing/fixtures';
import { council, person, type Council } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';

// The HTTP rows of the commitments' permission matrix: the route handlers the forms post to, called
// as Next.js calls them, for each kind of viewer and each visibility. The viewer and the services are
// the test's; everything else (origin check, form parsing, the domain's checks) is real.
//
//   cannot see it                        → 404, nothing changed
//   may see it, not signed in            → 303 to the sign-in page, nothing changed
//   may see it, signed in, may not act   → 403, nothing changed
//   may act                              → 303 back to the commitment (or the list, once withdrawn)
const state = vi.hoisted(() => ({ viewer: { kind: 'anonymous' } as Viewer, hub: undefined as unknown as TestHub }));
vi.mock('@/lib/sign-in/current-viewer', () => ({
  currentViewer: async () => state.viewer,
  signInPath: (returnTo: string) => `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`,
}));
vi.mock('@/lib/runtime', () => ({ services: async () => state.hub.services }));

const { POST: record } = await import('./record/route');
const { POST: save } = await import('./[id]/save/route');
const { POST: addMaterial } = await import('./[id]/evidence/material/route');
const { POST: addProject } = await import('./[id]/evidence/project/route');
const { POST: addLink } = await import('./[id]/evidence/link/route');
const { POST: removeEvidence } = await import('./[id]/evidence/remove/route');
const { POST: confirm } = await import('./[id]/confirm/route');
const { POST: withdraw } = await import('./[id]/withdraw/confirm/route');

const site = 'http://hub.test';
type Post = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

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
const councilOnly: Record<Who, Answer[]> = { ...change, 'site admin': [403, 403, 403] };

describe.each(testDrivers)('commitment routes on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let recorder: Viewer;
  let viewers: Record<Who, Viewer>;
  let material: string;
  let project: string;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    state.hub = hub;
    bristol = await council(hub, 'bristol');
    const leeds = await council(hub, 'leeds');
    recorder = (await person(hub, { organisation: bristol })).viewer;
    viewers = {
      anonymous,
      'member of another council': (await person(hub, { organisation: leeds })).viewer,
      'member of the council': (await person(hub, { organisation: bristol })).viewer,
      'site admin': (await person(hub, { isSiteAdmin: true })).viewer,
    };
    material = await insertMaterial(hub, { organisationId: bristol.id });
    project = (await registerProject(hub.services, recorder, projectAnswers())).id;
  });
  afterAll(async () => hub?.close());
  beforeEach(() => {
    state.viewer = anonymous;
  });

  async function commitment(visibility: Visibility) {
    const { id } = await recordCommitment(hub.services, recorder, commitmentAnswers({ visibility }));
    await addLinkEvidence(hub.services, recorder, id, { url: 'https://example.org/a', title: 'A' });
    const [evidence] = await queryRows<{ id: string }>(hub.services.db, sql`SELECT id FROM commitment_evidence WHERE commitment_id = ${id}`);
    return { id, evidenceId: evidence!.id };
  }

  const snapshot = (id: string) =>
    queryRows(
      hub.services.db,
      sql`SELECT c.description, c.confirmed_at, (SELECT count(*)::int FROM commitment_evidence e WHERE e.commitment_id = c.id) AS evidence,
                 (SELECT count(*)::int FROM audit_events a WHERE a.subject_id = ${id}) AS events
          FROM commitments c WHERE c.id = ${id}`,
    );

  const routes: { name: string; handler: Post; path: string; fields: (evidenceId: string) => Record<string, string>; rule: Record<Who, Answer[]>; back: (id: string) => RegExp }[] = [
    { name: 'save changes', handler: save, path: 'save', fields: () => commitmentAnswers({ description: 'Forged' }), rule: change, back: (id) => new RegExp(`^/commitments/${id}\\?done=updated$`) },
    { name: 'add a material', handler: addMaterial, path: 'evidence/material', fields: () => ({ material }), rule: councilOnly, back: (id) => new RegExp(`^/commitments/${id}\\?done=evidence`) },
    { name: 'add a project', handler: addProject, path: 'evidence/project', fields: () => ({ project }), rule: councilOnly, back: (id) => new RegExp(`^/commitments/${id}\\?done=evidence`) },
    { name: 'add a link', handler: addLink, path: 'evidence/link', fields: () => ({ url: 'https://example.org/b', title: 'B' }), rule: councilOnly, back: (id) => new RegExp(`^/commitments/${id}\\?done=evidence`) },
    { name: 'remove evidence', handler: removeEvidence, path: 'evidence/remove', fields: (evidence) => ({ evidence }), rule: councilOnly, back: (id) => new RegExp(`^/commitments/${id}\\?done=removed`) },
    { name: 'confirm as kept', handler: confirm, path: 'confirm', fields: () => ({}), rule: councilOnly, back: (id) => new RegExp(`^/commitments/${id}\\?done=confirmed$`) },
    { name: 'withdraw', handler: withdraw, path: 'withdraw/confirm', fields: () => ({}), rule: change, back: () => /^\/commitments\?withdrawn=1$/ },
  ];

  const matrix = routes.flatMap((route) =>
    who.flatMap((viewer) => visibilityColumns.map((visibility, i) => ({ route: route.name, viewer, visibility, answer: route.rule[viewer][i]! }))),
  );

  it.each(matrix)('$viewer posts "$route" on a $visibility commitment → $answer', async ({ route: name, viewer, visibility, answer }) => {
    const route = routes.find((r) => r.name === name)!;
    const { id, evidenceId } = await commitment(visibility);
    const before = await snapshot(id);
    state.viewer = viewers[viewer];

    const response = await route.handler(post(`/commitments/${id}/${route.path}`, route.fields(evidenceId)), { params: Promise.resolve({ id }) });
    const location = response.headers.get('location') ?? '';

    if (answer === 'allowed') {
      expect(response.status).toBe(303);
      expect(location).toMatch(route.back(id));
      return;
    }
    if (answer === 'sign in') {
      expect(response.status).toBe(303);
      expect(location).toMatch(/^\/sign-in\?callbackUrl=/);
    } else {
      expect(response.status).toBe(answer);
    }
    expect(await snapshot(id)).toEqual(before);
  });

  it('a post from another site, or with no origin, is refused before anything happens, even from a member', async () => {
    const { id } = await commitment('public');
    const before = await snapshot(id);
    state.viewer = viewers['member of the council'];
    for (const origin of ['https://evil.example', null]) {
      const response = await confirm(post(`/commitments/${id}/confirm`, {}, origin), { params: Promise.resolve({ id }) });
      expect(response.status).toBe(403);
    }
    expect(await snapshot(id)).toEqual(before);
  });

  it('a project that is not one of the council’s comes back to the page with the message, and nothing changes', async () => {
    const { id } = await commitment('public');
    const before = await snapshot(id);
    state.viewer = viewers['member of the council'];
    for (const value of ['', 'not-an-id', '00000000-0000-4000-8000-000000000000']) {
      const response = await addProject(post(`/commitments/${id}/evidence/project`, { project: value }), { params: Promise.resolve({ id }) });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toMatch(new RegExp(`^/commitments/${id}\\?attempt=[0-9a-f-]{36}`));
    }
    expect(await snapshot(id)).toEqual(before);
  });

  it('a malformed or unknown commitment id is "not found"', async () => {
    state.viewer = viewers['member of the council'];
    for (const id of ['not-an-id', '00000000-0000-4000-8000-000000000000']) {
      const response = await confirm(post(`/commitments/${id}/confirm`, {}), { params: Promise.resolve({ id }) });
      expect(response.status).toBe(404);
    }
  });

  it('recording: anyone signed out is sent to sign in, someone with no council is refused, bad answers come back to the form', async () => {
    const count = async () => (await queryRows<{ n: number }>(hub.services.db, sql`SELECT count(*)::int AS n FROM commitments`))[0]!.n;
    const before = await count();
    const noParams = { params: Promise.resolve({}) } as never;

    state.viewer = anonymous;
    let response = await record(post('/commitments/record', commitmentAnswers()), noParams);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/sign-in?callbackUrl=%2Fcommitments%2Fnew');

    state.viewer = viewers['site admin'];
    response = await record(post('/commitments/record', commitmentAnswers()), noParams);
    expect(response.status).toBe(403);

    state.viewer = viewers['member of the council'];
    response = await record(post('/commitments/record', commitmentAnswers({ kind: 'made-up' })), noParams);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/commitments\/new\?attempt=[0-9a-f-]{36}$/);
    expect(await count()).toBe(before);

    response = await record(post('/commitments/record', commitmentAnswers()), noParams);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/commitments\/[0-9a-f-]{36}\?done=recorded$/);
    expect(await count()).toBe(before + 1);
  });
});
