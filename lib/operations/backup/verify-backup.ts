import 'server-only';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { BackupError, backedUpTables, fileDigest, knownMigrations, manifestSchema, storedObjectSchema, type BackedUpObject, type Manifest } from './backup-format';
import { objectPath } from './copy-objects';

/** A backup folder whose every file has been checked against its manifest: what a restore takes. */
export interface VerifiedBackup {
  folder: string;
  manifest: Manifest;
  objects: BackedUpObject[];
  /** True when the backup was made before this code's newest migration (see restore-hub.ts). */
  olderMigration: boolean;
}

/**
 * Proves a backup folder is whole before a restore writes anything: the manifest is one this code
 * reads, its migration is one this code knows (a backup from a newer hub is refused: upgrade first),
 * every data file has the size and sha256 the manifest gives and the rows it counts, and every stored
 * file the size and sha256 objects.jsonl gives.
 */
export async function verifyBackup(folder: string): Promise<VerifiedBackup> {
  const manifest = await readManifest(folder);
  const migrations = knownMigrations().map((migration) => migration.tag);
  const position = migrations.indexOf(manifest.migration);
  if (position < 0) {
    throw new BackupError(
      `This backup was made by a newer version of the hub (database migration ${manifest.migration}; this version knows up to ${migrations.at(-1)}). Restore it with that version or a later one.`,
    );
  }
  const known = new Set(backedUpTables.map((table) => table.name));
  for (const table of manifest.tables) {
    if (!known.has(table.name)) throw new BackupError(`The backup holds a table this version of the hub does not restore: ${table.name}.`);
    await expectDigest(folder, table.file, table);
    const rows = await countLines(path.join(folder, table.file));
    if (rows !== table.rows) throw new BackupError(`${table.file} holds ${rows} rows, the manifest says ${table.rows}: the backup is damaged.`);
  }
  await expectDigest(folder, manifest.objects.file, manifest.objects);
  const objects = await readObjects(path.join(folder, manifest.objects.file));
  if (objects.length !== manifest.objects.count) throw new BackupError(`objects.jsonl lists ${objects.length} files, the manifest says ${manifest.objects.count}: the backup is damaged.`);
  for (const object of objects) {
    const file = objectPath(folder, object.key);
    const found = await fileDigest(file).catch(() => undefined);
    if (!found) throw new BackupError(`The stored file ${object.key} is missing from the backup.`);
    if (found.bytes !== object.sizeBytes || found.sha256 !== object.sha256) {
      throw new BackupError(`The stored file ${object.key} in the backup is not the one that was backed up (its size or sha256 differs): the backup is damaged.`);
    }
  }
  return { folder, manifest, objects, olderMigration: position < migrations.length - 1 };
}

async function readManifest(folder: string): Promise<Manifest> {
  let text;
  try {
    text = await fs.readFile(path.join(folder, 'manifest.json'), 'utf8');
  } catch {
    throw new BackupError(`${folder} has no manifest.json: it is not a backup, or the backup did not finish.`);
  }
  let parsed;
  try {
    parsed = manifestSchema.safeParse(JSON.parse(text));
  } catch {
    throw new BackupError('manifest.json is not valid JSON: the backup is damaged.');
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BackupError(`manifest.json is not a backup manifest this version reads (${issue.path.join('.') || 'top level'}: ${issue.message}).`);
  }
  return parsed.data;
}

async function expectDigest(folder: string, file: string, expected: { bytes: number; sha256: string }): Promise<void> {
  const found = await fileDigest(path.join(folder, file)).catch(() => undefined);
  if (!found) throw new BackupError(`${file} is missing from the backup.`);
  if (found.bytes !== expected.bytes || found.sha256 !== expected.sha256) {
    throw new BackupError(`${file} does not match the manifest (its size or sha256 differs): the backup is damaged or was changed.`);
  }
}

export async function* linesOf(file: string): AsyncIterable<string> {
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    if (line !== '') yield line;
  }
}

async function countLines(file: string): Promise<number> {
  let count = 0;
  for await (const _line of linesOf(file)) count += 1;
  return count;
}

async function readObjects(file: string): Promise<BackedUpObject[]> {
  const objects: BackedUpObject[] = [];
  for await (const line of linesOf(file)) {
    const parsed = storedObjectSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new BackupError('objects.jsonl has a line that is not a stored file: the backup is damaged.');
    objects.push(parsed.data);
  }
  return objects;
}
