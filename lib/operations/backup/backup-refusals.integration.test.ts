import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { materials, users } from '@/lib/db/schema';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, storedKeys, type TestHub } from '@/lib/testing/test-hub';
import { assertEmptyHub } from './assert-empty-hub';
import { backupHub } from './backup-hub';
import { backedUpTables, type Manifest } from './backup-format';
import { restoreHub } from './restore-hub';
import { shareSampleMaterials } from './testing/sample-hub';
import { verifyBackup } from './verify-backup';

/** A table's file in a backup, numbered by its place in the list (as snapshot-tables.ts names it). */
const tableFile = (name: string) => `${String(backedUpTables.findIndex((t) => t.name === name) + 1).padStart(2, '0')}-${name}.jsonl`;

/**
 * What backup and restore refuse, and that a refusal writes nothing: a folder that is not empty, a
 * backup changed after it was made (a stored file, a table, the manifest's migration), a hub that is
 * not empty, and rows that cannot go in (the files already stored are taken away again).
 */
describe.each(testDrivers)('backup and restore refusals on %s', (driver) => {
  let source: TestHub;
  let target: TestHub;
  let scratch: string;
  let folder: string;

  beforeAll(async () => {
    source = await createTestHub(driver);
    await shareSampleMaterials(source);
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-backup-'));
    folder = path.join(scratch, 'backup');
    await backupHub(source.services, folder);
    target = await createTestHub(driver);
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  /** A copy of the backup to spoil. */
  function copyOfBackup(): string {
    const copy = path.join(scratch, `copy-${randomUUID()}`);
    fs.cpSync(folder, copy, { recursive: true });
    return copy;
  }

  async function expectTargetEmpty() {
    await expect(assertEmptyHub(target.services.db, target.services.storage)).resolves.toBeUndefined();
  }

  it('refuses to write a backup into a folder that is not empty, and leaves the folder alone', async () => {
    const busy = path.join(scratch, 'busy');
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, 'notes.txt'), 'mine');
    await expect(backupHub(source.services, busy)).rejects.toThrow('is not empty: a backup is written only into a new or empty folder');
    expect(fs.readdirSync(busy)).toEqual(['notes.txt']);
  });

  it('refuses a backup whose stored file was changed', async () => {
    const copy = copyOfBackup();
    const [object] = fs.readFileSync(path.join(copy, 'objects.jsonl'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { key: string });
    const file = path.join(copy, 'files', object!.key);
    const bytes = fs.readFileSync(file);
    bytes[0] = bytes[0]! ^ 1; // same size, one bit different
    fs.writeFileSync(file, bytes);
    await expect(verifyBackup(copy)).rejects.toThrow(`The stored file ${object!.key} in the backup is not the one that was backed up`);
    await expectTargetEmpty();
  });

  it('refuses a backup whose table was changed, or that has no manifest', async () => {
    const copy = copyOfBackup();
    const table = path.join(copy, 'tables', tableFile('materials'));
    fs.writeFileSync(table, fs.readFileSync(table, 'utf8').replace('Bristol consent form', 'Bristol consent farm'));
    await expect(verifyBackup(copy)).rejects.toThrow(`tables/${tableFile('materials')} does not match the manifest`);
    fs.rmSync(path.join(copy, 'manifest.json'));
    await expect(verifyBackup(copy)).rejects.toThrow('has no manifest.json: it is not a backup, or the backup did not finish');
  });

  it('refuses a stored file whose key would reach outside the backup folder, even with matching hashes', async () => {
    const copy = copyOfBackup();
    const list = path.join(copy, 'objects.jsonl');
    const lines = fs.readFileSync(list, 'utf8').trimEnd().split('\n');
    lines[0] = JSON.stringify({ ...(JSON.parse(lines[0]!) as object), key: '../../../etc/passwd' });
    fs.writeFileSync(list, `${lines.join('\n')}\n`);
    rewriteManifest(copy, (manifest) => ({ ...manifest, objects: { ...manifest.objects, ...digest(list) } }));
    await expect(verifyBackup(copy)).rejects.toThrow('names a stored file with an invalid key');
  });

  it('refuses a backup made by a newer version of the hub', async () => {
    const copy = copyOfBackup();
    rewriteManifest(copy, (manifest) => ({ ...manifest, migration: '9999_from_the_future' }));
    await expect(verifyBackup(copy)).rejects.toThrow('This backup was made by a newer version of the hub (database migration 9999_from_the_future');
  });

  it('refuses to restore into a hub that is not empty, writing nothing', async () => {
    const backup = await verifyBackup(folder);
    const keysBefore = (await storedKeys(source.services.storage)).sort();
    const materialsBefore = await source.services.db.select().from(materials);
    await expect(restoreHub(source.services, backup)).rejects.toThrow('The hub is not empty: it has users (4), accounts (1), api tokens (2), join requests (1), admin requests (1), contact messages (1), projects (1), project partners (1), materials (4), material versions (6), material uses (1), material download days (1), project updates (1), project update materials (1), project reminders (1), commitments (1), commitment evidence (1), commitment reminders (1), follows (2), follower settings (1), digests (1), unsubscribe tokens (1), kits (1), kit items (2), concern reports (1), audit events (30), feedback (1), sessions (1), stored files.');
    expect((await storedKeys(source.services.storage)).sort()).toEqual(keysBefore);
    expect(await source.services.db.select().from(materials)).toEqual(materialsBefore);
  });

  it('takes the stored files away again when the rows cannot go in', async () => {
    const copy = copyOfBackup();
    // A version of a material that is not in the backup: its hashes are made to match, so only the
    // database can notice (the foreign key), after every file has been stored.
    const file = path.join(copy, 'tables', tableFile('material_versions'));
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    lines[0] = JSON.stringify({ ...(JSON.parse(lines[0]!) as object), material_id: randomUUID() });
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    rewriteManifest(copy, (manifest) => ({
      ...manifest,
      tables: manifest.tables.map((table) => (table.name === 'material_versions' ? { ...table, ...digest(file) } : table)),
    }));
    const backup = await verifyBackup(copy);
    await expect(restoreHub(target.services, backup)).rejects.toThrow();
    await expectTargetEmpty();
    expect(await target.services.db.select().from(users)).toEqual([]);
  });
});

function rewriteManifest(folder: string, change: (manifest: Manifest) => Manifest): void {
  const file = path.join(folder, 'manifest.json');
  fs.writeFileSync(file, JSON.stringify(change(JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest)));
}

function digest(file: string): { bytes: number; sha256: string } {
  const bytes = fs.readFileSync(file);
  return { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
