import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/viewer';
import { materialVersions } from '@/lib/db/schema';
import { createMaterial } from '@/lib/materials/create-material';
import { LocalDiskStore } from '@/lib/storage/local-disk-store';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';

/**
 * `npm run worker` as production runs it: a separate process on Postgres that picks up the text
 * extraction of a file shared by another process, and stops cleanly on SIGTERM.
 */

const importer: Actor = { kind: 'system', label: 'worker test' };

describe('npm run worker (a separate process, on Postgres)', () => {
  let hub: TestHub;
  let dataDir: string;

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-worker-'));
    // The worker finds files where the web process put them: DATA_DIR/files on local disk.
    hub = await createTestHub('pg', { storage: new LocalDiskStore(path.join(dataDir, 'files')) });
  });
  afterEach(async () => {
    await hub.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('extracts text for a file another process shared, then exits 0 on SIGTERM', async () => {
    const created = await createMaterial(hub.services, {
      actor: importer,
      fields: {
        title: 'Garden waste research plan',
        phases: ['discovery'],
        artefactType: 'research-plan',
        kind: 'template',
        licence: 'OGL-UK-3.0',
      },
      file: { fileName: 'plan.md', stream: Readable.from([Buffer.from('# Plan\n\nWe will ask about garden waste subscriptions.')]) },
    });

    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: (hub.database as { url?: string }).url, DATA_DIR: dataDir, SEED_STARTER_KIT: 'false' };
    for (const name of Object.keys(env)) if (/^(S3_|MEILI_|RUN_WORKER_IN_WEB)/.test(name)) delete env[name];
    const worker = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--conditions=react-server', 'lib/cli/worker.ts'], {
      cwd: process.cwd(),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    worker.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    worker.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => worker.on('exit', (code) => resolve(code)));

    try {
      const until = Date.now() + 60_000;
      let status = 'pending';
      while (Date.now() < until) {
        const [row] = await hub.services.db
          .select({ status: materialVersions.textStatus })
          .from(materialVersions)
          .where(eq(materialVersions.materialId, created.id));
        status = row!.status;
        if (status === 'done') break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(status, output).toBe('done');
      expect(output).toContain('worker ready');
    } finally {
      worker.kill('SIGTERM');
    }
    expect(await exited, output).toBe(0);
  }, 90_000);
});
