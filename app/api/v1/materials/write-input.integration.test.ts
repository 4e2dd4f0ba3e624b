import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiWriters, uploadForm, type ApiWriters } from '@/lib/api/testing/api-writers';
import { callApi, jsonBody, type ApiCall } from '@/lib/api/testing/call-api';
import type { Viewer } from '@/lib/auth/viewer';
import { materials, materialVersions, pendingUploads } from '@/lib/db/schema';
import { getMaterial } from '@/lib/materials/get-material';
import { shareDiscussionGuide } from '@/lib/materials/testing/shared-material';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, storedKeys, type TestHub } from '@/lib/testing/test-hub';

// Bad input to the API's writes: each gets a clear problem (checked against the OpenAPI document),
// never a 500, and nothing half-written: no material row without its file, no stored file without
// its row, no change to the material a refused request was aimed at. Uploads are limited to 64 KB
// here, so "too large" is cheap to send.
const state = vi.hoisted(() => ({ viewer: { kind: 'anonymous' } as Viewer, hub: undefined as unknown as TestHub }));
vi.mock('@/lib/sign-in/current-viewer', () => ({ currentViewer: async () => state.viewer }));
vi.mock('@/lib/runtime', () => ({ services: async () => state.hub.services }));

const routes = {
  create: (await import('./route')).POST,
  change: (await import('./[id]/route')).PATCH,
  addVersion: (await import('./[id]/versions/route')).POST,
  withdraw: (await import('./[id]/withdraw/route')).POST,
  publish: (await import('./[id]/publish/route')).POST,
};

type Problem = { status: number; detail: string; errors?: { parameter: string; message: string }[] };
const uploadLimit = 64 * 1024;
const answers = { title: 'Journey map', summary: 'Bins.', phases: 'discovery', artefactType: 'discussion-guide', kind: 'template', licence: 'OGL-UK-3.0', shareAnyway: 'yes' };

