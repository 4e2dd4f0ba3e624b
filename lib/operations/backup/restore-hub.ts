import 'server-only';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Transaction } from '@/lib/db/transaction';
import type { Services } from '@/lib/services';
import { BackupError, backedUpTables, tablesTheHubLoads } from './backup-format';
import { assertEmptyHub } from './assert-empty-hub';
import { objectPath } from './copy-objects';
import { linesOf, type VerifiedBackup } from './verify-backup';

/**
 * `npm run restore -- <folder>`: brings a verified backup (verify-backup.ts) back into an empty hub
 * whose database the runtime has just migrated.
 *
 * Files first, then rows, so there is never a row without its file. The rows go in one transaction:
 * all of them or none. If the rows fail, the files just written are deleted again, leaving the hub
 * as empty as it was. The vocabularies and councils the hub loaded at start are replaced by the
 * backup's, so every id the backup's rows refer to is the one they had (the next start adds any
 * vocabulary entries this version has and the backup lacks).
 *
 * A backup made before this code's newest migration is restored into the newest schema: columns
 * added since take their defaults. Migrations that rewrote existing rows are not replayed on it;
 * where that matters, restore with the version that made the backup and upgrade after.
 *
 * Derived data is rebuilt: the search vectors and the typo dictionary by touching every material
 * (their trigger recomputes them), the Meilisearch index by the caller (the outbox also has every
 * material). Sequences are moved past the restored rows (today no table a backup holds has one: ids
 * are UUIDs, and search_outbox is not restored; this keeps a future serial column safe).
 */
export async function restoreHub(
  services: Pick<Services, 'db' | 'storage'>,
  backup: VerifiedBackup,
  options: { onProgress?: (message: string) => void } = {},
): Promise<{ rows: number; files: number }> {
  await assertEmptyHub(services.db, services.storage);

  const written: string[] = [];
  try {
    for (const object of backup.objects) {
      await services.storage.put(object.key, createReadStream(objectPath(backup.folder, object.key)), { contentType: object.contentType });
      written.push(object.key);
      if (written.length % 100 === 0) options.onProgress?.(`… ${written.length} files stored`);
    }
    options.onProgress?.(`Stored ${written.length} files. Writing rows…`);
    const rows = await services.db.transaction(async (tx) => {
      // Checked again inside the transaction: nothing may have arrived since the first look.
      await assertEmptyHub(tx);
      for (const table of [...tablesTheHubLoads].reverse()) await tx.execute(sql`DELETE FROM ${sql.identifier(table)}`);
      let total = 0;
      for (const table of inForeignKeyOrder(backup)) total += await insertRows(tx, backup.folder, table);
      await tx.execute(sql`UPDATE materials SET text_indexed_at = text_indexed_at`);
      await moveSequencesPastRows(tx, backup.manifest.tables.map((table) => table.name));
      return total;
    });
    return { rows, files: written.length };
  } catch (error) {
    for (const key of written) await services.storage.delete(key).catch(() => undefined);
    throw error;
  }
}

/** The backup's tables in this code's foreign-key order, whatever order the manifest lists them in. */
function inForeignKeyOrder(backup: VerifiedBackup): VerifiedBackup['manifest']['tables'] {
  const order = backedUpTables.map((table) => table.name);
  return [...backup.manifest.tables].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}

const batchBytes = 4 * 1024 * 1024;

async function insertRows(tx: Transaction, folder: string, table: VerifiedBackup['manifest']['tables'][number]): Promise<number> {
  // jsonb_populate_recordset turns each JSON row back into the table's own types: the inverse of the
  // to_jsonb the backup was written with. Only the backup's columns are named, so columns added
  // since take their defaults.
  const columns = sql.join(
    table.columns.map((column) => sql.identifier(column)),
    sql`, `,
  );
  let batch: string[] = [];
  let size = 0;
  let inserted = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await tx.execute(
      sql`INSERT INTO ${sql.identifier(table.name)} (${columns}) OVERRIDING SYSTEM VALUE
          SELECT ${columns} FROM jsonb_populate_recordset(NULL::${sql.identifier(table.name)}, ${`[${batch.join(',')}]`}::jsonb)`,
    );
    inserted += batch.length;
    batch = [];
    size = 0;
  };
  for await (const line of linesOf(path.join(folder, table.file))) {
    batch.push(line);
    size += line.length;
    if (size >= batchBytes || batch.length >= 500) await flush();
  }
  await flush();
  if (inserted !== table.rows) throw new BackupError(`${table.name}: ${inserted} rows restored, the manifest says ${table.rows}.`);
  return inserted;
}

/** Sets each sequence behind a restored table's column (serial or identity) past the largest value restored. */
async function moveSequencesPastRows(tx: Transaction, tables: string[]): Promise<void> {
  const found = (await tx.execute(
    sql`SELECT table_name::text AS "table", column_name::text AS "column",
               pg_get_serial_sequence(quote_ident(table_name), column_name) AS "sequence"
        FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name IN (${sql.join(tables.map((table) => sql`${table}`), sql`, `)})
          AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL`,
  )) as unknown as { rows: { table: string; column: string; sequence: string }[] };
  for (const { table, column, sequence } of found.rows) {
    await tx.execute(sql`SELECT setval(${sequence}, coalesce(max(${sql.identifier(column)}), 0) + 1, false) FROM ${sql.identifier(table)}`);
  }
}
