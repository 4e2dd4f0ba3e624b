import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/viewer';
import { materialVersions } from '@/lib/db/schema';
import { pdf } from '@/lib/extract/testing/test-files';
import { openJobQueue, queueNames, type OpenedQueue } from '@/lib/jobs/queue';
import { createMaterial } from '@/lib/materials/create-material';
import { LocalDiskStore } from '@/lib/storage/local-disk-store';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';

/**
 * `npm run worker` as production runs it: a separate process on Postgres that picks up the text
 * extraction of a file shared by another process, stops cleanly on SIGTERM, and, killed outright in the
 * middle of a job, leaves it to be run again, once, by the next worker.
 */

const importer: Actor = { kind: 'system', label: 'worker test' };

describe('npm run worker (a separate process, on Postgres)', () => {
  let hub: TestHub;
  let dataDir: string;
  let queue: OpenedQueue | undefined;

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-worker-'));
    // The worker finds files where the web process put them: DATA_DIR/files on local disk.
    hub = await createTestHub('pg', { storage: new LocalDiskStore(path.join(dataDir, 'files')) });
  });
  afterEach(async () => {
    await queue?.stop();
    queue = undefined;
    await hub.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** `npm run worker` on the test's database and files, as a process of its own. */
  function startWorkerProcess() {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: (hub.database as { url?: string }).url, DATA_DIR: dataDir, SEED_STARTER_KIT: 'false' };
    for (const name of Object.keys(env)) if (/^(S3_|MEILI_|RUN_WORKER_IN_WEB)/.test(name)) delete env[name];
    // One process (tsx as a loader, not its command, which would run the worker in a child of its own
    // that a SIGKILL to the parent leaves running).
    const worker = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'lib/cli/worker.ts'], {
      cwd: process.cwd(),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    worker.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    worker.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => worker.on('exit', (code) => resolve(code)));
    return { worker, output: () => output, exited };
  }

  async function textStatusOf(materialId: string): Promise<string> {
    const [row] = await hub.services.db.select({ status: materialVersions.textStatus }).from(materialVersions).where(eq(materialVersions.materialId, materialId));
    return row!.status;
  }

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

    const { worker, output, exited } = startWorkerProcess();

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
      expect(status, output()).toBe('done');
      expect(output()).toContain('worker ready');
    } finally {
      worker.kill('SIGTERM');
    }
    expect(await exited, output()).toBe(0);
  }, 90_000);

  it('a worker killed mid-extraction (SIGKILL): the job runs again, once, on the next worker, and finishes', async () => {
    // A PDF long enough to read that the worker can be caught in the middle of it.
    const pages = Array.from({ length: 1000 }, (_, n) => `Page ${n + 1} of the fly-tipping discovery report`);
    const created = await createMaterial(hub.services, {
      actor: importer,
      fields: { title: 'Fly-tipping discovery report', phases: ['discovery'], artefactType: 'discovery-report', kind: 'example', licence: 'OGL-UK-3.0' },
      file: { fileName: 'report.pdf', stream: Readable.from([pdf(pages, { contentRepeat: 10 })]) },
    });
    const [version] = await hub.services.db.select({ id: materialVersions.id }).from(materialVersions).where(eq(materialVersions.materialId, created.id));
    // Queued here with a 10-second expiry instead of the queue's 5 minutes, so that the test need not wait
    // that long for pg-boss to notice the job's worker is gone (yet long enough for the second worker
    // to finish it, on a busy machine). The worker's sweep finds it queued.
    queue = await openJobQueue(hub.database, { maintain: false });
    const jobId = await queue.boss.send(queueNames.extractText, { versionId: version!.id }, { singletonKey: version!.id, expireInSeconds: 10, retryDelay: 1, retryBackoff: false });
    expect(jobId).not.toBeNull();

    const first = startWorkerProcess();
    try {
      const until = Date.now() + 60_000;
      // 'extracting': the job is in the worker's hands, reading the file.
      while ((await textStatusOf(created.id)) !== 'extracting') {
        if (Date.now() > until) throw new Error(`the worker never took the job:\n${first.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect((await queue.boss.getJobById(queueNames.extractText, jobId!))?.state).toBe('active');
    } finally {
      first.worker.kill('SIGKILL');
    }
    await first.exited;

    // pg-boss's supervision (every minute in a running worker) finds the job past its expiry and retries it.
    await new Promise((resolve) => setTimeout(resolve, 10_500));
    await queue.boss.supervise(queueNames.extractText);
    const second = startWorkerProcess();
    try {
      const until = Date.now() + 90_000;
      while ((await textStatusOf(created.id)) !== 'done') {
        if (Date.now() > until) throw new Error(`the job never finished:\n${second.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    } finally {
      second.worker.kill('SIGTERM');
    }
    expect(await second.exited, second.output()).toBe(0);
    const job = await queue.boss.getJobById(queueNames.extractText, jobId!);
    expect(job).toMatchObject({ state: 'completed', retryCount: 1 });
    // A worker's sweep may also have queued the version while the killed one held it: that job finds the
    // text already read and ends at once when a worker takes it (it may still be waiting here). None failed.
    const all = await queue.boss.findJobs(queueNames.extractText, { key: version!.id });
    expect(all.filter((each) => each.state === 'failed')).toEqual([]);
    expect(all.filter((each) => each.id !== jobId).every((each) => each.retryCount === 0)).toBe(true);
  }, 180_000);
});
