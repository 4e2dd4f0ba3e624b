import 'server-only';
import type { SQL } from 'drizzle-orm';
import type { Database } from './client';

/**
 * Runs raw SQL and returns its rows, typed. Both drivers answer `{ rows }`, but the shared database
 * type cannot say so. Cast counts with ::int in the SQL: `pg` returns bigint as a string.
 */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
