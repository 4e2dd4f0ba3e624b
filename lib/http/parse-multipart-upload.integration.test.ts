import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import { AppError, ValidationError } from '@/lib/errors';
import { createMaterial, type CreatedMaterial } from '@/lib/materials/create-material';
import { attachmentDisposition } from '@/lib/storage/content-disposition';
import { testDrivers } from '@/lib/testing/databases';
import { testSettings } from '@/lib/testing/settings';
import { createTestHub, storedKeys, type TestHub } from '@/lib/testing/test-hub';
import { parseMultipartUpload, type UploadFields } from './parse-multipart-upload';

/**
 * The upload form's HTTP path, end to end below the route handler: real multipart bodies, parsed by
 * parseMultipartUpload and handed to the real createMaterial, on a fresh database and a temp folder.
 */

const answers: [string, string][] = [
  ['title', 'Bin collections discussion guide'],
  ['summary', 'Questions we asked residents about missed bin collections.'],
  ['phases', 'discovery'],
  ['phases', 'alpha'],
  ['artefactType', 'discussion-guide'],
  ['kind', 'template'],
  ['topics', 'waste-recycling'],
  ['tags', 'Interviews, bins'],
  ['council', 'bristol'],
  ['licence', 'OGL-UK-3.0'],
];

type Part =
  | { name: string; value: string }
  | {
      name: string;
      /** Sent as filename="…" exactly as given (no escaping), unless `filenameParam` replaces the whole parameter. */
      filename?: string;
      filenameParam?: string;
      contentType?: string;
      content: Buffer | string;
    };

const fieldParts = (list: [string, string][] = answers): Part[] => list.map(([name, value]) => ({ name, value }));

