import 'server-only';
import { sql } from 'drizzle-orm';
import type { Queryable } from '@/lib/db/transaction';
import type { BlobStore } from '@/lib/storage/blob-store';
import { BackupError, backedUpTables, tablesTheHubLoads } from './backup-format';

/**
 * A restore goes only into an empty hub, so it can never mix two hubs' rows or overwrite anything.
 * Empty means: no rows in any table a backup holds (nor sessions or uploads in progress), except
 * what the hub loads by itself at start (the vocabularies and the UK councils; an organisation of any
 * other type was added by someone), and no stored files at all.
 */
export async function assertEmptyHub(db: Queryable, storage?: BlobStore): Promise<void> {
  const found: string[] = [];
  const tables = [...backedUpTables.map((table) => table.name).filter((name) => !tablesTheHubLoads.includes(name)), 'sessions', 'pending_uploads'];
  for (const table of tables) {
    const count = await countOf(db, sql`SELECT count(*)::int AS count FROM ${sql.identifier(table)}`);
    if (count > 0) found.push(`${table.replace(/_/g, ' ')} (${count})`);
  }
  const added = await countOf(db, sql`SELECT count(*)::int AS count FROM organisations WHERE type <> 'council'`);
  if (added > 0) found.push(`organisations added by people (${added})`);
  if (storage) {
    for await (const _key of storage.listKeys()) {
      found.push('stored files');
      break;
    }
  }
  if (found.length > 0) {
    throw new BackupError(
      `The hub is not empty: it has ${found.join(', ')}. A backup is restored only into a new hub: a new database ` +
        '(DATABASE_URL, or DATA_DIR for the embedded one) and empty file storage. Nothing was written.',
    );
  }
}

async function countOf(db: Queryable, query: ReturnType<typeof sql>): Promise<number> {
  const result = (await db.execute(query)) as unknown as { rows: { count: number }[] };
  return result.rows[0]!.count;
}
