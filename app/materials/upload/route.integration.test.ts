import { createHash } from 'node:crypto';
import { checkThenPublish } from '@/lib/file-checks/testing/publish-after-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import type { Services } from '@/lib/services';
import { storedKeys } from '@/lib/testing/test-hub';

/**
 * The upload route handler itself, called as Next.js calls it: POST(request) → Response. Everything
 * below it is real (the configured runtime, on PGlite and local disk in a temp DATA_DIR), except who
 * is signed in: that comes from next-auth's session cookie through next/headers, which only exists
 * inside a Next.js request, so currentViewer is replaced by the viewer each test chooses.
 */

const signedIn = vi.hoisted(() => ({ viewer: { kind: 'anonymous' } as Viewer }));

vi.mock('@/lib/sign-in/current-viewer', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/sign-in/current-viewer')>()),
  currentViewer: async () => signedIn.viewer,
}));

type FormAttempts = typeof import('@/lib/forms/form-attempts');

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const HUB = 'http://hub.example.org';
const LIMIT = 100_000;

const answers: [string, string][] = [
  ['title', 'Bin collections discussion guide'],
  ['summary', 'Questions we asked residents about missed bin collections.'],
  ['phases', 'discovery'],
  ['phases', 'alpha'],
  ['artefactType', 'discussion-guide'],
  ['kind', 'template'],
  ['topics', 'waste-recycling'],
  ['tags', 'Interviews, bins'],
  ['licence', 'OGL-UK-3.0'],
  ['visibility', 'public'],
];

function uploadForm(list: [string, string][], file?: { name: string; content: Buffer | string; type?: string }): FormData {
  const form = new FormData();
  for (const [name, value] of list) form.append(name, value);
  if (file) form.append('file', new Blob([typeof file.content === 'string' ? file.content : new Uint8Array(file.content)], { type: file.type ?? 'text/plain' }), file.name);
  return form;
}

