import fs from 'node:fs';
import { Client } from 'pg';
import { dropPostgresDatabase, makePgliteTemplate, makePostgresTemplate, pgliteTemplateVariable, postgresTemplateVariable } from './database-templates';
import { testSettings } from './settings';

/**
 * Runs once before the integration suites: fails early, with a plain message, when the Postgres
 * server the suites need is not there; removes databases left by interrupted runs; and makes the
 * migrated templates every test database starts from (lib/testing/database-templates.ts). The test
 * processes are started after this, so they inherit the templates' names in their environment.
 */
export default async function globalSetup() {
  const client = new Client({ connectionString: testSettings.postgresUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `The integration tests need a Postgres server at ${testSettings.postgresUrl} (set TEST_DATABASE_URL). ` +
        `Connecting failed: ${(error as Error).message}`,
    );
  }
  try {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'dc_test_%'");
    // Names carry their creation time (base 36): drop only those over an hour old, so a run never
    // removes the databases of another run going on at the same time.
    const anHourAgo = Date.now() - 60 * 60 * 1000;
    for (const { datname } of rows) {
      const created = parseInt(datname.split('_')[2] ?? '', 36);
      if (Number.isFinite(created) && created > anHourAgo) continue;
      await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }

  const [pgliteFile, postgresName] = await Promise.all([makePgliteTemplate(), makePostgresTemplate()]);
  process.env[pgliteTemplateVariable] = pgliteFile;
  process.env[postgresTemplateVariable] = postgresName;
  return async () => {
    fs.rmSync(pgliteFile, { force: true });
    await dropPostgresDatabase(postgresName);
  };
}
