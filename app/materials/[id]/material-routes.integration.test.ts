import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { anonymous, type Viewer, type Visibility } from '@/lib/auth/viewer';
import { auditEvents, materials } from '@/lib/db/schema';
import { council, person, type Council } from '@/lib/organisations/testing/fixtures';
import { checkThenPublish } from '@/lib/file-checks/testing/publish-after-check';
import { discussionGuideAnswers, shareDiscussionGuide } from '@/lib/materials/testing/shared-material';
import { loadFormAttempt } from '@/lib/forms/form-attempts';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, storedKeys, type TestHub } from '@/lib/testing/test-hub';

// The route handlers the change forms post to, called as Next.js calls them. The viewer and the
// services are the test's: everything else (origin check, form parsing, domain checks) is real.
const state = vi.hoisted(() => ({ viewer: { kind: 'anonymous' } as Viewer, hub: undefined as unknown as TestHub }));
vi.mock('@/lib/sign-in/current-viewer', () => ({
  currentViewer: async () => state.viewer,
  signInPath: (returnTo: string) => `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`,
}));
vi.mock('@/lib/runtime', () => ({ services: async () => state.hub.services }));

const { POST: saveEdit } = await import('./edit/save/route');
const { POST: uploadReplacement } = await import('./replace/upload/route');
const { POST: confirmWithdraw } = await import('./withdraw/confirm/route');
const { POST: restore } = await import('./restore/route');
const { POST: confirmDelete } = await import('./delete/confirm/route');
const { GET: downloadVersion } = await import('./versions/[version]/download/route');
const { POST: confirmMakeCurrent } = await import('./versions/[version]/make-current/confirm/route');

const site = 'http://hub.test';

type Post = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

