import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/viewer';
import { materials } from '@/lib/db/schema';
import { createMaterial } from '@/lib/materials/create-material';
import { LocalDiskStore } from '@/lib/storage/local-disk-store';
import { createTestHub, storedKeys, type TestHub } from '@/lib/testing/test-hub';

/**
 * `npm run backup` and `npm run restore` as an operator runs them: separate processes on Postgres
 * with files on local disk, their exit codes and what they say. What they back up and restore is
 * proved in lib/operations/backup/.
 */

const importer: Actor = { kind: 'system', label: 'backup command test' };

describe('npm run backup and npm run restore (separate processes, on Postgres)', () => {
  let scratch: string;
  let source: TestHub;
  let target: TestHub;

  beforeAll(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-backup-cli-'));
    source = await createTestHub('pg', { storage: new LocalDiskStore(path.join(scratch, 'source', 'files')) });
    target = await createTestHub('pg', { storage: new LocalDiskStore(path.join(scratch, 'target', 'files')) });
    await createMaterial(source.services, {
      actor: importer,
      fields: { title: 'Garden waste research plan', phases: ['discovery'], artefactType: 'research-plan', kind: 'template', licence: 'OGL-UK-3.0' },
      file: { fileName: 'plan.md', stream: Readable.from([Buffer.from('# Plan\n\nWe will ask about garden waste subscriptions.')]) },
    });
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('backs up one hub and restores it into an empty one, then refuses to restore it again', async () => {
    const folder = path.join(scratch, 'backup');
    const backup = await run('backup', [folder], source, 'source');
    expect(backup.output).toContain('Backed up');
    expect(backup.code).toBe(0);

    const restore = await run('restore', [folder], target, 'target');
    expect(restore.output).toContain('Restored');
    expect(restore.code).toBe(0);
    expect((await target.services.db.select().from(materials)).map((row) => row.title)).toEqual(['Garden waste research plan']);
    expect(await storedKeys(target.services.storage)).toEqual(await storedKeys(source.services.storage));

    const again = await run('restore', [folder], target, 'target');
    expect(again.output).toContain('The hub is not empty');
    expect(again.code).toBe(1);
  });

  it('refuses a folder that is not a backup, and a backup folder that is not empty', async () => {
    const notABackup = await run('restore', [scratch], target, 'target');
    expect(notABackup.output).toContain('has no manifest.json');
    expect(notABackup.code).toBe(1);
    const busy = await run('backup', [scratch], source, 'source');
    expect(busy.output).toContain('is not empty: a backup is written only into a new or empty folder');
    expect(busy.code).toBe(1);
    expect((await run('backup', [], source, 'source')).code).toBe(2);
  });

  async function run(command: 'backup' | 'restore', args: string[], hub: TestHub, dataDir: string): Promise<{ code: number | null; output: string }> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: (hub.database as { url?: string }).url,
      DATA_DIR: path.join(scratch, dataDir),
      SEED_STARTER_KIT: 'false',
    };
    for (const name of Object.keys(env)) if (/^(S3_|MEILI_)/.test(name)) delete env[name];
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--conditions=react-server', `lib/cli/${command}.ts`, ...args], {
      cwd: process.cwd(),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    return { code, output };
  }
});
