import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anonymous, type Actor } from '@/lib/auth/viewer';
import { parseConfig } from '@/lib/config';
import { openDatabase, type DatabaseHandle } from '@/lib/db/client';
import { materials, materialVersions, pendingUploads } from '@/lib/db/schema';
import { docx } from '@/lib/extract/testing/test-files';
import { createMaterial } from '@/lib/materials/create-material';
import { checkReadiness, readinessChecks } from '@/lib/operations/readiness';
import { searchMaterials } from '@/lib/search';
import { parseSearchParams } from '@/lib/search/search-params';
import type { Services } from '@/lib/services';
import { startTcpProxy, type TcpProxy } from '@/lib/testing/tcp-proxy';
import { createTestHub, storedKeys, type TestHub } from '@/lib/testing/test-hub';
import { gateExtractionReads } from './testing/gated-extraction-reads';
import { openJobQueue, type OpenedQueue } from './queue';
import { startWorker, type RunningWorker } from './worker';

/**
 * Postgres down for a while under a running hub, as in a restart or a fail-over, with the hub reaching
 * it through a TCP proxy in this process that the test takes down and brings back (lib/testing/
 * tcp-proxy.ts): the shared Postgres server itself is never restarted. database-restart.integration
 * .test.ts cuts the connections from inside Postgres; here the server is also unreachable for seconds
 * (connections refused, or never answered), which is what a real restart or fail-over adds.
 *
 * What must follow: requests during the outage fail with an error (none hangs), /readyz says the
 * database is down, nothing half-written is left, and once Postgres is back the same hub, with the same
 * pool and the same worker, answers and finishes its jobs, without a restart of its own.
 */

const importer: Actor = { kind: 'system', label: 'database outage test' };
const answers = {
  title: 'Bin collections discovery',
  summary: 'What residents told us.',
  phases: ['discovery'],
  artefactType: 'discussion-guide',
  kind: 'template',
  topics: 'waste-recycling',
  licence: 'OGL-UK-3.0',
  council: 'bristol',
};
const readinessSettings = parseConfig({ NODE_ENV: 'test' });
const poolSize = 4;

const share = (services: Services, fileName: string, body: Buffer) =>
  createMaterial(services, { actor: importer, fields: answers, file: { fileName, stream: Readable.from([body]) } });

