import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/viewer';
import { filePreviews, materialVersions } from '@/lib/db/schema';
import { createMaterial } from '@/lib/materials/create-material';
import { deleteMaterial } from '@/lib/materials/delete-material';
import { council, person } from '@/lib/organisations/testing/fixtures';
import { manyPagePdf, picture } from '@/lib/previews/testing/preview-files';
import type { BlobStore } from '@/lib/storage/blob-store';
import { S3Store } from '@/lib/storage/s3-store';
import { testDrivers, type TestDriver } from '@/lib/testing/databases';
import { startS3Server, type S3TestServer } from '@/lib/testing/s3-server';
import { createTestHub, storedKeys, type TestHub } from '@/lib/testing/test-hub';
import { makeVersionPreview } from './make-preview';
import type { PreviewContent } from './preview-content';
import { addMissingPreviews, pendingPreviewVersionIds } from './pending-previews';

/**
 * The make-preview job on real databases (PGlite with local disk, Postgres with the S3 test server):
 * files shared through the real share path, previews made, retried, and deleted with their material.
 */

const answers = {
  summary: 'For the test.',
  phases: 'discovery',
  artefactType: 'discussion-guide',
  kind: 'template',
  tags: '',
  licence: 'OGL-UK-3.0',
  visibility: 'public',
  shareAnyway: 'yes',
};

const settings: { driver: TestDriver; storage: 'local' | 's3' }[] = [
  { driver: testDrivers[0]!, storage: 'local' },
  { driver: testDrivers[1]!, storage: 's3' },
];

/** A store whose reads (or writes) fail as an unreachable server's would; the files are really there. */
function failing(storage: BlobStore, what: 'get' | 'put'): BlobStore {
  return Object.assign(Object.create(storage) as BlobStore, { [what]: () => Promise.reject(new Error('connect ECONNREFUSED')) });
}

