/**
 * Drops and re-creates one database on the test Postgres server, for the browser tests and benchmarks:
 *   npx tsx lib/testing/reset-database-cli.ts dc_e2e
 * The server is TEST_DATABASE_URL's (default postgres://postgres@127.0.0.1:5432/test).
 */
import { Client } from 'pg';
import { testSettings } from './settings';

async function main() {
  const name = process.argv[2] ?? '';
  if (!/^[a-z][a-z0-9_]{0,40}$/.test(name)) throw new Error('Give a database name of lower-case letters, digits and _');
  const client = new Client({ connectionString: testSettings.postgresUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(testSettings.postgresUrl);
  url.pathname = `/${name}`;
  console.log(url.toString());
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
