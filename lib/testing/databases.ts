import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, type DatabaseHandle } from '@/lib/db/client';
import { testSettings } from './settings';

export type TestDriver = 'pglite' | 'pg';

/** Both drivers: integration suites run once for each (`describe.each(testDrivers)`). */
export const testDrivers: TestDriver[] = ['pglite', 'pg'];

/**
 * A new, empty, migrated database of the given driver, dropped again by `close()`.
 * PGlite runs in memory; Postgres gets a database of its own on TEST_DATABASE_URL's server,
 * so suites never see each other's rows.
 */
export async function createTestDatabase(driver: TestDriver): Promise<DatabaseHandle & { url?: string }> {
  if (driver === 'pglite') {
    const handle = await openDatabase({ driver: 'pglite', dataDir: 'memory://' });
    await handle.migrate();
    return handle;
  }
  const name = `dc_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: testSettings.postgresUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(testSettings.postgresUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ driver: 'pg', url: url.toString(), poolSize: 5 });
  await handle.migrate();
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      const cleanup = new Client({ connectionString: testSettings.postgresUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