function urlEncoded(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`${site}${path}`, {
    method: 'POST',
    headers: { host: 'hub.test', origin: site, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

function multipart(path: string, changeNote: string, fileName: string, content: string, headers: Record<string, string> = {}) {
  const form = new FormData();
  form.append('changeNote', changeNote);
  form.append('file', new Blob([content], { type: 'text/plain' }), fileName);
  const request = new Request(`${site}${path}`, { method: 'POST', body: form });
  const withHeaders = new Headers(request.headers);
  withHeaders.set('host', 'hub.test');
  withHeaders.set('origin', site);
  for (const [name, value] of Object.entries(headers)) withHeaders.set(name, value);
  return new Request(request, { headers: withHeaders, duplex: 'half' } as RequestInit);
}

const call = (handler: Post, request: Request, id: string) => handler(request, { params: Promise.resolve({ id }) });

/** "Make this the current version" for version `version` of a material. */
const makeCurrent =
  (version: string): Post =>
  (request, { params }) =>
    confirmMakeCurrent(request, { params: params.then((p) => ({ ...p, version })) });

describe.each(testDrivers)('material change routes on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let leeds: Council;
  let member: Viewer;
  let otherCouncil: Viewer;
  let admin: Viewer;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    state.hub = hub;
    bristol = await council(hub, 'bristol');
    leeds = await council(hub, 'leeds');
    member = (await person(hub, { organisation: bristol, name: 'Sam Jones' })).viewer;
    otherCouncil = (await person(hub, { organisation: leeds })).viewer;
    admin = (await person(hub, { isSiteAdmin: true })).viewer;
  });
  afterAll(async () => hub?.close());
  beforeEach(() => {
    state.viewer = anonymous;
  });

  const share = (visibility: Visibility = 'public') => shareDiscussionGuide(hub, member, visibility);

  const row = async (id: string) => (await hub.services.db.select().from(materials).where(eq(materials.id, id)))[0];
  const events = async (id: string) => (await hub.services.db.select().from(auditEvents).where(eq(auditEvents.subjectId, id))).length;

  const posts: [string, Post, (id: string, headers?: Record<string, string>) => Request][] = [
    ['edit', saveEdit, (id, h) => urlEncoded(`/materials/${id}/edit/save`, { ...discussionGuideAnswers, title: 'Forged' }, h)],
    ['replace', uploadReplacement, (id, h) => multipart(`/materials/${id}/replace/upload`, 'Forged', 'guide.txt', 'Forged', h)],
    ['withdraw', confirmWithdraw, (id, h) => urlEncoded(`/materials/${id}/withdraw/confirm`, { reason: 'Forged' }, h)],
    ['restore', restore, (id, h) => urlEncoded(`/materials/${id}/restore`, {}, h)],
    ['delete', confirmDelete, (id, h) => urlEncoded(`/materials/${id}/delete/confirm`, {}, h)],
    ['make version 1 current', makeCurrent('1'), (id, h) => urlEncoded(`/materials/${id}/versions/1/make-current/confirm`, { changeNote: 'Forged' }, h)],
  ];

  it.each(posts)('%s: a cross-site post is refused before anything happens, even from a site admin', async (_name, handler, build) => {
    const id = await share();
    state.viewer = admin;
    const before = { row: await row(id), events: await events(id), objects: (await storedKeys(hub.services.storage)).length };
    for (const headers of [{ origin: 'https://evil.example' }, { origin: 'null' }, { origin: 'http://hub.test.evil.example' }]) {
      const response = await call(handler, build(id, headers), id);
      expect(response.status).toBe(403);
    }
    const noOrigin = build(id);
    const stripped = new Headers(noOrigin.headers);
    stripped.delete('origin');
    expect((await call(handler, new Request(noOrigin, { headers: stripped, duplex: 'half' } as RequestInit), id)).status).toBe(403);
    expect({ row: await row(id), events: await events(id), objects: (await storedKeys(hub.services.storage)).length }).toEqual(before);
  });

  it.each(posts)('%s: a forged post without a session, or from another council, changes nothing', async (_name, handler, build) => {
    const publicId = await share('public');
    const privateId = await share('organisation');
    const before = { public: await row(publicId), private: await row(privateId), objects: (await storedKeys(hub.services.storage)).length };

    // Not signed in: sent to sign in for a material they can see; 404 for one they cannot.
    state.viewer = anonymous;
    const toSignIn = await call(handler, build(publicId), publicId);
    expect(toSignIn.status).toBe(303);
    expect(toSignIn.headers.get('location')).toContain('/sign-in?callbackUrl=');
    expect((await call(handler, build(privateId), privateId)).status).toBe(404);

    // Another council: 403 where they can see it, 404 where they cannot.
    state.viewer = otherCouncil;
    const refused = await call(handler, build(publicId), publicId);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/You cannot (change|delete)|Only site administrators/);
    expect((await call(handler, build(privateId), privateId)).status).toBe(404);

    expect({ public: await row(publicId), private: await row(privateId), objects: (await storedKeys(hub.services.storage)).length }).toEqual(before);
  });

  it('refuses a text/plain post (a cross-site form can send one) and an oversized form', async () => {
    const id = await share();
    state.viewer = member;
    const plain = urlEncoded(`/materials/${id}/withdraw/confirm`, {}, { 'content-type': 'text/plain' });
    expect((await call(confirmWithdraw, plain, id)).status).toBe(400);
    const huge = urlEncoded(`/materials/${id}/withdraw/confirm`, { reason: 'x'.repeat(70_000) });
    expect((await call(confirmWithdraw, huge, id)).status).toBe(413);
    expect((await row(id))!.status).toBe('published');
  });

  it('edit: saves and goes back to the page; with errors, comes back to the form with the answers kept for that person only', async () => {
    const id = await share();
    state.viewer = member;
    const saved = await call(saveEdit, urlEncoded(`/materials/${id}/edit/save`, { ...discussionGuideAnswers, title: 'Missed bins guide', visibility: 'councils' }), id);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/materials/${id}?updated=1`);
    expect(await row(id)).toMatchObject({ title: 'Missed bins guide', visibility: 'councils' });

    const refused = await call(saveEdit, urlEncoded(`/materials/${id}/edit/save`, { ...discussionGuideAnswers, title: '', summary: 'Kept summary' }), id);
    expect(refused.status).toBe(303);
    const location = new URL(refused.headers.get('location')!, site);
    expect(location.pathname).toBe(`/materials/${id}/edit`);
    const attemptId = location.searchParams.get('attempt');
    const attempt = await loadFormAttempt(hub.services, member, 'edit', id, attemptId);
    expect(attempt?.errors).toEqual([{ field: 'title', message: 'Enter a title' }]);
    expect(attempt?.values).toMatchObject({ summary: 'Kept summary', visibility: 'public' });
    expect(await loadFormAttempt(hub.services, otherCouncil, 'edit', id, attemptId)).toBeUndefined();
    expect(await loadFormAttempt(hub.services, member, 'withdraw', id, attemptId)).toBeUndefined();
  });

  it('replace, withdraw, restore and delete, end to end through the routes', async () => {
    const id = await share('organisation');
    state.viewer = member;
    const replaced = await call(uploadReplacement, multipart(`/materials/${id}/replace/upload`, 'Second go', 'guide.txt', 'Version two'), id);
    expect(replaced.headers.get('location')).toBe(`/materials/${id}/check?replaced=2`);
    await checkThenPublish(hub.services, member, id);

    const badFile = await call(uploadReplacement, multipart(`/materials/${id}/replace/upload`, 'Third go', 'guide.pdf', '<html>'), id);
    const badLocation = new URL(badFile.headers.get('location')!, site);
    expect(badLocation.pathname).toBe(`/materials/${id}/replace`);
    const attempt = await loadFormAttempt(hub.services, member, 'replace', id, badLocation.searchParams.get('attempt'));
    expect(attempt?.values).toEqual({ changeNote: 'Third go' });
    expect(attempt?.errors[0]?.field).toBe('file');

    // Old versions: the material's permissions, as attachments.
    const version1 = (version: string) =>
      downloadVersion(new Request(`${site}/materials/${id}/versions/${version}/download`), { params: Promise.resolve({ id, version }) });
    const ok = await version1('1');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('Version one');
    expect(ok.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await version1('3')).status).toBe(404);
    expect((await version1('../1')).status).toBe(404);
    state.viewer = otherCouncil;
    expect((await version1('1')).status).toBe(404);

    state.viewer = member;
    const emptyReason = await call(confirmWithdraw, urlEncoded(`/materials/${id}/withdraw/confirm`, { reason: ' ' }), id);
    expect(new URL(emptyReason.headers.get('location')!, site).pathname).toBe(`/materials/${id}/withdraw`);
    const withdrawn = await call(confirmWithdraw, urlEncoded(`/materials/${id}/withdraw/confirm`, { reason: 'Out of date' }), id);
    expect(withdrawn.headers.get('location')).toBe(`/materials/${id}?withdrawn=1`);
    expect((await row(id))!.status).toBe('withdrawn');

    const restored = await call(restore, urlEncoded(`/materials/${id}/restore`, {}), id);
    expect(restored.headers.get('location')).toBe(`/materials/${id}?restored=1`);
    expect((await row(id))!.status).toBe('published');

    expect((await call(confirmDelete, urlEncoded(`/materials/${id}/delete/confirm`, {}), id)).status).toBe(403);
    state.viewer = admin;
    const deleted = await call(confirmDelete, urlEncoded(`/materials/${id}/delete/confirm`, {}), id);
    expect(deleted.headers.get('location')).toBe(`/search?deleted=1`);
    expect(await row(id)).toBeUndefined();
    expect((await version1('1')).status).toBe(404);
  });

  it('make an older version current: through the check like a replacement; the current or a missing version is refused', async () => {
    const id = await share('organisation');
    state.viewer = member;
    await call(uploadReplacement, multipart(`/materials/${id}/replace/upload`, 'Second go', 'guide.txt', 'Version two'), id);
    await checkThenPublish(hub.services, member, id);
    const post = (version: string, changeNote: string) =>
      call(makeCurrent(version), urlEncoded(`/materials/${id}/versions/${version}/make-current/confirm`, { changeNote }), id);

    const emptyNote = await post('1', ' ');
    const emptyLocation = new URL(emptyNote.headers.get('location')!, site);
    expect(emptyLocation.pathname).toBe(`/materials/${id}/versions/1/make-current`);
    const attempt = await loadFormAttempt(hub.services, member, 'make-current', `${id}/1`, emptyLocation.searchParams.get('attempt'));
    expect(attempt?.errors).toEqual([{ field: 'changeNote', message: 'Enter what has changed' }]);

    const current = await post('2', 'Again');
    expect(current.status).toBe(409);
    expect(await current.text()).toContain('This is already the current version');
    expect((await post('9', 'Back')).status).toBe(404);
    expect((await post('x', 'Back')).status).toBe(404);
    expect((await row(id))!.status).toBe('published');

    const made = await post('1', 'Made version 1 current again');
    expect(made.status).toBe(303);
    expect(made.headers.get('location')).toBe(`/materials/${id}/check?replaced=3`);
    expect((await row(id))!.status).toBe('draft');
    await checkThenPublish(hub.services, member, id);
    const version3 = await downloadVersion(new Request(`${site}/materials/${id}/versions/3/download`), { params: Promise.resolve({ id, version: '3' }) });
    expect(await version3.text()).toBe('Version one');
  });
});
