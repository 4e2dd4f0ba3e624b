import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from './client';

/**
 * Waits until the database answers a `SELECT 1` (trying every second), for at most `maxMs`; returns
 * whether it did. For the worker: a job that failed because the database went away cannot even be
 * marked as failed until it is back, and a job pg-boss cannot mark stays "active" until it expires
 * (5 minutes) before it is tried again. Waiting here first lets the retry follow within seconds of
 * the database's return (lib/jobs/database-outage.integration.test.ts).
 */
export async function waitForDatabase(db: Database, maxMs: number, intervalMs = 1_000): Promise<boolean> {
  const until = Date.now() + maxMs;
  for (;;) {
    try {
      await db.execute(sql`SELECT 1`);
      return true;
    } catch {
      if (Date.now() + intervalMs > until) return false;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
