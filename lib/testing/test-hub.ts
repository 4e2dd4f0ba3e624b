import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseHandle } from '@/lib/db/client';
import type { Services } from '@/lib/services';
import type { BlobStore } from '@/lib/storage/blob-store';
import { LocalDiskStore } from '@/lib/storage/local-disk-store';
import { syncVocabularies } from '@/lib/taxonomy/sync-vocabularies';
import { createTestDatabase, type TestDriver } from './databases';

export interface TestHub {
  services: Services;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/**
 * A hub for one test: a fresh database of the given driver with the vocabularies and councils loaded,
 * and file storage (a temporary folder on local disk unless a store is given).
 */
export async function createTestHub(
  driver: TestDriver,
  options: { storage?: BlobStore; maxUploadBytes?: number } = {},
): Promise<TestHub> {
  const database = await createTestDatabase(driver);
  await syncVocabularies(database.db);
  const folder = options.storage ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'dc-files-'));
  const storage = options.storage ?? new LocalDiskStore(folder!);
  return {
    database,
    services: { db: database.db, storage, maxUploadBytes: options.maxUploadBytes ?? 100 * 1024 * 1024 },
    async close() {
      await database.close();
      if (folder) fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Every key in a store, for asserting that nothing was left behind. */
export async function storedKeys(storage: BlobStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of storage.listKeys()) keys.push(key);
  return keys;
}
