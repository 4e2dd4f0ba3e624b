import { anonymous, type Actor, type Viewer } from '@/lib/auth/viewer';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '@/lib/db/query-rows';
import { AppError, ValidationError } from '@/lib/errors';
import { startS3Server } from '@/lib/testing/s3-server';
import { testDrivers } from '@/lib/testing/databases';
import { testSettings } from '@/lib/testing/settings';
import { createTestHub, storedKeys, type TestHub } from '@/lib/testing/test-hub';
import { S3Store } from '@/lib/storage/s3-store';
import { createMaterial } from './create-material';
import { DuplicateFileError } from './find-duplicate';
import { getMaterial } from './get-material';
import { openDownload } from './open-download';
import { sweepPendingUploads } from './sweep-pending-uploads';

/** The bulk import acting for the hub: it may share for any council named in the answers. */
const importer: Actor = { kind: 'system', label: 'test import' };

const answers = {
  title: 'Bin collections discussion guide',
  summary: 'Questions we asked residents about missed bin collections.',
  phases: ['discovery', 'alpha'],
  artefactType: 'discussion-guide',
  kind: 'template',
  topics: 'waste-recycling',
  tags: 'Interviews, bins',
  council: 'bristol',
  licence: 'OGL-UK-3.0',
};

const bytes = (text: string) => Readable.from([Buffer.from(text)]);
const sha256 = (buffer: Buffer) => createHash('sha256').update(buffer).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function counts(hub: TestHub) {
  const rows = await queryRows<{ materials: number; versions: number; pending: number }>(hub.services.db, sql`
    SELECT (SELECT count(*)::int FROM materials) AS materials,
           (SELECT count(*)::int FROM material_versions) AS versions,
           (SELECT count(*)::int FROM pending_uploads) AS pending`);
  return { ...rows[0]!, objects: (await storedKeys(hub.services.storage)).length };
}

const nothingWritten = { materials: 0, versions: 0, pending: 0, objects: 0 };

async function fieldErrorsOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return Object.fromEntries((error as ValidationError).fieldErrors.map((e) => [e.field, e.message]));
}

