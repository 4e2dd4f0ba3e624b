import path from 'node:path';

/**
 * Settings the test suites read. Each has a default that works on the project's CI machine.
 * TEST_DATABASE_URL: a Postgres server where the suites may create and drop their own databases.
 * CORPUS_DIR: the folder of real public-sector documents used as fixtures (with its manifest.csv).
 */
export const testSettings = {
  postgresUrl: process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
  corpusDir: path.resolve(process.env.CORPUS_DIR || path.join(__dirname, '..', '..', '..', 'shared', 'corpus')),
};
