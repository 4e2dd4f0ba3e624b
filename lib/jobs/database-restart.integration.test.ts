import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { Client } from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anonymous, type Actor } from '@/lib/auth/viewer';
import { materials, materialVersions } from '@/lib/db/schema';
import { docx } from '@/lib/extract/testing/test-files';
import { createMaterial } from '@/lib/materials/create-material';
import { searchMaterials } from '@/lib/search';
import { parseSearchParams } from '@/lib/search/search-params';
import type { Services } from '@/lib/services';
import { testSettings } from '@/lib/testing/settings';
import { createTestHub, storedKeys, type TestHub } from '@/lib/testing/test-hub';
import { gateExtractionReads } from './testing/gated-extraction-reads';
import { openJobQueue, type OpenedQueue } from './queue';
import { startWorker, type RunningWorker } from './worker';

/**
 * Postgres going away under a running hub (a restart, a fail-over): every connection the hub holds is
 * cut, as Postgres does to its clients when it restarts (`pg_terminate_backend` on each, from outside).
 * What must follow: a request in flight fails with an error rather than hanging, the next ones work
 * without restarting anything, a job in hand finishes (retried if it must be), and nothing is left
 * half-written. Postgres only: the embedded database runs inside the hub's own process, so it cannot
 * restart on its own.
 */

const importer: Actor = { kind: 'system', label: 'database restart test' };
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

const share = (services: Services, fileName: string, body: Buffer) =>
  createMaterial(services, { actor: importer, fields: answers, file: { fileName, stream: Readable.from([body]) } });

/** Cuts every connection to the hub's database, from a connection of its own. Returns how many. */
async function cutEveryConnection(databaseUrl: string): Promise<number> {
  const databaseName = new URL(databaseUrl).pathname.slice(1);
  const admin = new Client({ connectionString: testSettings.postgresUrl });
  await admin.connect();
  try {
    const result = await admin.query<{ cut: boolean }>(
      'SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [databaseName],
    );
    return result.rows.filter((row) => row.cut).length;
  } finally {
    await admin.end();
  }
}

/** Tries `attempt` until it succeeds: the first query after the cut may meet a connection not yet known to be dead. */
async function eventually<T>(attempt: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
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

describe('the database restarting (Postgres)', () => {
  let hub: TestHub & { url: string };
  let queue: OpenedQueue | undefined;
  let worker: RunningWorker | undefined;

  beforeEach(async () => {
    const created = await createTestHub('pg');
    hub = Object.assign(created, { url: (created.database as { url?: string }).url! });
  });
  afterEach(async () => {
    await worker?.stop();
    await queue?.stop();
    worker = undefined;
    queue = undefined;
    await hub.close();
  });

  it('fails the request in flight, then answers the next ones without a restart, and sharing leaves nothing half-written', async () => {
    const before = await share(hub.services, 'guide.md', Buffer.from('Questions about missed bin collections.'));

    // A request in flight when the connections are cut: it fails, it does not hang.
    const inFlight = hub.database.executeSql('SELECT pg_sleep(30)').then(
      () => 'finished',
      (error: unknown) => error,
    );
    await eventually(async () => {
      const { rows } = await hub.database.executeSql("SELECT 1 FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)' AND state = 'active'");
      if (rows.length === 0) throw new Error('not sleeping yet');
    });
    expect(await cutEveryConnection(hub.url)).toBeGreaterThan(0);
    expect(await inFlight).toMatchObject({ code: '57P01' }); // "terminating connection due to administrator command"

    // The next requests work on new connections.
    const results = await eventually(() => searchMaterials(hub.services, anonymous, parseSearchParams({ q: 'bin collections' })));
    expect(results.hits.map((hit) => hit.id)).toContain(before.id);
    const after = await eventually(() => share(hub.services, 'plan.md', Buffer.from('A research plan about street lighting.')));

    // Every material has its file and every file its material: no row without a file, no file without a row.
    const rows = await hub.services.db.select({ id: materials.id }).from(materials);
    expect(rows.map((row) => row.id).sort()).toEqual([before.id, after.id].sort());
    const versions = await hub.services.db.select({ key: materialVersions.storageKey }).from(materialVersions);
    expect((await storedKeys(hub.services.storage)).sort()).toEqual(versions.map((version) => version.key).sort());
  });

  it('finishes a job that was in hand when the database restarted, once', async () => {
    // Text extraction's reads wait for the test: the job is in hand (reading the file) while the cut happens.
    const extraction = gateExtractionReads(hub.services.storage);
    const storage = extraction.storage;
    queue = await openJobQueue(hub.database, { maintain: true });
    const services = { ...hub.services, storage, jobs: queue.jobs };
    worker = await startWorker(services, queue, { concurrency: 1, searchSync: null });
    const created = await share(services, 'guide.docx', docx(['Residents told us about overflowing wheelie bins.']));
    await extraction.reading;

    expect(await cutEveryConnection(hub.url)).toBeGreaterThan(0);
    extraction.letThrough();

    const version = await eventually(async () => {
      const [row] = await hub.services.db
        .select({ textStatus: materialVersions.textStatus })
        .from(materialVersions)
        .where(eq(materialVersions.materialId, created.id));
      if (row?.textStatus !== 'done') throw new Error(`text status is ${row?.textStatus}`);
      return row;
    }, 60_000);
    expect(version.textStatus).toBe('done');
    const results = await searchMaterials(hub.services, anonymous, parseSearchParams({ q: 'wheelie' }));
    expect(results.hits.map((hit) => hit.id)).toEqual([created.id]);
    // Read once, or twice when the cut failed the first attempt's last write and the queue ran it again.
    expect(extraction.reads()).toBeLessThanOrEqual(2);
  });
});