describe.each(testDrivers)('createMaterial on %s', (driver) => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await createTestHub(driver, { maxUploadBytes: 1000 });
  });
  afterEach(async () => hub.close());

  it('stores a real PDF with its metadata, and the download gives back exactly its bytes', async () => {
    hub.services.maxUploadBytes = 100 * 1024 * 1024;
    const file = path.join(testSettings.corpusDir, '015-gds-research-consent-form.pdf');
    const original = fs.readFileSync(file);
    const created = await createMaterial(hub.services, {
        actor: importer,
      fields: answers,
      file: { fileName: 'Research consent form.pdf', stream: fs.createReadStream(file) },
    });
    expect(created.sha256).toBe(sha256(original));

    const material = await getMaterial(hub.services, anonymous, created.id);
    expect(material).toMatchObject({
      title: 'Bin collections discussion guide',
      phases: [
        { slug: 'discovery', label: 'Discovery' },
        { slug: 'alpha', label: 'Alpha' },
      ],
      tags: ['interviews', 'bins'],
      council: { slug: 'bristol', name: 'Bristol City Council', gssCode: 'E06000023' },
      licence: { spdx: 'OGL-UK-3.0' },
      file: { fileName: 'Research consent form.pdf', format: 'pdf', sizeBytes: original.length },
    });
    expect(JSON.stringify(material)).not.toContain('materials/'); // no storage key in the DTO

    const download = await openDownload(hub.services, anonymous, created.id);
    expect(download?.type).toBe('stream');
    if (download?.type !== 'stream') return;
    expect(download.contentType).toBe('application/pdf');
    expect(sha256(await readAll(download.body))).toBe(sha256(original));
    expect(await counts(hub)).toEqual({ materials: 1, versions: 1, pending: 0, objects: 1 });
  });

  it('a member shares for their own council, with the visibility they chose, and the change is audited', async () => {
    const [leeds] = await queryRows<{ id: string }>(hub.services.db, sql`SELECT id FROM organisations WHERE slug = 'leeds'`);
    const member: Viewer = {
      kind: 'user',
      userId: (await queryRows<{ id: string }>(hub.services.db, sql`INSERT INTO users (email, name, organisation_id) VALUES ('sam@leeds.gov.uk', 'Sam Jones', ${leeds!.id}) RETURNING id`))[0]!.id,
      name: 'Sam Jones',
      organisation: { id: leeds!.id, slug: 'leeds', name: 'Leeds City Council' },
      role: 'member',
      isSiteAdmin: false,
    };
    const created = await createMaterial(hub.services, {
      actor: member,
      // The form's council answer is ignored for members: they share for their own organisation.
      fields: { ...answers, council: 'bristol', visibility: 'organisation' },
      file: { fileName: 'notes.txt', stream: bytes('Some notes') },
    });
    const [row] = await queryRows<{ organisation_id: string; visibility: string; created_by: string }>(
      hub.services.db,
      sql`SELECT organisation_id, visibility, created_by FROM materials WHERE id = ${created.id}`,
    );
    expect(row).toEqual({ organisation_id: leeds!.id, visibility: 'organisation', created_by: member.userId });
    // Not visible to anyone outside Leeds.
    expect(await getMaterial(hub.services, anonymous, created.id)).toBeUndefined();
    expect(await getMaterial(hub.services, member, created.id)).toMatchObject({ title: answers.title });

    const events = await queryRows<{ action: string; actor_label: string; after: unknown }>(
      hub.services.db,
      sql`SELECT action, actor_label, after FROM audit_events WHERE subject_id = ${created.id}`,
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'material.created', actor_label: 'Sam Jones, Leeds City Council' });
    expect(JSON.stringify(events)).not.toContain('@');
  });

  it('refuses a file the sharer can already see in the hub, never one they cannot, and shares it anyway when asked', async () => {
    const memberOf = async (slug: 'bristol' | 'leeds'): Promise<Viewer> => {
      const [organisation] = await queryRows<{ id: string; name: string }>(hub.services.db, sql`SELECT id, name FROM organisations WHERE slug = ${slug}`);
      const [user] = await queryRows<{ id: string }>(
        hub.services.db,
        sql`INSERT INTO users (email, name, organisation_id) VALUES (${`sam@${slug}.gov.uk`}, 'Sam', ${organisation!.id}) RETURNING id`,
      );
      return { kind: 'user', userId: user!.id, name: 'Sam', organisation: { id: organisation!.id, slug, name: organisation!.name }, role: 'member', isSiteAdmin: false };
    };
    const [bristol, leeds] = [await memberOf('bristol'), await memberOf('leeds')];
    const share = (actor: Actor, text: string, fields: Record<string, unknown> = {}) =>
      createMaterial(hub.services, { actor, fields: { ...answers, ...fields }, file: { fileName: 'notes.txt', stream: bytes(text) } });
    const refusal = async (promise: Promise<unknown>) => {
      const error = await promise.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateFileError);
      expect((error as DuplicateFileError).fieldErrors[0]).toMatchObject({ field: 'file', message: expect.stringContaining('already in the hub') });
      return (error as DuplicateFileError).materialId;
    };

    const privateToBristol = await share(importer, 'Bristol only notes', { visibility: 'organisation' });
    const everyones = await share(importer, 'Public notes', { visibility: 'public' });
    const withdrawn = await share(importer, 'Withdrawn notes', { visibility: 'public' });
    await hub.services.db.execute(sql`UPDATE materials SET status = 'withdrawn' WHERE id = ${withdrawn.id}`);
    const before = await counts(hub);

    // The same bytes as a material Leeds may see: refused, pointing at it, and nothing is kept.
    expect(await refusal(share(leeds, 'Public notes'))).toBe(everyones.id);
    expect(await counts(hub)).toEqual(before);

    // Bristol's private file and a withdrawn one are not Leeds's to see: shared as new, revealing nothing.
    const leedsCopy = await share(leeds, 'Bristol only notes', { visibility: 'organisation' });
    expect(leedsCopy.id).not.toBe(privateToBristol.id);
    await share(leeds, 'Withdrawn notes');

    // Bristol sees its own private material (not Leeds's private copy).
    expect(await refusal(share(bristol, 'Bristol only notes'))).toBe(privateToBristol.id);

    // "Share it anyway" shares the same file again.
    const again = await share(leeds, 'Public notes', { shareAnyway: 'yes' });
    expect(again.sha256).toBe(everyones.sha256);
    expect(await counts(hub)).toMatchObject({ materials: before.materials + 3, pending: 0 });

    // The hub itself (starter kit, bulk import) is never asked.
    await share(importer, 'Public notes');
  });

  it('refuses people who are not signed in, or belong to no organisation, and stores nothing', async () => {
    const outsider: Viewer = { kind: 'user', userId: '00000000-0000-4000-8000-000000000009', name: 'Pat', organisation: null, role: 'member', isSiteAdmin: false };
    for (const [actor, code] of [
      [anonymous, 'unauthenticated'],
      [outsider, 'forbidden'],
    ] as const) {
      const error = await createMaterial(hub.services, {
        actor,
        fields: answers,
        file: { fileName: 'notes.txt', stream: bytes('Some notes') },
      }).catch((e: unknown) => e);
      expect((error as AppError).code).toBe(code);
    }
    expect(await counts(hub)).toEqual(nothingWritten);
  });

  it('keeps a material to councils only when it belongs to one', async () => {
    const errors = await fieldErrorsOf(
      createMaterial(hub.services, {
        actor: importer,
        fields: { ...answers, council: undefined, visibility: 'councils' },
        file: { fileName: 'notes.txt', stream: bytes('Some notes') },
      }),
    );
    expect(errors.visibility).toContain('Choose a council');
    expect(await counts(hub)).toEqual(nothingWritten);
  });

  it('refuses missing answers with one message per field and writes nothing', async () => {
    const errors = await fieldErrorsOf(
      createMaterial(hub.services, {
        actor: importer,
        fields: { ...answers, title: '  ', phases: [], artefactType: 'nonsense', council: 'atlantis' },
        file: { fileName: 'notes.txt', stream: bytes('Some notes') },
      }),
    );
    expect(errors).toEqual({
      title: 'Enter a title',
      phases: 'Select at least one phase',
      artefactType: 'Select the type of material',
      council: 'Select a council from the list',
    });
    expect(await counts(hub)).toEqual(nothingWritten);
  });

  it('asks for a file when none is sent', async () => {
    expect(await fieldErrorsOf(createMaterial(hub.services, {
        actor: importer, fields: answers, file: undefined }))).toEqual({
      file: 'Select a file',
    });
  });

  it.each([
    ['an HTML page named .pdf', 'report.pdf', '<!doctype html><script>alert(1)</script>', 'its contents are not a PDF'],
    ['HTML behind a PDF extension and a text body', 'guide.pdf', '<html><body>hi</body></html>', 'its contents are not a PDF'],
    ['a web page named .txt', 'notes.txt', '<!DOCTYPE html><html><script>alert(1)</script></html>', 'web page or SVG'],
    ['an SVG named .md', 'picture.md', '<?xml version="1.0"?><svg onload="alert(1)"></svg>', 'web page or SVG'],
    ['a program', 'setup.exe', 'MZ\u0090\u0000', 'must be a PDF, DOCX'],
    ['a file with no extension', 'README', 'hello', 'must be a PDF, DOCX'],
    ['a Word file named .xlsx', 'sheet.xlsx', fs.readFileSync(path.join(testSettings.corpusDir, '027-gds-user-researcher-job-description.docx')), 'not a Excel spreadsheet'],
    ['binary data named .csv', 'data.csv', Buffer.from([0x00, 0x01, 0x02, 0x03]), 'not a text file'],
    ['an empty file', 'empty.txt', Buffer.alloc(0), 'The selected file is empty'],
  ])('refuses %s, saying why, and stores nothing', async (_case, fileName, content, reason) => {
    hub.services.maxUploadBytes = 10 * 1024 * 1024;
    const errors = await fieldErrorsOf(
      createMaterial(hub.services, {
        actor: importer, fields: answers, file: { fileName, stream: Readable.from([Buffer.from(content)]) } }),
    );
    expect(errors.file).toContain(reason);
    expect(await counts(hub)).toEqual(nothingWritten);
  });

  it('accepts a file of exactly the size limit and refuses one byte more', async () => {
    const atLimit = Buffer.alloc(1000, 'a');
    await createMaterial(hub.services, {
        actor: importer, fields: answers, file: { fileName: 'limit.txt', stream: Readable.from([atLimit]) } });

    const errors = await fieldErrorsOf(
      createMaterial(hub.services, {
        actor: importer,
        fields: answers,
        file: { fileName: 'over.txt', stream: Readable.from([Buffer.alloc(1001, 'a')]) },
      }),
    );
    expect(errors.file).toBe('The selected file must be smaller than 1000 bytes');
    expect(await counts(hub)).toEqual({ materials: 1, versions: 1, pending: 0, objects: 1 });
  });

  it('leaves no file behind when the database fails half-way through recording it', async () => {
    // A real failure inside the transaction: the material row is inserted, then the version insert fails.
    await hub.services.db.execute(sql`
      CREATE FUNCTION refuse_versions() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql`);
    await hub.services.db.execute(sql`
      CREATE TRIGGER refuse_versions BEFORE INSERT ON material_versions FOR EACH ROW EXECUTE FUNCTION refuse_versions()`);
    const error = await createMaterial(hub.services, {
        actor: importer,
      fields: answers,
      file: { fileName: 'notes.txt', stream: bytes('Some notes') },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('database_unavailable');
    expect((error as AppError).message).not.toContain('disk full'); // no internals in what people see
    expect(await counts(hub)).toEqual(nothingWritten);
  });

  it('sweeps away a file whose upload never finished recording', async () => {
    await hub.services.storage.put('materials/2020/01/00000000-0000-4000-8000-000000000000', bytes('orphan'), {
      contentType: 'text/plain',
    });
    await hub.services.db.execute(sql`
      INSERT INTO pending_uploads (storage_key, created_at)
      VALUES ('materials/2020/01/00000000-0000-4000-8000-000000000000', now() - interval '2 days')`);
    expect(await sweepPendingUploads(hub.services)).toBe(1);
    expect(await counts(hub)).toEqual(nothingWritten);
  });
});