/** Tries `attempt` until it succeeds: the first query after the outage may meet a connection not yet known to be dead. */
async function eventually<T>(attempt: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the database down for a while (Postgres, through a proxy the test cuts)', () => {
  let hub: TestHub;
  let proxy: TcpProxy;
  let proxied: DatabaseHandle;
  let services: Services;
  let queue: OpenedQueue | undefined;
  let worker: RunningWorker | undefined;

  beforeEach(async () => {
    hub = await createTestHub('pg');
    const direct = new URL((hub.database as { url?: string }).url!);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const through = new URL(direct);
    through.hostname = '127.0.0.1';
    through.port = String(proxy.port);
    proxied = await openDatabase({ driver: 'pg', url: through.toString(), poolSize });
    services = { ...hub.services, db: proxied.db };
  });
  afterEach(async () => {
    await proxy.recover();
    await worker?.stop();
    await queue?.stop();
    worker = undefined;
    queue = undefined;
    await proxied.close();
    await proxy.close();
    await hub.close();
  });

  /** No material without its file and no file without its material, and no upload left half-recorded. */
  async function nothingHalfWritten(expectedIds: string[]): Promise<void> {
    const rows = await hub.services.db.select({ id: materials.id }).from(materials);
    expect(rows.map((row) => row.id).sort()).toEqual([...expectedIds].sort());
    const versions = await hub.services.db.select({ key: materialVersions.storageKey }).from(materialVersions);
    expect((await storedKeys(hub.services.storage)).sort()).toEqual(versions.map((version) => version.key).sort());
    expect(await hub.services.db.select().from(pendingUploads)).toEqual([]);
  }

  it('refused while it restarts: requests fail, /readyz says so, nothing is half-written, and the same hub answers once it is back', async () => {
    const before = await share(services, 'guide.md', Buffer.from('Questions about missed bin collections.'));
    // Every connection of the pool open and idle when Postgres goes: each is dead, and each is handed
    // to the next request before the pool has noticed (drizzle then kept it for ever: see
    // lib/db/release-on-failed-begin.ts). A search runs in a transaction.
    await Promise.all(Array.from({ length: poolSize }, () => proxied.executeSql('SELECT pg_sleep(0.05)')));
    const openedBefore = proxy.connectionsOpened();

    await proxy.restart();
    const searchWhileDown = () => searchMaterials(services, anonymous, parseSearchParams({ q: 'bin collections' }));
    for (const outcome of await Promise.allSettled(Array.from({ length: poolSize }, searchWhileDown))) expect(outcome.status).toBe('rejected');
    await expect(share(services, 'plan.md', Buffer.from('A research plan about street lighting.'))).rejects.toThrow();
    const down = await checkReadiness(readinessChecks(services, readinessSettings));
    expect(down.ready).toBe(false);
    expect(Object.fromEntries(down.checks.map((check) => [check.name, check.ok]))).toMatchObject({ database: false, storage: true });
    await pause(1_000); // still down a second later: nothing retries into a loop or crashes meanwhile
    await nothingHalfWritten([before.id]);

    await proxy.recover();
    const results = await eventually(() => searchMaterials(services, anonymous, parseSearchParams({ q: 'bin collections' })));
    expect(results.hits.map((hit) => hit.id)).toContain(before.id);
    // More searches at once than the pool has connections: none of them was kept by a failed request.
    for (const answer of await Promise.all(Array.from({ length: poolSize + 2 }, searchWhileDown))) expect(answer.hits.map((hit) => hit.id)).toContain(before.id);
    const after = await share(services, 'plan.md', Buffer.from('A research plan about street lighting.'));
    const up = await checkReadiness(readinessChecks(services, readinessSettings));
    expect(Object.fromEntries(up.checks.map((check) => [check.name, check.ok]))).toMatchObject({ database: true, storage: true });
    expect(proxy.connectionsOpened()).toBeGreaterThan(openedBefore); // new connections, the same pool
    await nothingHalfWritten([before.id, after.id]);
  });

  it('not answering at all (a fail-over still moving): a request fails after the connection timeout instead of hanging, then works', async () => {
    await share(services, 'guide.md', Buffer.from('Questions about missed bin collections.'));
    await proxy.stopAnswering();
    // The pool's idle connections were cut: a query on one fails at once. Then a new connection is
    // needed, and nothing answers it: without a connection timeout that query would wait for ever (the
    // test's own time limit would end it).
    const failures: string[] = [];
    while (failures.length <= poolSize && !/timeout/i.test(failures.at(-1) ?? '')) {
      failures.push(await proxied.executeSql('SELECT 1').then(() => 'answered', (error: Error) => error.message));
    }
    expect(failures.at(-1)).toMatch(/timeout/i);
    expect(failures).not.toContain('answered');
    const down = await checkReadiness(readinessChecks(services, readinessSettings));
    expect(down.checks.find((check) => check.name === 'database')).toMatchObject({ ok: false });

    await proxy.recover();
    expect(await eventually(() => proxied.executeSql('SELECT 1 AS one'))).toMatchObject({ rows: [{ one: 1 }] });
  });

  it('a job in hand while it restarts, down for seconds: the worker carries on by itself and finishes it, reading the file at most twice', async () => {
    // Text extraction's reads wait for the test: the job is in hand (reading the file) when Postgres goes.
    const extraction = gateExtractionReads(hub.services.storage);
    const storage = extraction.storage;
    queue = await openJobQueue(proxied, { maintain: true });
    const working = { ...services, storage, jobs: queue.jobs };
    worker = await startWorker(working, queue, { concurrency: 1, searchSync: null });
    const created = await share(working, 'guide.docx', docx(['Residents told us about overflowing wheelie bins.']));
    await extraction.reading;

    await proxy.restart();
    extraction.letThrough(); // the job reads its file and tries to record the text while the database is away
    await pause(3_000);
    await proxy.recover();

    const version = await eventually(async () => {
      const [row] = await hub.services.db
        .select({ textStatus: materialVersions.textStatus })
        .from(materialVersions)
        .where(eq(materialVersions.materialId, created.id));
      if (row?.textStatus !== 'done') throw new Error(`text status is ${row?.textStatus}`);
      return row;
    }, 120_000);
    expect(version.textStatus).toBe('done');
    const results = await searchMaterials(services, anonymous, parseSearchParams({ q: 'wheelie' }));
    expect(results.hits.map((hit) => hit.id)).toEqual([created.id]);
    expect(extraction.reads()).toBeLessThanOrEqual(2);
    await nothingHalfWritten([created.id]);
  });
});

