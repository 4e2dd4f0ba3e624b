import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Services } from '@/lib/services';
import { BackupError, backupFormatVersion, fileDigest, isEmptyFolder, type Manifest } from './backup-format';
import { copyObjectsToFolder } from './copy-objects';
import { snapshotTables } from './snapshot-tables';

/**
 * `npm run backup -- <folder>`: the hub's rows and every stored file its versions refer to, in a new
 * folder (format in backup-format.ts). The same code for PGlite and Postgres, local disk and S3: it
 * reads only through the hub's Services.
 *
 * Order: the rows first, as one snapshot; then the files those rows name (stored files are never
 * changed in place, only added and deleted, so a file read a moment after the snapshot is the one
 * the snapshot meant); the manifest last. If anything fails, what was written is removed, so a folder
 * is either a whole backup or nothing.
 */

export interface BackupSummary {
  folder: string;
  manifest: Manifest;
  fileBytes: number;
}

export async function backupHub(
  services: Pick<Services, 'db' | 'storage'>,
  folder: string,
  options: { now?: Date; onProgress?: (message: string) => void } = {},
): Promise<BackupSummary> {
  // Never mix a backup with anything else: a restore trusts every file the manifest names.
  if (!isEmptyFolder(folder)) throw new BackupError(`${folder} is not empty: a backup is written only into a new or empty folder.`);
  const createdAt = (options.now ?? new Date()).toISOString();
  await fs.mkdir(folder, { recursive: true });
  try {
    const snapshot = await snapshotTables(services.db, folder);
    const rows = snapshot.tables.reduce((sum, table) => sum + table.rows, 0);
    options.onProgress?.(`Rows written: ${rows} in ${snapshot.tables.length} tables. Copying ${snapshot.objects.length} stored files…`);

    const objectsFile = path.join(folder, 'objects.jsonl');
    await fs.writeFile(objectsFile, snapshot.objects.map((object) => `${JSON.stringify(object)}\n`).join(''), { flag: 'wx' });
    const { bytes: fileBytes } = await copyObjectsToFolder(services.storage, snapshot.objects, folder, (copied) => {
      if (copied % 100 === 0) options.onProgress?.(`… ${copied} files copied`);
    });

    const manifest: Manifest = {
      format: 'discovery-commons-backup',
      formatVersion: backupFormatVersion,
      migration: snapshot.migration,
      createdAt,
      tables: snapshot.tables,
      objects: { file: 'objects.jsonl', count: snapshot.objects.length, ...(await fileDigest(objectsFile)) },
    };
    await fs.writeFile(path.join(folder, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
    return { folder, manifest, fileBytes };
  } catch (error) {
    // The folder was empty (or absent) when we began: everything in it now is ours.
    for (const entry of await fs.readdir(folder).catch(() => [])) await fs.rm(path.join(folder, entry), { recursive: true, force: true });
    throw error;
  }
}
