import 'server-only';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import type { Transaction } from '@/lib/db/transaction';
import { BackupError, backedUpTables, knownMigrations, type BackedUpObject, type Manifest } from './backup-format';

/**
 * Writes every backed-up table to `tables/NN-<table>.jsonl` from one read-only REPEATABLE READ
 * transaction, so the rows are one snapshot: a material shared while the backup runs is either
 * wholly in it (row and versions) or not at all. Rows are read through a cursor, a batch at a time,
 * so memory stays flat. Only local files are written inside the transaction; the stored files are
 * copied after it ends (PGlite is one connection: a long transaction would hold up everything else).
 */
export async function snapshotTables(
  db: Database,
  folder: string,
): Promise<{ migration: string; tables: Manifest['tables']; objects: BackedUpObject[] }> {
  await fs.mkdir(path.join(folder, 'tables'), { recursive: true });
  return db.transaction(
    async (tx) => {
      const migration = await appliedMigration(tx);
      const tables: Manifest['tables'] = [];
      const objects: BackedUpObject[] = [];
      for (const [index, table] of backedUpTables.entries()) {
        const file = `tables/${String(index + 1).padStart(2, '0')}-${table.name}.jsonl`;
        const columns = (await columnsOf(tx, table.name)).filter((column) => !table.leaveOut?.includes(column));
        // Both tables name their stored file the same way (storage_key, size_bytes, sha256, content_type).
        const holdsFiles = table.name === 'material_versions' || table.name === 'material_version_alternatives';
        const onRow = holdsFiles ? (row: string) => objects.push(objectOfRow(row)) : undefined;
        const written = await writeRows(tx, table.name, table.leaveOut ?? [], path.join(folder, file), onRow);
        tables.push({ name: table.name, file, columns, ...written });
      }
      return { migration, tables, objects };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** The newest migration the database has applied, named as drizzle's journal names it. */
async function appliedMigration(tx: Transaction): Promise<string> {
  const rows = await rowsOf<{ when: string }>(tx, sql`SELECT created_at::text AS "when" FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1`);
  const when = Number(rows[0]?.when);
  const known = knownMigrations().find((migration) => migration.when === when);
  if (!known) throw new BackupError('The database has a migration this version of the hub does not know: back it up with the version that runs it.');
  return known.tag;
}

async function columnsOf(tx: Transaction, table: string): Promise<string[]> {
  const rows = await rowsOf<{ name: string }>(
    tx,
    sql`SELECT column_name::text AS name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = ${table} ORDER BY ordinal_position`,
  );
  if (rows.length === 0) throw new BackupError(`The database has no table ${table}: is it the hub's database?`);
  return rows.map((row) => row.name);
}

const batchRows = 200;

async function writeRows(
  tx: Transaction,
  table: string,
  leaveOut: readonly string[],
  file: string,
  onRow?: (row: string) => void,
): Promise<{ rows: number; bytes: number; sha256: string }> {
  // to_jsonb keeps every type faithfully (see backup-format.ts); `- 'column'` leaves a column out.
  const without = leaveOut.map((column) => sql` - ${column}::text`);
  await tx.execute(sql`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT (to_jsonb(t)${sql.join(without)})::text AS row FROM ${sql.identifier(table)} t`);
  const handle = await fs.open(file, 'wx');
  const hash = createHash('sha256');
  let rows = 0;
  let bytes = 0;
  try {
    for (;;) {
      const batch = await rowsOf<{ row: string }>(tx, sql.raw(`FETCH ${batchRows} FROM backup_rows`));
      if (batch.length === 0) break;
      const text = Buffer.from(batch.map((each) => `${each.row}\n`).join(''));
      await handle.write(text);
      hash.update(text);
      bytes += text.length;
      rows += batch.length;
      if (onRow) for (const each of batch) onRow(each.row);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  await tx.execute(sql.raw('CLOSE backup_rows'));
  return { rows, bytes, sha256: hash.digest('hex') };
}

function objectOfRow(row: string): BackedUpObject {
  const version = JSON.parse(row) as { storage_key: string; size_bytes: number; sha256: string; content_type: string };
  return { key: version.storage_key, sizeBytes: Number(version.size_bytes), sha256: version.sha256, contentType: version.content_type };
}

async function rowsOf<T>(tx: Transaction, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
}
