import 'server-only';
import { folderArgument } from './folder-argument';
import { runCommand } from './run-command';
import { ConfigError, config } from '@/lib/config';
import { BackupError } from '@/lib/operations/backup/backup-format';
import { restoreHub } from '@/lib/operations/backup/restore-hub';
import { verifyBackup } from '@/lib/operations/backup/verify-backup';
import { writeGateway } from '@/lib/search/meilisearch';
import { errorInWords } from '@/lib/search/meilisearch/gateway';
import { reindex } from '@/lib/search/meilisearch/reindex';
import { runtime } from '@/lib/runtime';

/**
 * `npm run restore -- <folder>`: brings a backup made by `npm run backup` back into an empty hub
 * (lib/operations/backup/restore-hub.ts). Exits 0 when restored, 1 when refused or failed (nothing is
 * then left written but the migrated, empty database), 2 for a usage mistake.
 */

const usage = `Usage: npm run restore -- <folder>

Restores the backup in <folder> into this hub, which must be empty: a new database (DATABASE_URL, or
DATA_DIR for the embedded one) and empty file storage. First every file in the backup is checked
against its manifest; a damaged backup, or one made by a newer version of the hub, is refused before
anything is written. Then the database is migrated, the stored files written, and the rows restored
in one transaction. Search is rebuilt (and the Meilisearch index, when MEILI_HOST is set).
Everyone signs in again afterwards: sessions are not in a backup.
With the embedded database, stop the server first: only one process may open it.`;

async function main(): Promise<number> {
  const argument = folderArgument(process.argv.slice(2), usage, 'Name the backup folder to restore.');
  if ('exitCode' in argument) return argument.exitCode;
  const { folder } = argument;
  let close: (() => Promise<void>) | undefined;
  try {
    const started = Date.now();
    // Checked before the hub is even opened: a refused backup changes nothing.
    const backup = await verifyBackup(folder);
    console.log(`The backup of ${backup.manifest.createdAt} is whole (${backup.objects.length} stored files checked).`);
    if (backup.olderMigration) console.log(`It was made before this version's newest migration (${backup.manifest.migration}): columns added since take their defaults.`);
    const hub = await runtime('operations');
    close = () => hub.close();
    const restored = await restoreHub(hub.services, backup, { onProgress: (message) => console.log(message) });
    console.log(`Restored ${restored.rows} rows and ${restored.files} stored files in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    const search = config().search;
    if (search.engine === 'meilisearch') {
      try {
        const result = await reindex(writeGateway(search), hub.services.db, search.index, { onProgress: (message) => console.log(message) });
        console.log(`Meilisearch rebuilt: ${result.documents} published materials in ${result.index}.`);
      } catch (error) {
        // The hub is restored; only the index lags, and the worker's outbox would catch it up anyway.
        console.error(`The hub is restored, but rebuilding Meilisearch failed (${errorInWords(error)}): run npm run search:reindex.`);
        return 1;
      }
    }
    return 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof BackupError) console.error(error.message);
    else console.error(`Restore failed: ${(error as Error).message}`);
    return 1;
  } finally {
    if (close) await close().catch(() => undefined);
  }
}

runCommand(main, 'Restore failed unexpectedly');