function post(body: BodyInit, headers: Record<string, string> = {}): Request {
  return new Request(`${HUB}/materials/upload`, {
    method: 'POST',
    headers: { host: 'hub.example.org', origin: HUB, ...headers },
    body,
  });
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('POST /materials/upload', () => {
  const savedEnv = { ...process.env };
  let dataDir: string;
  let POST: (request: Request) => Promise<Response>;
  let loadFormAttempt: FormAttempts['loadFormAttempt'];
  const loadUploadAttempt = (services: Services, viewer: Viewer, id: string) => loadFormAttempt(services, viewer, 'share', '', id);
  let hub: Services;
  let closeRuntime: () => Promise<void>;
  let member: Viewer;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-route-'));
    for (const name of Object.keys(process.env)) {
      if (/^(DATABASE_|S3_|SMTP_|ENTRA_)/.test(name)) delete process.env[name];
    }
    Object.assign(process.env, { DATA_DIR: dataDir, SEED_STARTER_KIT: 'false', MAX_UPLOAD_BYTES: String(LIMIT) });
    // lib/config caches the settings and lib/runtime the open database: load them afresh, after the env is set.
    vi.resetModules();
    const route = await import('./route');
    POST = (request) => route.POST(request, { params: Promise.resolve({}) });
    ({ loadFormAttempt } = await import('@/lib/forms/form-attempts'));
    const { runtime } = await import('@/lib/runtime');
    const started = await runtime();
    hub = started.services;
    closeRuntime = async () => {
      await started.close();
      delete (globalThis as { discoveryCommonsRuntime?: unknown }).discoveryCommonsRuntime;
    };
    expect(started.database.driver).toBe('pglite');
    expect(hub.storage.driver).toBe('local');
    expect(hub.maxUploadBytes).toBe(LIMIT);

    const [bristol] = await queryRows<{ id: string; name: string }>(hub.db, sql`SELECT id, name FROM organisations WHERE slug = 'bristol'`);
    const [user] = await queryRows<{ id: string }>(
      hub.db,
      sql`INSERT INTO users (email, name, organisation_id) VALUES ('alex@bristol.gov.uk', 'Alex Smith', ${bristol!.id}) RETURNING id`,
    );
    member = {
      kind: 'user',
      userId: user!.id,
      name: 'Alex Smith',
      organisation: { id: bristol!.id, slug: 'bristol', name: bristol!.name },
      role: 'member',
      isSiteAdmin: false,
    };
  });

  afterAll(async () => {
    await closeRuntime?.();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name];
    Object.assign(process.env, savedEnv);
  });

  beforeEach(async () => {
    signedIn.viewer = member;
    await hub.db.execute(sql`TRUNCATE materials, material_versions, pending_uploads, form_attempts CASCADE`);
    for (const key of await storedKeys(hub.storage)) await hub.storage.delete(key);
  });

  async function counts() {
    const [row] = await queryRows<{ materials: number; pending: number; attempts: number }>(hub.db, sql`
      SELECT (SELECT count(*)::int FROM materials) AS materials,
             (SELECT count(*)::int FROM pending_uploads) AS pending,
             (SELECT count(*)::int FROM form_attempts) AS attempts`);
    return { ...row!, objects: (await storedKeys(hub.storage)).length };
  }

  /** The attempt id a refusal redirected to, after checking the redirect itself. */
  function attemptIdOf(response: Response): string {
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    // Relative, so the browser stays on the host its session cookie belongs to.
    expect(location).toMatch(new RegExp(`^/materials/new\\?attempt=${UUID}$`));
    return new URL(location, HUB).searchParams.get('attempt')!;
  }

  it('shares a good upload as a draft and answers 303 to its check page, marked as just shared', async () => {
    const content = Buffer.from('Notes from the show and tell.\n'.repeat(100));
    const response = await POST(post(uploadForm(answers, { name: 'Show and tell notes.txt', content })));

    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^/materials/${UUID}/check\\?shared=1$`));
    const id = new URL(location, HUB).pathname.split('/')[2]!;

    const [row] = await queryRows<{ title: string; organisation_id: string; created_by: string; file_name: string; sha256: string; storage_key: string }>(
      hub.db,
      sql`SELECT m.title, m.organisation_id, m.created_by, v.file_name, v.sha256, v.storage_key
          FROM materials m JOIN material_versions v ON v.material_id = m.id WHERE m.id = ${id}`,
    );
    expect(row).toMatchObject({
      title: 'Bin collections discussion guide',
      organisation_id: member.kind === 'user' ? member.organisation!.id : '',
      created_by: member.kind === 'user' ? member.userId : '',
      file_name: 'Show and tell notes.txt',
      sha256: sha256(content),
    });
    expect(sha256(await readAll((await hub.storage.get(row!.storage_key)).body))).toBe(sha256(content));
    expect(await counts()).toEqual({ materials: 1, pending: 0, attempts: 0, objects: 1 });
  });

  it('keeps the answers of a refused upload and redirects back to the form with the errors', async () => {
    const response = await POST(
      post(
        uploadForm(
          answers.filter(([name]) => name !== 'title'),
          { name: 'page.html', content: '<!doctype html><script>alert(1)</script>', type: 'text/html' },
        ),
      ),
    );
    const attempt = await loadUploadAttempt(hub, member, attemptIdOf(response));
    expect(attempt).toBeDefined();
    // Kept as sent: a field sent twice is a list, once is text, not at all is absent.
    expect(attempt!.values.title).toBeUndefined();
    expect(attempt!.values).toMatchObject({
      summary: 'Questions we asked residents about missed bin collections.',
      phases: ['discovery', 'alpha'],
      artefactType: 'discussion-guide',
      kind: 'template',
      topics: 'waste-recycling',
      tags: 'Interviews, bins',
      licence: 'OGL-UK-3.0',
      visibility: 'public',
    });
    const errors = Object.fromEntries(attempt!.errors.map((e) => [e.field, e.message]));
    expect(errors.title).toBe('Enter a title');
    expect(errors.file).toContain('(it is a .html file)');
    expect(await counts()).toEqual({ materials: 0, pending: 0, attempts: 1, objects: 0 });
  });

  it('refuses a file already in the hub, keeping the answers and which material has it, and shares it when told to', async () => {
    const content = 'Consent form for resident interviews.';
    const first = await POST(post(uploadForm(answers, { name: 'consent.txt', content })));
    const existingId = new URL(first.headers.get('location') ?? '', HUB).pathname.split('/')[2]!;
    // Shared as a draft; published after its check, as its sharer would.
    await checkThenPublish(hub, member, existingId);

    const again = [...answers.filter(([name]) => name !== 'title'), ['title', 'Our consent form']] as [string, string][];
    const attempt = await loadUploadAttempt(hub, member, attemptIdOf(await POST(post(uploadForm(again, { name: 'copy.txt', content })))));
    expect(attempt!.values).toMatchObject({ title: 'Our consent form', duplicateOf: existingId });
    expect(attempt!.errors).toEqual([{ field: 'file', message: expect.stringContaining('already in the hub') }]);
    expect(await counts()).toEqual({ materials: 1, pending: 0, attempts: 1, objects: 1 });

    const anyway = await POST(post(uploadForm([...again, ['shareAnyway', 'yes']], { name: 'copy.txt', content })));
    expect(anyway.headers.get('location')).toMatch(new RegExp(`^/materials/${UUID}/check\\?shared=1$`));
    expect(await counts()).toMatchObject({ materials: 2, objects: 2 });
  });

  it('shows a refused upload’s answers to the person who sent it, and to nobody else', async () => {
    const form = uploadForm(answers);
    form.append('file', new Blob([]), '');
    const id = attemptIdOf(await POST(post(form)));
    expect((await loadUploadAttempt(hub, member, id))?.values.title).toBe('Bin collections discussion guide');
    const someoneElse: Viewer = member.kind === 'user' ? { ...member, userId: '00000000-0000-4000-8000-000000000000', name: 'Sam Jones' } : member;
    expect(await loadUploadAttempt(hub, someoneElse, id)).toBeUndefined();
    expect(await loadUploadAttempt(hub, { ...someoneElse, isSiteAdmin: true } as Viewer, id)).toBeUndefined();
    expect(await loadUploadAttempt(hub, { kind: 'anonymous' }, id)).toBeUndefined();
  });

  it('sends someone who is no longer a member of a council back to the share page, keeping their answers', async () => {
    // The share page itself explains that only members can share (and how to join), so a person who
    // left their council in another tab lands there rather than on a bare refusal.
    signedIn.viewer = member.kind === 'user' ? { ...member, organisation: null, role: 'member' } : member;
    const response = await POST(post(uploadForm(answers, { name: 'guide.txt', content: 'Hello' })));
    const attempt = await loadUploadAttempt(hub, signedIn.viewer, attemptIdOf(response));
    expect(attempt!.errors[0]!.message).toContain('Only members of a council or public body can share materials');
    expect(attempt!.values.title).toBe('Bin collections discussion guide');
    expect(await counts()).toEqual({ materials: 0, pending: 0, attempts: 1, objects: 0 });
  });

  it('asks for a file when the file input was left empty', async () => {
    const form = uploadForm(answers);
    form.append('file', new Blob([]), '');
    const attempt = await loadUploadAttempt(hub, member, attemptIdOf(await POST(post(form))));
    expect(attempt!.errors).toEqual([{ field: 'file', message: 'Select a file' }]);
    expect(attempt!.values.title).toBe('Bin collections discussion guide');
    expect(await counts()).toEqual({ materials: 0, pending: 0, attempts: 1, objects: 0 });
  });

  it('refuses a file one byte over MAX_UPLOAD_BYTES, storing nothing', async () => {
    const response = await POST(post(uploadForm(answers, { name: 'big.txt', content: Buffer.alloc(LIMIT + 1, 'a') })));
    const attempt = await loadUploadAttempt(hub, member, attemptIdOf(response));
    expect(attempt!.errors).toEqual([{ field: 'file', message: 'The selected file must be smaller than 98 KB' }]);
    expect(await counts()).toEqual({ materials: 0, pending: 0, attempts: 1, objects: 0 });
  });

  it('refuses a body that is not multipart with a message on the form', async () => {
    const response = await POST(post(new URLSearchParams(answers), { 'content-type': 'application/x-www-form-urlencoded' }));
    const attempt = await loadUploadAttempt(hub, member, attemptIdOf(response));
    expect(attempt!.errors).toEqual([{ field: 'file', message: 'Send the material as multipart/form-data.' }]);
    expect(await counts()).toEqual({ materials: 0, pending: 0, attempts: 1, objects: 0 });
  });

  it('refuses an upload whose connection broke off, leaving nothing behind', async () => {
    const form = uploadForm(answers, { name: 'notes.txt', content: Buffer.alloc(90_000, 'n') });
    const encoded = new Response(form); // the multipart bytes a browser would send, and their boundary
    const contentType = encoded.headers.get('content-type')!;
    const whole = Buffer.from(await encoded.arrayBuffer());
    const sent = whole.subarray(0, whole.length - 20_000);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(sent));
        setTimeout(() => controller.error(new Error('socket hang up')), 20);
      },
    });
    const init: RequestInit & { duplex: 'half' } = {
      method: 'POST',
      headers: { host: 'hub.example.org', origin: HUB, 'content-type': contentType },
      body,
      duplex: 'half',
    };
    const response = await POST(new Request(`${HUB}/materials/upload`, init));
    const attempt = await loadUploadAttempt(hub, member, attemptIdOf(response));
    expect(attempt!.errors).toEqual([{ field: 'file', message: 'The upload was interrupted. Try again.' }]);
    expect(await counts()).toEqual({ materials: 0, pending: 0, attempts: 1, objects: 0 });
  });

  it.each([
    ['another site', { origin: 'https://evil.test' }],
    ['a look-alike host', { origin: 'http://hub.example.org.evil.test' }],
    ['Origin: null', { origin: 'null' }],
  ])('answers 403 with a plain message to a POST from %s, and writes nothing', async (_case, headers) => {
    const response = await POST(post(uploadForm(answers, { name: 'notes.txt', content: 'Some notes\n' }), headers));
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toBe('This form must be sent from Discovery Commons itself.');
    expect(await counts()).toEqual({ materials: 0, pending: 0, attempts: 0, objects: 0 });
  });

  it('answers 403 to a POST with no Origin at all', async () => {
    const request = post(uploadForm(answers, { name: 'notes.txt', content: 'Some notes\n' }));
    request.headers.delete('origin');
    const response = await POST(request);
    expect(response.status).toBe(403);
    expect(await counts()).toEqual({ materials: 0, pending: 0, attempts: 0, objects: 0 });
  });

  it('sends someone who is not signed in to sign in, and writes nothing', async () => {
    signedIn.viewer = { kind: 'anonymous' };
    const response = await POST(post(uploadForm(answers, { name: 'notes.txt', content: 'Some notes\n' })));
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get('location')!, HUB).pathname).toBe('/sign-in');
    expect(new URL(response.headers.get('location')!, HUB).searchParams.get('callbackUrl')).toBe('/materials/new');
    expect(await counts()).toEqual({ materials: 0, pending: 0, attempts: 0, objects: 0 });
  });
});