/** The bytes of a multipart/form-data body, written by hand so part order and raw file names are ours. */
function multipartBytes(parts: Part[], boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in part) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
      continue;
    }
    const filenameParam = part.filenameParam ?? `filename="${part.filename ?? ''}"`;
    chunks.push(
      Buffer.from(
        `Content-Disposition: form-data; name="${part.name}"; ${filenameParam}\r\n` +
          `Content-Type: ${part.contentType ?? 'application/octet-stream'}\r\n\r\n`,
      ),
    );
    chunks.push(Buffer.from(part.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const uploadUrl = 'http://hub.example.org/materials/upload';

function multipartRequest(parts: Part[]): Request {
  const boundary = `----dc-test-${randomUUID()}`;
  return new Request(uploadUrl, {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: new Uint8Array(multipartBytes(parts, boundary)),
  });
}

/** A request whose body is a stream we control (say, one that breaks off half-way). */
function streamingRequest(boundary: string, body: ReadableStream<Uint8Array>): Request {
  const init: RequestInit & { duplex: 'half' } = {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
    duplex: 'half',
  };
  return new Request(uploadUrl, init);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Rejects if `promise` has not settled within `ms`: an upload must never leave a request hanging. */
async function settlesWithin<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function outcome<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

function fieldErrorsOf(error: unknown): Record<string, string> {
  expect(error).toBeInstanceOf(ValidationError);
  return Object.fromEntries((error as ValidationError).fieldErrors.map((e) => [e.field, e.message]));
}

/** A member of Bristol City Council, as the route's currentViewer() would give. */
async function signedInMember(hub: TestHub): Promise<Viewer> {
  const [bristol] = await queryRows<{ id: string; name: string }>(
    hub.services.db,
    sql`SELECT id, name FROM organisations WHERE slug = 'bristol'`,
  );
  const [user] = await queryRows<{ id: string }>(
    hub.services.db,
    sql`INSERT INTO users (email, name, organisation_id) VALUES ('alex@bristol.gov.uk', 'Alex Smith', ${bristol!.id}) RETURNING id`,
  );
  return {
    kind: 'user',
    userId: user!.id,
    name: 'Alex Smith',
    organisation: { id: bristol!.id, slug: 'bristol', name: bristol!.name },
    role: 'member',
    isSiteAdmin: false,
  };
}

const STORAGE_KEY = /^materials\/\d{4}\/(0[1-9]|1[0-2])\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// A small but real PDF (file-type recognises it by its magic bytes).
const tinyPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n',
);

describe.each(testDrivers)('parseMultipartUpload with createMaterial on %s', (driver) => {
  // One hub per driver (a fresh database takes seconds), emptied of materials and files before each test.
  let hub: TestHub;
  let member: Viewer;
  beforeAll(async () => {
    hub = await createTestHub(driver);
    member = await signedInMember(hub);
  });
  afterAll(async () => hub?.close());
  beforeEach(async () => {
    hub.services.maxUploadBytes = 100 * 1024 * 1024;
    await hub.services.db.execute(sql`TRUNCATE materials, material_versions, pending_uploads CASCADE`);
    for (const key of await storedKeys(hub.services.storage)) await hub.services.storage.delete(key);
    expect(await counts()).toEqual(nothingWritten);
  });

  /** Parses the request and shares what it carries, as the upload route does for a signed-in member. */
  function upload(request: Request): Promise<{ fields: UploadFields; result: CreatedMaterial }> {
    return parseMultipartUpload(request, hub.services.maxUploadBytes, (fields, file) =>
      createMaterial(hub.services, { actor: member, fields, file }),
    );
  }

  async function counts() {
    const rows = await queryRows<{ materials: number; versions: number; pending: number }>(hub.services.db, sql`
      SELECT (SELECT count(*)::int FROM materials) AS materials,
             (SELECT count(*)::int FROM material_versions) AS versions,
             (SELECT count(*)::int FROM pending_uploads) AS pending`);
    return { ...rows[0]!, objects: (await storedKeys(hub.services.storage)).length };
  }
  const nothingWritten = { materials: 0, versions: 0, pending: 0, objects: 0 };

  async function versionOf(materialId: string) {
    const rows = await queryRows<{ file_name: string; storage_key: string; sha256: string; size_bytes: number; title: string }>(
      hub.services.db,
      sql`SELECT v.file_name, v.storage_key, v.sha256, v.size_bytes::int AS size_bytes, m.title
          FROM material_versions v JOIN materials m ON m.id = v.material_id
          WHERE v.material_id = ${materialId}`,
    );
    expect(rows).toHaveLength(1);
    return rows[0]!;
  }

  async function storedBytes(storageKey: string): Promise<Buffer> {
    return readAll((await hub.services.storage.get(storageKey)).body);
  }

  it('records a good upload (sent as a browser would, with FormData) with exactly its bytes', async () => {
    const original = fs.readFileSync(path.join(testSettings.corpusDir, '015-gds-research-consent-form.pdf'));
    const form = new FormData();
    for (const [name, value] of answers) form.append(name, value);
    form.append('file', new Blob([original], { type: 'application/pdf' }), 'Research consent form.pdf');
    const request = new Request(uploadUrl, { method: 'POST', body: form });
    expect(request.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);

    const { fields, result } = await upload(request);

    expect(fields.title).toBe('Bin collections discussion guide');
    expect(fields.phases).toEqual(['discovery', 'alpha']);
    expect(result.sha256).toBe(sha256(original));
    expect(result.sizeBytes).toBe(original.length);
    const version = await versionOf(result.id);
    expect(version).toMatchObject({
      title: 'Bin collections discussion guide',
      file_name: 'Research consent form.pdf',
      sha256: sha256(original),
      size_bytes: original.length,
    });
    expect(version.storage_key).toMatch(STORAGE_KEY);
    expect(sha256(await storedBytes(version.storage_key))).toBe(sha256(original));
    expect(await counts()).toEqual({ materials: 1, versions: 1, pending: 0, objects: 1 });
  });

  it.each([
    ['a urlencoded form', 'application/x-www-form-urlencoded', 'title=Hello'],
    ['plain text', 'text/plain', 'title=Hello'],
    ['JSON', 'application/json', '{"title":"Hello"}'],
    ['no content type', undefined, 'title=Hello'],
  ])('refuses %s as bad_request, storing nothing', async (_case, contentType, body) => {
    const request = new Request(uploadUrl, {
      method: 'POST',
      headers: contentType ? { 'content-type': contentType } : {},
      body,
    });
    if (!contentType) request.headers.delete('content-type'); // a string body would default to text/plain
    const result = await outcome(upload(request));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(AppError);
    expect((result.error as AppError).code).toBe('bad_request');
    expect((result.error as AppError).status).toBe(400);
    expect(await counts()).toEqual(nothingWritten);
  });

  it.each([
    ['no body', 'multipart/form-data; boundary=x', undefined],
    ['no boundary', 'multipart/form-data', 'title=Hello'],
    ['an empty boundary', 'multipart/form-data; boundary=', 'title=Hello'],
  ])('refuses a multipart request with %s as bad_request', async (_case, contentType, body) => {
    const request = new Request(uploadUrl, { method: 'POST', headers: { 'content-type': contentType }, body });
    const result = await outcome(settlesWithin(upload(request), 10_000));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(AppError);
    expect((result.error as AppError).code).toBe('bad_request');
    expect(await counts()).toEqual(nothingWritten);
  });

  it('asks for a file when the file input was left empty (a part with filename="" and no bytes)', async () => {
    const request = multipartRequest([...fieldParts(), { name: 'file', filename: '', content: '' }]);
    const result = await outcome(settlesWithin(upload(request), 10_000));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(fieldErrorsOf(result.error)).toEqual({ file: 'Select a file' });
    expect(await counts()).toEqual(nothingWritten);
  });

  it('asks for a file, and reports the other answers, when no file part is sent at all', async () => {
    const request = multipartRequest(fieldParts(answers.filter(([name]) => name !== 'title')));
    const result = await outcome(upload(request));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(fieldErrorsOf(result.error)).toEqual({ title: 'Enter a title', file: 'Select a file' });
    expect(await counts()).toEqual(nothingWritten);
  });

  it('ignores answers sent after the file: the file must be the last part', async () => {
    const content = 'Notes from the show and tell.\n';
    const request = multipartRequest([
      ...fieldParts(),
      { name: 'file', filename: 'notes.txt', contentType: 'text/plain', content },
      { name: 'title', value: 'A title sent after the file' },
      { name: 'council', value: 'leeds' },
    ]);
    const { fields, result } = await upload(request);
    expect(fields.title).toBe('Bin collections discussion guide');
    expect(fields.council).toBe('bristol');
    expect((await versionOf(result.id)).title).toBe('Bin collections discussion guide');
  });

  it('refuses a form whose only title comes after the file, and stores nothing', async () => {
    const request = multipartRequest([
      ...fieldParts(answers.filter(([name]) => name !== 'title')),
      { name: 'file', filename: 'notes.txt', contentType: 'text/plain', content: 'Some notes\n' },
      { name: 'title', value: 'Too late' },
    ]);
    const result = await outcome(upload(request));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(fieldErrorsOf(result.error)).toEqual({ title: 'Enter a title' });
    expect(await counts()).toEqual(nothingWritten);
  });

  it('keeps the first file and discards a second file part', async () => {
    const first = Buffer.from('The first file: the one the form sent.\n');
    const second = Buffer.from('A second file part that must never be stored.\n');
    const request = multipartRequest([
      ...fieldParts(),
      { name: 'file', filename: 'first.txt', contentType: 'text/plain', content: first },
      { name: 'file', filename: 'second.txt', contentType: 'text/plain', content: second },
    ]);
    const { result } = await settlesWithin(upload(request), 10_000);
    const version = await versionOf(result.id);
    expect(version.file_name).toBe('first.txt');
    expect(result.sha256).toBe(sha256(first));
    expect(await storedBytes(version.storage_key)).toEqual(first);
    expect(await counts()).toEqual({ materials: 1, versions: 1, pending: 0, objects: 1 });
  });

  it('does not take a file from a part with another name', async () => {
    const request = multipartRequest([
      ...fieldParts(),
      { name: 'attachment', filename: 'sneaky.txt', contentType: 'text/plain', content: 'Not from the file input\n' },
      { name: 'file', filename: 'notes.txt', contentType: 'text/plain', content: 'The real file\n' },
    ]);
    // Only one file part is read per request; a stray one first means no file was chosen.
    const result = await outcome(settlesWithin(upload(request), 10_000));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(fieldErrorsOf(result.error)).toEqual({ file: 'Select a file' });
    expect(await counts()).toEqual(nothingWritten);
  });

  /** RFC 5987 `filename*`, which busboy decodes: the way to deliver any character, even CR, LF and NUL. */
  const extended = (name: string) => `filename*=UTF-8''${encodeURIComponent(name)}`;
  const text = Buffer.from('Plain notes from a research session.\n');

  it.each<[string, { filenameParam: string; content: Buffer }, { stored: string } | { refused: string }]>([
    ['a path climbing out (../../etc/passwd.pdf)', { filenameParam: 'filename="../../etc/passwd.pdf"', content: tinyPdf }, { stored: 'passwd.pdf' }],
    ['a Windows path', { filenameParam: extended('..\\..\\Windows\\win.ini.txt'), content: text }, { stored: 'win.ini.txt' }],
    ['an absolute path', { filenameParam: extended('/etc/cron.d/notes.txt'), content: text }, { stored: 'notes.txt' }],
    ['a double extension ending in .html', { filenameParam: 'filename="a.pdf.html"', content: tinyPdf }, { refused: '(it is a .html file)' }],
    ['a NUL hiding a .html extension', { filenameParam: extended('page.html\u0000.txt'), content: text }, { stored: 'page.html.txt' }],
    ['a NUL before a .pdf extension', { filenameParam: extended('evil.exe\u0000.pdf'), content: tinyPdf }, { stored: 'evil.exe.pdf' }],
    ['a right-to-left override disguising .exe', { filenameParam: extended('report\u202Efdp.exe'), content: text }, { refused: '(it is a .exe file)' }],
    ['a right-to-left override in an allowed name', { filenameParam: extended('photo\u202Egpj.txt'), content: text }, { stored: 'photogpj.txt' }],
    ['bidi isolates and zero-width characters', { filenameParam: extended('a\u2066b\u200Bc\u2069.txt'), content: text }, { stored: 'abc.txt' }],
    ['300 characters', { filenameParam: extended(`${'a'.repeat(296)}.txt`), content: text }, { stored: `${'a'.repeat(196)}.txt` }],
    ['quotes', { filenameParam: extended('my "final" notes.txt'), content: text }, { stored: 'my "final" notes.txt' }],
    ['CR/LF trying to add a header', { filenameParam: extended('notes.txt\r\nSet-Cookie: a=b\r\n.txt'), content: text }, { stored: 'notes.txtSet-Cookie: a=b.txt' }],
    ['a trailing CR/LF and spaces', { filenameParam: extended(' notes.txt \r\n'), content: text }, { stored: 'notes.txt' }],
    ['only dots', { filenameParam: 'filename="..."', content: text }, { refused: 'must be a PDF' }],
  ])('handles a hostile file name: %s', async (_case, file, expected) => {
    const request = multipartRequest([...fieldParts(), { name: 'file', contentType: 'text/plain', ...file }]);
    const result = await outcome(settlesWithin(upload(request), 10_000));

    if ('refused' in expected) {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const errors = fieldErrorsOf(result.error);
      expect(Object.keys(errors)).toEqual(['file']);
      expect(errors.file).toContain(expected.refused);
      expect(await counts()).toEqual(nothingWritten);
      return;
    }

    expect(result.ok, result.ok ? '' : String(result.error)).toBe(true);
    if (!result.ok) return;
    const version = await versionOf(result.value.result.id);
    expect(version.file_name).toBe(expected.stored);
    // The display name has no path separators, control characters or bidi/invisible characters …
    expect(version.file_name).not.toMatch(/[/\\\p{Cc}\u200B-\u200F\u202A-\u202E\u2066-\u2069]/u);
    expect(Array.from(version.file_name).length).toBeLessThanOrEqual(200);
    // … and the storage key is the server's own, carrying nothing of the name.
    expect(version.storage_key).toMatch(STORAGE_KEY);
    expect(await storedKeys(hub.services.storage)).toEqual([version.storage_key]);
    expect(await storedBytes(version.storage_key)).toEqual(file.content);
    // The download header made from the stored name cannot be split or truncated.
    const disposition = attachmentDisposition(version.file_name);
    expect(disposition).not.toMatch(/[\r\n\0]/);
    expect(disposition).toMatch(/^attachment; filename=("[^"\\]*"|[\w!#$&+.^`|~-]+)(; filename\*=UTF-8''[\w%!'()*.~-]+)?$/);
    expect(() => new Headers({ 'content-disposition': disposition })).not.toThrow();
  });

  it('stores a hostile name sent through FormData the way a browser encodes it', async () => {
    // Browsers (and undici) percent-encode ", CR and LF in multipart file names; the rest arrives as is.
    const form = new FormData();
    for (const [name, value] of answers) form.append(name, value);
    form.append('file', new Blob([text], { type: 'text/plain' }), '../x"y\r\nz\u202Eq.txt');
    const { result } = await upload(new Request(uploadUrl, { method: 'POST', body: form }));
    const version = await versionOf(result.id);
    expect(version.file_name).not.toMatch(/[/\\\p{Cc}\u202E]/u);
    expect(version.file_name.endsWith('.txt')).toBe(true);
    expect(version.storage_key).toMatch(STORAGE_KEY);
    expect(attachmentDisposition(version.file_name)).not.toMatch(/[\r\n\0]/);
  });

  describe('size limit', () => {
    it.each([
      ['small', 1000],
      ['larger than the sniffed head', 200_000],
    ])('accepts a file of exactly the limit (%s) and refuses one byte more, storing nothing', async (_case, limit) => {
      hub.services.maxUploadBytes = limit;
      const over = multipartRequest([
        ...fieldParts(),
        { name: 'file', filename: 'over.txt', contentType: 'text/plain', content: Buffer.alloc(limit + 1, 'a') },
      ]);
      const refused = await outcome(settlesWithin(upload(over), 20_000));
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(fieldErrorsOf(refused.error).file).toMatch(/^The selected file must be smaller than /);
      expect(await counts()).toEqual(nothingWritten);

      const atLimit = Buffer.alloc(limit, 'b');
      const { result } = await upload(
        multipartRequest([...fieldParts(), { name: 'file', filename: 'limit.txt', contentType: 'text/plain', content: atLimit }]),
      );
      expect(result.sha256).toBe(sha256(atLimit));
      expect(await counts()).toEqual({ materials: 1, versions: 1, pending: 0, objects: 1 });
    });

    it('refuses a file far over the limit without storing any of it', async () => {
      hub.services.maxUploadBytes = 100_000;
      const request = multipartRequest([
        ...fieldParts(),
        { name: 'file', filename: 'huge.txt', contentType: 'text/plain', content: Buffer.alloc(5 * 1024 * 1024, 'c') },
      ]);
      const refused = await outcome(settlesWithin(upload(request), 20_000));
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(fieldErrorsOf(refused.error).file).toBe('The selected file must be smaller than 98 KB');
      expect(await counts()).toEqual(nothingWritten);
    });
  });

  describe('a body cut off half-way', () => {
    /** The start of a real upload: the answers, then the file's first `fileBytes` bytes; no closing boundary. */
    function truncatedBody(boundary: string, fileBytes: number): Buffer {
      const whole = multipartBytes(
        [...fieldParts(), { name: 'file', filename: 'notes.txt', contentType: 'text/plain', content: Buffer.alloc(fileBytes * 2, 'd') }],
        boundary,
      );
      const fileStarts = whole.indexOf('\r\n\r\n', whole.lastIndexOf('filename=')) + 4;
      return whole.subarray(0, fileStarts + fileBytes);
    }

    // Under the 64 KB sniff (stuck before storage) and well past it (storage under way).
    it.each([10_000, 300_000])('with %i file bytes sent, when the connection errors, settles refusing it and stores nothing', async (fileBytes) => {
      const boundary = `----dc-test-${randomUUID()}`;
      const sent = truncatedBody(boundary, fileBytes);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let offset = 0; offset < sent.length; offset += 16 * 1024) {
            controller.enqueue(new Uint8Array(sent.subarray(offset, offset + 16 * 1024)));
          }
          setTimeout(() => controller.error(new Error('socket hang up')), 50);
        },
      });
      const result = await outcome(settlesWithin(upload(streamingRequest(boundary, body)), 10_000));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error).toBeInstanceOf(AppError);
      expect((result.error as AppError).code).toBe('bad_request');
      expect((result.error as AppError).message).toBe('The upload was interrupted. Try again.');
      expect(await counts()).toEqual(nothingWritten);
    });

    it.each(['errors', 'just ends'])('when the body %s inside a stray file part that nobody reads, settles without an unhandled error', async (how) => {
      const boundary = `----dc-test-${randomUUID()}`;
      const whole = multipartBytes(
        [...fieldParts(), { name: 'attachment', filename: 'stray.txt', contentType: 'text/plain', content: Buffer.alloc(50_000, 'e') }],
        boundary,
      );
      const sent = whole.subarray(0, whole.length - 20_000);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array(sent));
          if (how === 'errors') setTimeout(() => controller.error(new Error('socket hang up')), 20);
          else controller.close();
        },
      });
      const result = await outcome(settlesWithin(upload(streamingRequest(boundary, body)), 10_000));
      expect(result.ok).toBe(false);
      if (!result.ok) expect((result.error as AppError).code).toBe('bad_request');
      // Give an 'error' event on the discarded part's stream a chance to surface (vitest fails the run on one).
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await counts()).toEqual(nothingWritten);
    });

    it('keeps a file that arrived whole when only the closing boundary is missing', async () => {
      const boundary = `----dc-test-${randomUUID()}`;
      const content = Buffer.from('Everything the person chose arrived.\n');
      const whole = multipartBytes([...fieldParts(), { name: 'file', filename: 'notes.txt', contentType: 'text/plain', content }], boundary);
      // Cut after the boundary that closes the file part, before the final "--".
      const sent = whole.subarray(0, whole.lastIndexOf(`--${boundary}--`) + boundary.length + 2);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array(sent));
          controller.close();
        },
      });
      const { result } = await settlesWithin(upload(streamingRequest(boundary, body)), 10_000);
      expect(result.sha256).toBe(sha256(content));
      expect(await counts()).toEqual({ materials: 1, versions: 1, pending: 0, objects: 1 });
    });

    it.each([10_000, 300_000])('with %i file bytes sent, when the body just ends, settles refusing it and stores nothing', async (fileBytes) => {
      const boundary = `----dc-test-${randomUUID()}`;
      const sent = truncatedBody(boundary, fileBytes);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array(sent));
          controller.close();
        },
      });
      const result = await outcome(settlesWithin(upload(streamingRequest(boundary, body)), 10_000));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error).toBeInstanceOf(AppError);
      expect((result.error as AppError).code).toBe('bad_request');
      expect(await counts()).toEqual(nothingWritten);
    });
  });

  it('records 20 parallel uploads, each with its own id and exactly its own bytes', async () => {
    const contents = Array.from({ length: 20 }, (_, i) => Buffer.from(`Upload number ${i}\n${'x'.repeat(1000 * i)}\n`));
    const results = await settlesWithin(
      Promise.all(
        contents.map((content, i) =>
          upload(
            multipartRequest([
              ...fieldParts(),
              { name: 'file', filename: `upload-${i}.txt`, contentType: 'text/plain', content },
            ]),
          ),
        ),
      ),
      60_000,
    );
    expect(new Set(results.map(({ result }) => result.id)).size).toBe(20);
    for (const [i, { result }] of results.entries()) {
      const version = await versionOf(result.id);
      expect(version.file_name).toBe(`upload-${i}.txt`);
      expect(version.sha256).toBe(sha256(contents[i]!));
      expect(await storedBytes(version.storage_key)).toEqual(contents[i]);
    }
    expect(new Set((await Promise.all(results.map(({ result }) => versionOf(result.id)))).map((v) => v.storage_key)).size).toBe(20);
    expect(await counts()).toEqual({ materials: 20, versions: 20, pending: 0, objects: 20 });
  });
});
