import 'server-only';
import { folderArgument } from './folder-argument';
import { runCommand } from './run-command';
import { ConfigError } from '@/lib/config';
import { backupHub } from '@/lib/operations/backup/backup-hub';
import { BackupError, isEmptyFolder } from '@/lib/operations/backup/backup-format';
import { runtime } from '@/lib/runtime';

/**
 * `npm run backup -- <folder>`: writes the hub's rows and stored files into a new folder
 * (lib/operations/backup/backup-hub.ts). Exits 0 when the backup is whole, 1 when it failed (the
 * folder is then left empty), 2 for a usage mistake.
 */

const usage = `Usage: npm run backup -- <folder>

Writes a backup of the hub into <folder>, which must be new or empty: every table's rows as one
consistent snapshot, and every stored file a material version refers to, each checked against the
size and SHA-256 recorded when it was shared. manifest.json, written last, lists what is there.
Not in a backup: sign-in sessions and links (everyone signs in again after a restore), uploads in
progress, queued jobs (re-queued by the worker) and search indexes (rebuilt on restore).
The backup holds personal data (names, email addresses): keep it as safe as the database.
With the embedded database, stop the server first: only one process may open it.`;

async function main(): Promise<number> {
  const argument = folderArgument(process.argv.slice(2), usage, 'Name the folder to write the backup into.');
  if ('exitCode' in argument) return argument.exitCode;
  const { folder } = argument;
  let close: (() => Promise<void>) | undefined;
  try {
    const started = Date.now();
    // Said before the hub is opened (backupHub checks again): no need to wait for the database.
    if (!isEmptyFolder(folder)) throw new BackupError(`${folder} is not empty: a backup is written only into a new or empty folder.`);
    const hub = await runtime('operations');
    close = () => hub.close();
    const { manifest, fileBytes } = await backupHub(hub.services, folder, { onProgress: (message) => console.log(message) });
    const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
    console.log(
      `Backed up ${rows} rows and ${manifest.objects.count} stored files (${(fileBytes / 1_048_576).toFixed(1)} MB) into ${folder} ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s (database migration ${manifest.migration}).`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof BackupError) console.error(error.message);
    else console.error(`Backup failed: ${(error as Error).message}`);
    return 1;
  } finally {
    if (close) await close().catch(() => undefined);
  }
}

runCommand(main, 'Backup failed unexpectedly');
