import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { productionEnv, productionUrl } from './e2e/support/server-env';
import { e2eDatabaseName, productionPort, quickStartPort, s3Port, smtpSinkHttpPort, smtpSinkPort } from './e2e/support/settings';

/**
 * Browser tests run against a production build (`next build` then `npm start`, lib/cli/web-server.ts) on Postgres, a real
 * S3-protocol server (s3rver on loopback) and an SMTP sink on loopback that receives the sign-in emails
 * (lib/testing/smtp-sink-cli.ts; e2e/support/sign-in.ts reads them), plus a smoke test of the quick
 * start (`next dev` on the embedded defaults: PGlite and local disk in a temporary folder).
 *
 * Settings: TEST_DATABASE_URL (a Postgres server the tests may create databases on) and CORPUS_DIR
 * (the real documents used as fixtures), as for the unit tests.
 */

const debianChromium = '/usr/bin/chromium';
const quickStartDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-quick-start-'));
/** E2E_QUICK_START=0 leaves out the quick-start smoke test and its development server (for a quick run of a few specs). */
const withQuickStart = process.env.E2E_QUICK_START !== '0';
const quickStartUrl = `http://127.0.0.1:${quickStartPort}`;

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: productionUrl,
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium where it exists (CI); Playwright's own browser on a developer's laptop.
      executablePath: fs.existsSync(debianChromium) ? debianChromium : undefined,
      // Without the networking flags Chromium keeps trying to reach Google's hosts on a closed network.
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'production', testIgnore: /quick-start/ },
    ...(withQuickStart ? [{ name: 'quick-start', testMatch: /quick-start/, use: { baseURL: quickStartUrl } }] : []),
  ],
  webServer: [
    {
      name: 's3',
      command: 'npx tsx lib/testing/s3-server-cli.ts',
      env: { S3_TEST_PORT: String(s3Port) },
      url: `http://127.0.0.1:${s3Port}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      name: 'smtp',
      command: 'npx tsx lib/testing/smtp-sink-cli.ts',
      env: { SMTP_SINK_PORT: String(smtpSinkPort), SMTP_SINK_HTTP_PORT: String(smtpSinkHttpPort) },
      url: `http://127.0.0.1:${smtpSinkHttpPort}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      name: 'production',
      // Its settings (e2e/support/server-env.ts): Postgres, S3 (s3rver) and SMTP (the sink). The worker shares them.
      command: `npx tsx lib/testing/reset-database-cli.ts ${e2eDatabaseName} && npm start -- -H 127.0.0.1 -p ${productionPort}`,
      url: `${productionUrl}/`,
      env: productionEnv,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
    },
    {
      // Production runs background work in its own process: text extraction for the uploads above.
      name: 'worker',
      command: 'npm run worker',
      env: productionEnv,
      wait: { stdout: /worker ready/ },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
    },
    ...(withQuickStart
      ? [
          {
            name: 'quick-start',
            command: `npx next dev -H 127.0.0.1 -p ${quickStartPort}`,
            url: `${quickStartUrl}/`,
            env: { DATA_DIR: quickStartDir },
            reuseExistingServer: false,
            timeout: 240_000,
          },
        ]
      : []),
  ],
});