describe('createMaterial when storage is down', () => {
  it('says so plainly and writes no row pointing at a missing file', async () => {
    const s3 = await startS3Server();
    const storage = new S3Store({ ...s3.storageConfig });
    await s3.stop(); // the store is now unreachable: connections are refused
    const hub = await createTestHub('pglite', { storage });
    try {
      const error = await createMaterial(hub.services, {
        actor: importer,
        fields: answers,
        file: { fileName: 'notes.txt', stream: bytes('Some notes') },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('storage_unavailable');
      const rows = await queryRows<{ count: number }>(hub.services.db, sql`SELECT count(*)::int AS count FROM materials`);
      expect(rows[0]?.count).toBe(0);
    } finally {
      await hub.close();
    }
  });

  it('blames the store, not the sender, when it goes down part-way through a multipart upload', async () => {
    const s3 = await startS3Server();
    const storage = new S3Store({ ...s3.storageConfig });
    const hub = await createTestHub('pglite', { storage });
    try {
      // 16 MB of text: several 5 MB parts. The server stops once the first 7 MB have been read.
      const megabyte = Buffer.alloc(1024 * 1024, 'a');
      let sent = 0;
      const stream = new Readable({
        read() {
          const next = () => this.push(sent++ < 16 ? megabyte : null);
          if (sent === 7) void s3.stop().then(next);
          else next();
        },
      });
      hub.services.maxUploadBytes = 100 * 1024 * 1024;
      const error = await createMaterial(hub.services, { actor: importer, fields: answers, file: { fileName: 'big.txt', stream } }).catch(
        (e: unknown) => e,
      );
      expect((error as AppError).code).toBe('storage_unavailable');
      const rows = await queryRows<{ count: number }>(hub.services.db, sql`SELECT count(*)::int AS count FROM materials`);
      expect(rows[0]?.count).toBe(0);
    } finally {
      await hub.close();
      await s3.stop().catch(() => undefined);
    }
  });
});
