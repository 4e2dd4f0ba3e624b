import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filePreviews, materialVersions, pendingUploads } from '@/lib/db/schema';
import { makePendingPreviews } from '@/lib/material-previews/pending-previews';
import { picture } from '@/lib/previews/testing/preview-files';
import { createMaterial } from '@/lib/materials/create-material';
import { council, person } from '@/lib/organisations/testing/fixtures';
import { newStorageKey, previewStorageKey } from '@/lib/storage/storage-key';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, storedKeys, type TestHub } from '@/lib/testing/test-hub';
import { verifyStorage } from './verify-storage';

/**
 * `npm run storage:verify` against a real database (PGlite and Postgres) and real files on disk (the
 * S3 store's listing is proved by the storage contract suite): versions made by the real share path,
 * then one file damaged, one deleted, one object left behind and one upload in progress.
 */

const answers = {
  summary: 'Questions we asked residents.',
  phases: 'discovery',
  artefactType: 'discussion-guide',
  kind: 'template',
  tags: '',
  licence: 'OGL-UK-3.0',
  visibility: 'public',
};

const hour = 3_600_000;

describe.each(testDrivers)('storage verify on %s', (driver) => {
  let hub: TestHub;
  const keys: string[] = [];

  beforeAll(async () => {
    hub = await createTestHub(driver);
    const bristol = await council(hub, 'bristol');
    const { viewer } = await person(hub, { organisation: bristol, name: 'Sam Jones' });
    for (const title of ['Whole', 'Damaged', 'Lost']) {
      const { id } = await createMaterial(hub.services, {
        actor: viewer,
        fields: { ...answers, title },
        file: { fileName: `${title.toLowerCase()}.txt`, stream: Readable.from([Buffer.from(`The ${title} guide`)]) },
      });
      const [version] = await hub.services.db.select().from(materialVersions).where(eq(materialVersions.materialId, id));
      keys.push(version!.storageKey);
    }
  });
  afterAll(async () => hub?.close());

  it('finds every version whole on a healthy hub, and nothing left over', async () => {
    const report = await verifyStorage(hub.services.db, hub.services.storage, { repair: false, graceMs: 24 * hour });
    expect(report).toMatchObject({ versionsChecked: 3, problems: [], orphans: [], removed: [] });
    expect(report.bytesRead).toBe(['Whole', 'Damaged', 'Lost'].reduce((sum, title) => sum + `The ${title} guide`.length, 0));
  });

  it('reports damaged and missing files and unreferenced objects, and repairs only old unreferenced ones', async () => {
    const storage = hub.services.storage;
    // Same size, different bytes: only the checksum can tell.
    await storage.put(keys[1]!, Readable.from([Buffer.from('The Dxmaged guide')]), { contentType: 'text/plain' });
    await storage.delete(keys[2]!);
    const leftOver = newStorageKey();
    await storage.put(leftOver, Readable.from([Buffer.from('nobody refers to me')]), { contentType: 'text/plain' });
    const inProgress = newStorageKey();
    await hub.services.db.insert(pendingUploads).values({ storageKey: inProgress });
    await storage.put(inProgress, Readable.from([Buffer.from('still arriving')]), { contentType: 'text/plain' });

    const report = await verifyStorage(hub.services.db, storage, { repair: false, graceMs: 24 * hour });
    expect(report.versionsChecked).toBe(3);
    expect(report.problems.map((p) => [p.storageKey, p.problem])).toEqual(
      expect.arrayContaining([
        [keys[1], 'wrong checksum'],
        [keys[2], 'missing'],
      ]),
    );
    expect(report.problems).toHaveLength(2);
    expect(report.orphans.map((o) => o.key)).toEqual([leftOver]);
    expect(report.removed).toEqual([]);

    // Repair within the grace period removes nothing.
    const tooSoon = await verifyStorage(hub.services.db, storage, { repair: true, graceMs: 24 * hour });
    expect(tooSoon.removed).toEqual([]);
    expect(await storage.exists(leftOver)).toBe(true);

    // A day later it removes the object nobody refers to, and never a version's file or an upload in progress.
    const later = await verifyStorage(hub.services.db, storage, { repair: true, graceMs: 24 * hour, now: new Date(Date.now() + 25 * hour) });
    expect(later.removed).toEqual([leftOver]);
    expect((await storedKeys(storage)).sort()).toEqual([keys[0]!, keys[1]!, inProgress].sort());
  });

  it("counts previews' pictures as referenced, and a picture whose preview is gone as left over", async () => {
    const bristol = await council(hub, 'bristol');
    const { viewer } = await person(hub, { organisation: bristol });
    const { versionId } = await createMaterial(hub.services, {
      actor: viewer,
      fields: { ...answers, title: 'A map' },
      file: { fileName: 'map.png', stream: Readable.from([await picture('png', 40, 30)]) },
    });
    await makePendingPreviews(hub.services);
    const pictures = (await hub.services.db.select().from(filePreviews).where(eq(filePreviews.versionId, versionId)))[0]!.storageKeys;
    expect(pictures).toHaveLength(2); // the picture and its thumbnail
    const stray = previewStorageKey(randomUUID(), 'thumbnail');
    await hub.services.storage.put(stray, Readable.from([Buffer.from('no preview refers to me')]), { contentType: 'image/webp' });

    const report = await verifyStorage(hub.services.db, hub.services.storage, { repair: true, graceMs: 24 * hour, now: new Date(Date.now() + 25 * hour) });
    expect(report.orphans.map((o) => o.key)).toEqual([stray]);
    expect(report.removed).toEqual([stray]);
    for (const key of pictures) expect(await hub.services.storage.exists(key)).toBe(true);
  });
});
