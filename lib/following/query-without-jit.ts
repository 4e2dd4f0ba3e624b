import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { queryRows } from '@/lib/db/query-rows';

/**
 * Runs a digest's project query with Postgres's JIT compilation off, in a short read-only transaction
 * (SET LOCAL ends with it), as the search engine sets enable_seqscan. The planner over-estimates
 * these queries (unnested service areas count ten rows each, windows over long id lists), so their
 * cost passes jit_above_cost and Postgres compiled each one: for "a project like yours" at 10,000
 * projects (bench/digests.ts) about 0.4 s of compiling for under 0.1 s of work, on every query. PGlite
 * has no JIT and takes the setting as a no-op.
 */
export async function queryRowsWithoutJit<T>(db: Database, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL jit = off`);
    return queryRows<T>(tx as unknown as Database, query);
  });
}
