import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Client } from 'pg';
import { openDatabase, type DatabaseHandle } from '@/lib/db/client';
import { dropPostgresDatabase, pgliteTemplateVariable, postgresTemplateVariable } from './database-templates';
import { testSettings } from './settings';

export type TestDriver = 'pglite' | 'pg';

/** Both drivers: integration suites run once for each (`describe.each(testDrivers)`). */
export const testDrivers: TestDriver[] = ['pglite', 'pg'];

/**
 * A new, empty, migrated database of the given driver, dropped again by `close()`.
 * PGlite runs in memory; Postgres gets a database of its own on TEST_DATABASE_URL's server,
 * so suites never see each other's rows. Both start from the run's templates when the test run made
 * them (lib/testing/global-setup.ts); benchmarks and scripts without them migrate from scratch.
 */
export async function createTestDatabase(driver: TestDriver): Promise<DatabaseHandle & { url?: string }> {
  if (driver === 'pglite') {
    const handle = await openDatabase({ driver: 'pglite', dataDir: 'memory://' }, { initialData: pgliteTemplate() });
    await handle.migrate();
    return handle;
  }
  const name = `dc_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const template = process.env[postgresTemplateVariable];
  const admin = new Client({ connectionString: testSettings.postgresUrl });
  await admin.connect();
  try {
    await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const handle = await openMigratedPostgres(name);
  return {
    ...handle,
    async close() {
      await handle.close();
      await dropPostgresDatabase(name);
    },
  };
}

/** The database `name` on TEST_DATABASE_URL's server, opened and migrated (benchmarks keep theirs). */
export async function openMigratedPostgres(name: string): Promise<DatabaseHandle & { url: string }> {
  const url = new URL(testSettings.postgresUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ driver: 'pg', url: url.toString(), poolSize: 5 });
  await handle.migrate();
  return { ...handle, url: url.toString() };
}

let pgliteDump: Blob | undefined;

/** The run's PGlite dump, read once per test process; undefined outside a test run. */
function pgliteTemplate(): Blob | undefined {
  const file = process.env[pgliteTemplateVariable];
  if (!file || !fs.existsSync(file)) return undefined;
  pgliteDump ??= new Blob([fs.readFileSync(file)]);
  return pgliteDump;
}
