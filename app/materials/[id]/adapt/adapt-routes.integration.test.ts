import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { anonymous, type Viewer, type Visibility } from '@/lib/auth/viewer';
import { materials } from '@/lib/db/schema';
import { checkThenPublish } from '@/lib/file-checks/testing/publish-after-check';
import { loadFormAttempt } from '@/lib/forms/form-attempts';
import { createMaterial } from '@/lib/materials/create-material';
import { council, person } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, storedKeys, type TestHub } from '@/lib/testing/test-hub';

// The route "Adapt this for my council" posts to, called as Next.js calls it. The viewer and the
// services are the test's: everything else (origin check, streaming, domain checks) is real.
const state = vi.hoisted(() => ({ viewer: { kind: 'anonymous' } as Viewer, hub: undefined as unknown as TestHub }));
vi.mock('@/lib/sign-in/current-viewer', () => ({
  currentViewer: async () => state.viewer,
  signInPath: (returnTo: string) => `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`,
}));
vi.mock('@/lib/runtime', () => ({ services: async () => state.hub.services }));

const { POST: adaptUpload } = await import('./upload/route');

const site = 'http://hub.test';
const answers = {
  title: 'Leeds bin collections guide',
  summary: 'Our version of the questions.',
  phases: 'discovery',
  artefactType: 'discussion-guide',
  kind: 'template',
  tags: 'interviews',
  licence: 'OGL-UK-3.0',
  visibility: 'public',
};

/** The share form as posted: answers first, the file last. */
function adaptRequest(id: string, fields: Record<string, string> = answers, headers: Record<string, string> = {}) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([`Our own guide ${Math.random()}`], { type: 'text/plain' }), 'guide.txt');
  const request = new Request(`${site}/materials/${id}/adapt/upload`, { method: 'POST', body: form });
  const withHeaders = new Headers(request.headers);
  withHeaders.set('host', 'hub.test');
  withHeaders.set('origin', site);
  for (const [name, value] of Object.entries(headers)) withHeaders.set(name, value);
  return new Request(request, { headers: withHeaders, duplex: 'half' } as RequestInit);
}

const post = (id: string, request = adaptRequest(id)) => adaptUpload(request, { params: Promise.resolve({ id }) });

describe.each(testDrivers)('adapt route on %s', (driver) => {
  let hub: TestHub;
  let owner: Viewer;
  let otherCouncil: Viewer;
  let noCouncil: Viewer;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    state.hub = hub;
    owner = (await person(hub, { organisation: await council(hub, 'bristol') })).viewer;
    otherCouncil = (await person(hub, { organisation: await council(hub, 'leeds') })).viewer;
    noCouncil = (await person(hub, { organisation: null })).viewer;
  });
  afterAll(async () => hub?.close());
  beforeEach(() => {
    state.viewer = anonymous;
  });

  async function share(options: { visibility?: Visibility; licence?: string } = {}) {
    const { id } = await createMaterial(hub.services, {
      actor: owner,
      fields: { ...answers, title: 'Bin collections discussion guide', visibility: options.visibility ?? 'public', licence: options.licence ?? 'OGL-UK-3.0', shareAnyway: 'yes' },
      file: { fileName: 'guide.txt', stream: Readable.from([Buffer.from(`Original ${Math.random()}`)]) },
    });
    await checkThenPublish(hub.services, owner, id);
    return id;
  }

  const adaptationsOf = async (id: string) => hub.services.db.select().from(materials).where(eq(materials.adaptedFromMaterialId, id));
  const objects = async () => (await storedKeys(hub.services.storage)).length;

  it('adapts as another council: a draft recorded as adapted from the original, then its check', async () => {
    const id = await share();
    state.viewer = otherCouncil;
    const response = await post(id);
    expect(response.status).toBe(303);
    const [adaptation] = await adaptationsOf(id);
    expect(adaptation).toMatchObject({ title: 'Leeds bin collections guide', status: 'draft' });
    expect(response.headers.get('location')).toBe(`/materials/${adaptation!.id}/check?shared=1`);
  });

  it('comes back to the adapt form with the answers kept, for that person and that material only', async () => {
    const id = await share();
    state.viewer = otherCouncil;
    const response = await post(id, adaptRequest(id, { ...answers, title: '' }));
    const location = new URL(response.headers.get('location')!, site);
    expect(location.pathname).toBe(`/materials/${id}/adapt`);
    const attemptId = location.searchParams.get('attempt');
    expect((await loadFormAttempt(hub.services, otherCouncil, 'adapt', id, attemptId))?.errors.map((e) => e.field)).toEqual(['title']);
    expect(await loadFormAttempt(hub.services, owner, 'adapt', id, attemptId)).toBeUndefined();
    expect(await loadFormAttempt(hub.services, otherCouncil, 'share', '', attemptId)).toBeUndefined();
    expect(await adaptationsOf(id)).toEqual([]);
  });

  it.each([
    ['someone signed out, a material they may see', 'anonymous', 'public', 'OGL-UK-3.0', 303, '/sign-in?callbackUrl='],
    ['someone signed out, a material they may not see', 'anonymous', 'organisation', 'OGL-UK-3.0', 303, '/sign-in?callbackUrl='],
    ['another council, a material it may not see', 'otherCouncil', 'organisation', 'OGL-UK-3.0', 404, null],
    ['another council, a licence that forbids changed versions', 'otherCouncil', 'public', 'LicenseRef-ask-owner', 303, '/adapt?attempt='],
    ['someone in no council', 'noCouncil', 'public', 'OGL-UK-3.0', 303, '/adapt?attempt='],
  ] as const)('%s: nothing is shared or stored', async (_name, who, visibility, licence, status, location) => {
    const id = await share({ visibility, licence });
    const before = await objects();
    state.viewer = { anonymous, otherCouncil, noCouncil }[who];
    const response = await post(id);
    expect(response.status).toBe(status);
    if (location) expect(response.headers.get('location')).toContain(location);
    expect(await adaptationsOf(id)).toEqual([]);
    expect(await objects()).toBe(before);
  });

  it('refuses a cross-site post and a malformed id before anything happens', async () => {
    const id = await share();
    state.viewer = otherCouncil;
    expect((await post(id, adaptRequest(id, answers, { origin: 'https://evil.example' }))).status).toBe(403);
    expect((await adaptUpload(adaptRequest('not-an-id'), { params: Promise.resolve({ id: 'not-an-id' }) })).status).toBe(404);
    expect(await adaptationsOf(id)).toEqual([]);
  });
});
