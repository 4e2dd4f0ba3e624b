import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { openDatabase } from '@/lib/db/client';
import { testSettings } from './settings';

/**
 * One migrated database of each driver, made once per test run (lib/testing/global-setup.ts), that
 * every test database starts from: a PGlite dump file and a Postgres template database. Starting a
 * PGlite from a dump takes about a second here; running initdb and the migrations in WebAssembly
 * took four to six. Their names reach the test processes through these environment variables.
 */
export const pgliteTemplateVariable = 'DC_TEST_PGLITE_TEMPLATE';
export const postgresTemplateVariable = 'DC_TEST_POSTGRES_TEMPLATE';

/** Makes the PGlite dump and returns the path of the file it is in. */
export async function makePgliteTemplate(): Promise<string> {
  const handle = await openDatabase({ driver: 'pglite', dataDir: 'memory://' });
  try {
    await handle.migrate();
    const dump = await handle.dump!();
    const file = path.join(os.tmpdir(), `dc-pglite-template-${process.pid}-${randomBytes(3).toString('hex')}.tar`);
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    return file;
  } finally {
    await handle.close();
  }
}

/**
 * Makes the Postgres template database and returns its name. Named like the suites' own databases
 * (dc_test_<time>_…), so a run that is interrupted leaves nothing the next run's clean-up misses.
 */
export async function makePostgresTemplate(): Promise<string> {
  const name = `dc_test_${Date.now().toString(36)}_template_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: testSettings.postgresUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = Object.assign(new URL(testSettings.postgresUrl), { pathname: `/${name}` }).toString();
  const handle = await openDatabase({ driver: 'pg', url, poolSize: 1 });
  try {
    await handle.migrate();
  } finally {
    await handle.close();
  }
  return name;
}

export async function dropPostgresDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: testSettings.postgresUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
