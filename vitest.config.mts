import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Two projects:
 * - unit: tests that need nothing but Node (`*.test.ts`), run in parallel, no database;
 * - integration: tests against real Postgres and PGlite, real files and servers on loopback
 *   (`*.integration.test.ts`), three files at a time after lib/testing/global-setup.ts has checked
 *   Postgres and made the database templates they start from.
 * `npx vitest run --project unit` runs only the fast ones.
 */
const shared = {
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // `server-only` throws outside React's server build; tests run the server code directly.
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
};

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'app/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', '**/node_modules/**'],
          environment: 'node',
          testTimeout: 60_000,
          // Some suites build large hostile files once (a million-row spreadsheet) before their tests.
          hookTimeout: 120_000,
          // Vitest's default is one worker fewer than the cores: one file at a time on CI's two cores.
          maxWorkers: 2,
        },
      },
      {
        ...shared,
        test: {
          name: 'integration',
          include: ['lib/**/*.integration.test.ts', 'app/**/*.integration.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Three files at a time on two cores: much of their time is spent waiting on Postgres, servers
          // on loopback, background-job polling and file I/O. With two, the test processes used about a
          // third of the two cores (12.5 CPU-minutes in 17.6 minutes); with three the same work finished
          // in 14.3 minutes, every test passing. Each file has databases of its own.
          fileParallelism: true,
          maxWorkers: 3,
          globalSetup: ['lib/testing/global-setup.ts'],
        },
      },
    ],
  },
});
