import { Client } from 'pg';
import type { DatabaseHandle } from '@/lib/db/client';
import { openMigratedPostgres } from '@/lib/testing/databases';
import { testSettings } from '@/lib/testing/settings';

/**
 * A named Postgres database on TEST_DATABASE_URL's server that a benchmark keeps between runs
 * (BENCH_PG_DATABASE), so that trying a change to search against 100,000 materials does not mean
 * seeding them again each time (4–5 minutes). Created when missing, migrated on every open (so a
 * new migration reaches the kept rows, as it would a council's), never dropped: drop it by hand with
 * `dropdb -h 127.0.0.1 -U postgres <name>` when done.
 */
export async function openKeptDatabase(name: string): Promise<DatabaseHandle & { url: string }> {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(name)) throw new Error(`BENCH_PG_DATABASE must be a plain lower-case name, not ${JSON.stringify(name)}`);
  const admin = new Client({ connectionString: testSettings.postgresUrl });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return openMigratedPostgres(name);
}