describe.each(settings)('make-preview on $driver with $storage storage', ({ driver, storage }) => {
  let hub: TestHub;
  let s3: S3TestServer | undefined;
  let member: Viewer;
  let admin: Viewer;

  beforeAll(async () => {
    if (storage === 's3') s3 = await startS3Server();
    hub = await createTestHub(driver, s3 ? { storage: new S3Store({ ...s3.storageConfig }) } : {});
    const bristol = await council(hub, 'bristol');
    member = (await person(hub, { organisation: bristol })).viewer;
    admin = (await person(hub, { isSiteAdmin: true })).viewer;
  });
  afterAll(async () => {
    await hub?.close();
    await s3?.stop();
  });

  async function share(fileName: string, bytes: Buffer) {
    const { id, versionId } = await createMaterial(hub.services, {
      actor: member,
      fields: { ...answers, title: fileName },
      file: { fileName, stream: Readable.from([bytes]) },
    });
    return { id, versionId };
  }
  const previewOf = async (versionId: string) => (await hub.services.db.select().from(filePreviews).where(eq(filePreviews.versionId, versionId)))[0];

  it('writes a pending preview with the version, then makes a PDF\'s pages and thumbnail and stores them under server-made keys', async () => {
    const { versionId } = await share('three-pages.pdf', manyPagePdf(3, { text: 'Residents said' }));
    expect(await previewOf(versionId)).toMatchObject({ status: 'pending', storageKeys: [] });
    expect(await pendingPreviewVersionIds(hub.services)).toContain(versionId);

    expect(await makeVersionPreview(hub.services, versionId, { libreOffice: false })).toBe('ready');
    const preview = (await previewOf(versionId))!;
    const content = preview.content as PreviewContent;
    expect(preview).toMatchObject({ status: 'ready', kind: 'pages', pageCount: 3, message: null, notice: null });
    expect(content.kind === 'pages' && content.pages.map((page) => [page.number, page.text.trim(), page.key])).toEqual([1, 2, 3].map((n) => [n, 'Residents said', `previews/${versionId}/page-${n}.webp`]));
    expect(preview.thumbnailKey).toBe(`previews/${versionId}/thumbnail.webp`);
    expect(content.thumbnail).toMatchObject({ width: 320 });
    expect((await storedKeys(hub.services.storage)).filter((key) => key.startsWith(`previews/${versionId}/`)).sort()).toEqual([...preview.storageKeys].sort());
    expect(preview.storageKeys).toHaveLength(4);
    const { body } = await hub.services.storage.get(preview.thumbnailKey!);
    const bytes = Buffer.concat(await body.toArray());
    expect(bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
  });

  it('a retried job for a version whose preview is settled does nothing', async () => {
    const { versionId } = await share('picture.png', await picture('png', 40, 30));
    expect(await makeVersionPreview(hub.services, versionId)).toBe('ready');
    const first = (await previewOf(versionId))!;
    expect(first).toMatchObject({ kind: 'image' });
    const keysBefore = await storedKeys(hub.services.storage);
    expect(await makeVersionPreview(hub.services, versionId)).toBe('skipped');
    expect(await previewOf(versionId)).toEqual(first);
    expect(await storedKeys(hub.services.storage)).toEqual(keysBefore);
    expect(await pendingPreviewVersionIds(hub.services)).not.toContain(versionId);
  });

  it('records a damaged file as failed and an unsupported format as unsupported, with the plain message', async () => {
    const damaged = await share('damaged.pdf', Buffer.from('%PDF-1.4\nthis is not really a PDF at all'));
    expect(await makeVersionPreview(hub.services, damaged.versionId)).toBe('failed');
    expect(await previewOf(damaged.versionId)).toMatchObject({
      status: 'failed',
      kind: null,
      message: 'The file is damaged, or is not a PDF file, so we cannot preview it.',
      storageKeys: [],
    });

    const rtf = await share('notes.rtf', Buffer.from('{\\rtf1\\ansi Notes from the workshop}'));
    expect(await makeVersionPreview(hub.services, rtf.versionId)).toBe('unsupported');
    expect(await previewOf(rtf.versionId)).toMatchObject({
      status: 'unsupported',
      message: 'We cannot preview this format. You can still download the file.',
    });
  });

  it('throws for a retry when storage cannot be read or written, and records a failure only on the last attempt', async () => {
    const { versionId } = await share('retry.pdf', manyPagePdf(1));
    await expect(makeVersionPreview({ ...hub.services, storage: failing(hub.services.storage, 'get') }, versionId)).rejects.toThrow('ECONNREFUSED');
    expect(await previewOf(versionId)).toMatchObject({ status: 'pending', attempts: 1 });
    await expect(makeVersionPreview({ ...hub.services, storage: failing(hub.services.storage, 'put') }, versionId)).rejects.toThrow('ECONNREFUSED');
    expect(await previewOf(versionId)).toMatchObject({ status: 'pending', attempts: 2 });

    expect(await makeVersionPreview({ ...hub.services, storage: failing(hub.services.storage, 'get') }, versionId, { finalAttempt: true })).toBe('failed');
    expect(await previewOf(versionId)).toMatchObject({
      status: 'failed',
      message: 'We could not make a preview of this file. You can still download the file.',
    });
  });

  it('after an upgrade, one statement gives every version without a preview a pending one', async () => {
    const { versionId } = await share('before-previews.pdf', manyPagePdf(1));
    await hub.services.db.delete(filePreviews).where(eq(filePreviews.versionId, versionId));
    expect(await addMissingPreviews(hub.services)).toBe(1);
    expect(await previewOf(versionId)).toMatchObject({ status: 'pending' });
    expect(await addMissingPreviews(hub.services)).toBe(0);
  });

  it('deleting a material removes its previews\' rows and pictures: nothing is left behind', async () => {
    const { id, versionId } = await share('to-delete.pdf', manyPagePdf(2));
    await makeVersionPreview(hub.services, versionId, { libreOffice: false });
    const keys = (await previewOf(versionId))!.storageKeys;
    expect(keys.length).toBe(3);
    const deleted = await deleteMaterial(hub.services, admin, id);
    expect(deleted.filesDeferred).toBe(0);
    expect(await previewOf(versionId)).toBeUndefined();
    expect(await hub.services.db.select().from(materialVersions).where(eq(materialVersions.id, versionId))).toEqual([]);
    const left = await storedKeys(hub.services.storage);
    expect(left.filter((key) => key.includes(versionId))).toEqual([]);
  });
});