/** A body that streams `size` bytes of file with no Content-Length (as a chunked upload). */
function chunkedUpload(fields: Record<string, string>, size: number): { body: ReadableStream<Uint8Array>; headers: Record<string, string> } {
  const boundary = `----test${randomUUID()}`;
  const head = Object.entries(fields)
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join('');
  const parts = [Buffer.from(`${head}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n`)];
  for (let sent = 0; sent < size; sent += 16 * 1024) parts.push(Buffer.alloc(Math.min(16 * 1024, size - sent), 'a'));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = parts.shift();
      if (next) controller.enqueue(new Uint8Array(next));
      else controller.close();
    },
  });
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(testDrivers)('bad input to the API’s writes, on %s', (driver) => {
  let hub: TestHub;
  let people: ApiWriters;
  let guide: string;
  let token: Record<string, string>;

  beforeAll(async () => {
    hub = await createTestHub(driver, { maxUploadBytes: uploadLimit });
    state.hub = hub;
    people = await apiWriters(hub);
    token = people.headers('member');
    guide = await shareDiscussionGuide(hub, people.viewers.member, 'organisation');
  });
  afterAll(async () => hub?.close());

  /** Rows, stored files and pending uploads, and the guide as its owner sees it. */
  async function everything() {
    const rows = await hub.services.db.select({ id: materials.id }).from(materials);
    const versions = await hub.services.db.select({ id: materialVersions.id }).from(materialVersions);
    const pending = await hub.services.db.select().from(pendingUploads);
    const detail = await getMaterial(hub.services, people.viewers.member, guide);
    return { rows: rows.length, versions: versions.length, pending: pending.length, keys: (await storedKeys(hub.services.storage)).length, detail };
  }

  function expectProblem({ response, body }: ApiCall, status: number, label: string): Problem {
    expect(response.status, label).toBe(status);
    expect(response.headers.get('content-type'), label).toBe('application/problem+json');
    return body as Problem;
  }

  const patch = (body: ReturnType<typeof jsonBody>) => callApi(routes.change, `/api/v1/materials/${guide}`, { method: 'PATCH', params: { id: guide }, ...body });

  it('refuses malformed JSON, unknown fields, wrong types, values not in the vocabularies, huge and non-JSON bodies, and changes nothing', async () => {
    const before = await everything();
    const cases: [string, ReturnType<typeof jsonBody>, number, string?, RegExp?][] = [
      ['malformed JSON', jsonBody('{"title": "Half', token), 400, undefined, /not valid JSON/],
      ['not an object', jsonBody(['title'], token), 422, '(body)', /JSON object/],
      ['an unknown field', jsonBody({ title: 'New', colour: 'red' }, token), 422, 'colour', /colour is not a field/],
      ['a field of the wrong type', jsonBody({ title: 5 }, token), 422, 'title', /Give title as text/],
      ['a list given as text', jsonBody({ phases: 'discovery' }, token), 422, 'phases', /Give phases as a list/],
      ['a phase not in the vocabulary', jsonBody({ phases: ['nope'] }, token), 422, 'phases', /Select phases from the list/],
      ['no phase at all', jsonBody({ phases: [] }, token), 422, 'phases', /Select at least one phase/],
      ['an empty title', jsonBody({ title: '   ' }, token), 422, 'title', /Enter a title/],
      ['a visibility that does not exist', jsonBody({ visibility: 'everyone' }, token), 422, 'visibility', /./],
      ['a project that is not an id', jsonBody({ project: 'mine' }, token), 422, 'project', /./],
      ['a body over 64 KB', jsonBody({ summary: 'x'.repeat(70 * 1024) }, token), 413, undefined, /64 KB/],
      ['a form instead of JSON', { body: 'title=New', headers: { ...token, 'content-type': 'application/x-www-form-urlencoded' } }, 415, undefined, /application\/json/],
      ['no content type', { body: '{"title":"New"}', headers: token }, 415, undefined, /application\/json/],
    ];
    for (const [label, body, status, parameter, detail] of cases) {
      const problem = expectProblem(await patch(body), status, label);
      if (parameter) expect(problem.errors?.map((e) => e.parameter), label).toContain(parameter);
      if (detail) expect(problem.detail + JSON.stringify(problem.errors ?? []), label).toMatch(detail);
    }
    expect(await everything()).toEqual(before);
  });

  it('changes only the fields given, checked as the edit form checks them', async () => {
    const { response, body } = await patch(jsonBody({ title: 'Bin collections guide, second edition', tags: ['Interviews', 'bins'] }, token));
    expect(response.status).toBe(200);
    const detail = body as { title: string; tags: string[]; summary: string; visibility: string; phases: { slug: string }[] };
    expect(detail).toMatchObject({ title: 'Bin collections guide, second edition', tags: ['interviews', 'bins'], summary: 'Questions we asked residents.', visibility: 'organisation' });
    expect(detail.phases.map((p) => p.slug)).toEqual(['discovery']);
    // Nothing given: nothing changes.
    expect((await patch(jsonBody({}, token))).response.status).toBe(200);
  });

  it('refuses a withdrawal without a reason', async () => {
    for (const [label, body, message] of [
      ['no reason', {}, /Give reason/],
      ['an empty reason', { reason: ' ' }, /Enter why you are withdrawing this material/],
    ] as const) {
      const call = await callApi(routes.withdraw, `/api/v1/materials/${guide}/withdraw`, { method: 'POST', params: { id: guide }, ...jsonBody(body, token) });
      expect(expectProblem(call, 422, label).detail, label).toMatch(message);
    }
    expect((await getMaterial(hub.services, people.viewers.member, guide))?.status).toBe('published');
  });

  it('refuses bad uploads with a clear problem and keeps nothing: no row without its file, no file without its row', async () => {
    const before = await everything();
    const share = (body: FormData | ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) =>
      callApi(routes.create, '/api/v1/materials', { method: 'POST', body, headers: { ...token, ...headers } });
    const cases: [string, () => Promise<ApiCall>, number, string?, RegExp?][] = [
      ['JSON instead of a multipart upload', () => share(JSON.stringify(answers), { 'content-type': 'application/json' }), 415, undefined, /multipart\/form-data/],
      ['no file', () => share(uploadForm(answers)), 422, 'file', /Select a file/],
      ['HTML named .pdf', () => share(uploadForm(answers, { name: 'report.pdf', content: '<html><script>alert(1)</script></html>' })), 422, 'file', /./],
      ['a program', () => share(uploadForm(answers, { name: 'setup.exe', content: 'MZ\x90\x00' })), 422, 'file', /./],
      ['an unknown field', () => share(uploadForm({ ...answers, colour: 'red' }, { name: 'map.txt', content: 'A map' })), 422, 'colour', /not a field/],
      ['the title twice', () => share(uploadForm({ ...answers, title: ['One', 'Two'] }, { name: 'map.txt', content: 'A map' })), 422, 'title', /Give title as text/],
      ['no title', () => share(uploadForm({ ...answers, title: '' }, { name: 'map.txt', content: 'A map' })), 422, 'title', /Enter a title/],
      ['a type not in the vocabulary', () => share(uploadForm({ ...answers, artefactType: 'poem' }, { name: 'map.txt', content: 'A map' })), 422, 'artefactType', /Select the type/],
      ['one byte over the limit, streamed', () => { const upload = chunkedUpload(answers, uploadLimit + 1); return share(upload.body, upload.headers); }, 413, 'file', /smaller than/],
      ['a Content-Length over the limit', () => share('x', { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(uploadLimit + 2 * 1024 * 1024) }), 413, undefined, /too large/],
      ['a broken multipart body', () => share('this is not multipart', { 'content-type': 'multipart/form-data; boundary=zzz' }), 400, undefined, /./],
    ];
    for (const [label, send, status, parameter, detail] of cases) {
      const problem = expectProblem(await send(), status, label);
      if (parameter) expect(problem.errors?.map((e) => e.parameter), label).toContain(parameter);
      if (detail) expect(problem.detail + JSON.stringify(problem.errors ?? []), label).toMatch(detail);
      expect(await everything(), label).toEqual(before);
    }
    // Exactly at the limit is fine.
    const atLimit = chunkedUpload({ ...answers, title: 'At the limit' }, uploadLimit);
    expect((await share(atLimit.body, atLimit.headers)).response.status).toBe(201);
  });

  it('refuses a new version without a change note, without a file, or too large, and keeps the versions as they were', async () => {
    const before = await everything();
    const addVersion = (body: FormData | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
      callApi(routes.addVersion, `/api/v1/materials/${guide}/versions`, { method: 'POST', params: { id: guide }, body, headers: { ...token, ...headers } });
    const big = chunkedUpload({ changeNote: 'Bigger' }, uploadLimit + 1);
    const cases: [string, () => Promise<ApiCall>, number, string][] = [
      ['no change note', () => addVersion(uploadForm({}, { name: 'guide.txt', content: 'Version two' })), 422, 'changeNote'],
      ['no file', () => addVersion(uploadForm({ changeNote: 'New figures' })), 422, 'file'],
      ['an unknown field', () => addVersion(uploadForm({ changeNote: 'New figures', title: 'Renamed' }, { name: 'guide.txt', content: 'Version two' })), 422, 'title'],
      ['too large', () => addVersion(big.body, big.headers), 413, 'file'],
    ];
    for (const [label, send, status, parameter] of cases) {
      expect(expectProblem(await send(), status, label).errors?.map((e) => e.parameter), label).toContain(parameter);
      expect(await everything(), label).toEqual(before);
    }
  });

  it('never takes the session cookie for a write, even from a browser on another site', async () => {
    state.viewer = people.viewers.member; // signed in to the hub in this browser
    const crossSite = { cookie: 'next-auth.session-token=abc', origin: 'https://evil.example' };
    const before = await everything();
    const calls = [
      () => callApi(routes.create, '/api/v1/materials', { method: 'POST', body: uploadForm(answers, { name: 'map.txt', content: 'A map' }), headers: crossSite }),
      () => patch(jsonBody({ title: 'Taken over' }, crossSite)),
      () => callApi(routes.addVersion, `/api/v1/materials/${guide}/versions`, { method: 'POST', params: { id: guide }, body: uploadForm({ changeNote: 'x' }, { name: 'a.txt', content: 'x' }), headers: crossSite }),
      () => callApi(routes.withdraw, `/api/v1/materials/${guide}/withdraw`, { method: 'POST', params: { id: guide }, ...jsonBody({ reason: 'x' }, crossSite) }),
      () => callApi(routes.publish, `/api/v1/materials/${guide}/publish`, { method: 'POST', params: { id: guide }, ...jsonBody({}, crossSite) }),
    ];
    for (const call of calls) {
      const problem = expectProblem(await call(), 401, 'cross-site');
      expect(problem.detail).toMatch(/cookie\) is not accepted/);
    }
    expect(await everything()).toEqual(before);
  });

  it('refuses a token in the web address on a write, before anything else', async () => {
    const call = await callApi(routes.change, `/api/v1/materials/${guide}?access_token=abc`, { method: 'PATCH', params: { id: guide }, ...jsonBody({ title: 'x' }, token) });
    expect(expectProblem(call, 400, 'token in address').errors?.[0]?.parameter).toBe('access_token');
  });

  it('shares, then publishes with no body at all once the check is done', async () => {
    const shared = await callApi(routes.create, '/api/v1/materials', { method: 'POST', headers: token, body: uploadForm({ ...answers, title: 'Publish me' }, { name: 'plan.txt', content: `A plan ${randomUUID()}` }) });
    expect(shared.response.status).toBe(201);
    const id = (shared.body as { id: string }).id;
    const published = await callApi(routes.publish, `/api/v1/materials/${id}/publish`, { method: 'POST', params: { id }, headers: token });
    expect(published.response.status).toBe(200);
    expect((published.body as { status: string }).status).toBe('published');
  });
});
