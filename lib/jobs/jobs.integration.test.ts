import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anonymous, type Actor } from '@/lib/auth/viewer';
import { openDatabase } from '@/lib/db/client';
import { queryRows } from '@/lib/db/query-rows';
import { materialVersions } from '@/lib/db/schema';
import { docx, docxEntries, buildZip, deflatedZeros } from '@/lib/extract/testing/test-files';
import { createMaterial } from '@/lib/materials/create-material';
import { openDownload } from '@/lib/materials/open-download';
import { searchMaterials } from '@/lib/search';
import { parseSearchParams } from '@/lib/search/search-params';
import type { Services } from '@/lib/services';
import type { BlobStore } from '@/lib/storage/blob-store';
import { LocalDiskStore } from '@/lib/storage/local-disk-store';
import { StandInGateway } from '@/lib/search/meilisearch/testing/stand-in-gateway';
import { SearchSync } from '@/lib/search/meilisearch/sync';
import { deleteMaterial } from '@/lib/materials/delete-material';
import { person } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { syncVocabularies } from '@/lib/taxonomy/sync-vocabularies';
import { dropOutdatedQueueSchema, oldestUpgradableQueueSchema } from './drop-outdated-queue-schema';
import { extractVersionText } from './extract-text';
import { gateExtractionReads } from './testing/gated-extraction-reads';
import { openJobQueue, queueNames, queueOptions, queueSchema, type OpenedQueue } from './queue';
import { startWorker, sweep, type RunningWorker } from './worker';

/**
 * The background jobs on the real queue (pg-boss) over both real drivers: text extraction from upload
 * to search, retries, failures that stay one job's problem, and the sweep that repairs a crash between
 * commit and queueing.
 */

const importer: Actor = { kind: 'system', label: 'jobs test' };

const answers = {
  title: 'Waste services research',
  summary: 'What we learned in discovery.',
  phases: ['discovery'],
  artefactType: 'discussion-guide',
  kind: 'template',
  topics: 'waste-recycling',
  licence: 'OGL-UK-3.0',
  council: 'bristol',
};

async function share(services: Services, fileName: string, body: Buffer, title = answers.title) {
  return createMaterial(services, { actor: importer, fields: { ...answers, title }, file: { fileName, stream: Readable.from([body]) } });
}

async function versionOf(services: Services, materialId: string) {
  const [row] = await services.db
    .select({ id: materialVersions.id, textStatus: materialVersions.textStatus, textFailure: materialVersions.textFailure, pageCount: materialVersions.pageCount })
    .from(materialVersions)
    .where(eq(materialVersions.materialId, materialId));
  return row!;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const searchFor = (services: Services, words: string) => searchMaterials(services, anonymous, parseSearchParams({ q: words }));

/** Jobs of a queue waiting to run (created, or between retries). */
async function waitingJobs(queue: OpenedQueue, name: string): Promise<number> {
  return (await queue.boss.findJobs(name, { queued: true })).length;
}

/** A store that cannot be reached: a stand-in for storage trouble (the files are really on disk). */
function unreachableStorage(storage: BlobStore): BlobStore {
  return Object.assign(Object.create(storage) as BlobStore, { get: () => Promise.reject(new Error('connect ECONNREFUSED')) });
}

/** pg-boss 10's tables, as it made them (see the file's header). */
const pgBoss10Schema = fs.readFileSync(path.join(import.meta.dirname, 'testing', 'pgboss-v10-schema.sql'), 'utf8');

describe.each(testDrivers)('background text extraction on %s', (driver) => {
  let hub: TestHub;
  let queue: OpenedQueue | undefined;
  let worker: RunningWorker | undefined;

  beforeEach(async () => {
    hub = await createTestHub(driver);
  });
  afterEach(async () => {
    await worker?.stop();
    await queue?.stop();
    worker = undefined;
    queue = undefined;
    await hub.close();
  });

  async function startQueueAndWorker() {
    queue = await openJobQueue(hub.database, { maintain: true });
    hub.services.jobs = queue.jobs;
    worker = await startWorker(hub.services, queue, { concurrency: 1, searchSync: null });
  }

  it('reads an uploaded file in the background, and search then finds words only the file contains', async () => {
    await startQueueAndWorker();
    const created = await share(hub.services, 'guide.docx', docx(['Residents told us about missed bin collections and overflowing wheelie bins.']));
    expect((await searchFor(hub.services, 'wheelie')).total).toBe(0);

    const status = await waitFor('extraction', async () => {
      const version = await versionOf(hub.services, created.id);
      return version.textStatus === 'done' ? version.textStatus : undefined;
    });
    expect(status).toBe('done');
    const results = await searchFor(hub.services, 'wheelie');
    expect(results.hits.map((hit) => hit.id)).toEqual([created.id]);
  });

  it('fails a zip bomb as that one job, keeps the worker going and the file downloadable', async () => {
    await startQueueAndWorker();
    const bomb = buildZip(docxEntries({ deflated: await deflatedZeros(300), inflatedSize: 300 * 1024 * 1024 }));
    const bad = await share(hub.services, 'bomb.docx', bomb, 'A suspicious document');
    const good = await share(hub.services, 'fine.docx', docx(['Our research plan for bulky waste.']), 'A fine document');

    const badVersion = await waitFor('the bomb to fail', async () => {
      const version = await versionOf(hub.services, bad.id);
      return version.textStatus === 'failed' ? version : undefined;
    });
    expect(badVersion.textFailure).toBe('The file unpacks to far more data than a document of its size should, so we stopped reading it.');
    await waitFor('the next job', async () => ((await versionOf(hub.services, good.id)).textStatus === 'done' ? true : undefined));

    const download = await openDownload(hub.services, anonymous, bad.id);
    expect(download).toBeDefined();
  });

  it('records "no text" and "unsupported" plainly', async () => {
    const empty = await share(hub.services, 'empty.txt', Buffer.from('   \n\n  '));
    const picture = await share(hub.services, 'map.png', Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'));
    expect(await extractVersionText(hub.services, (await versionOf(hub.services, empty.id)).id)).toBe('no_text');
    expect(await extractVersionText(hub.services, (await versionOf(hub.services, picture.id)).id)).toBe('unsupported');
  });

  it('never stores two different outcomes: a second run of a settled version changes nothing', async () => {
    const created = await share(hub.services, 'notes.md', Buffer.from('# Notes\n\nWe interviewed twelve residents.'));
    const versionId = (await versionOf(hub.services, created.id)).id;
    const [first, second] = await Promise.all([extractVersionText(hub.services, versionId), extractVersionText(hub.services, versionId)]);
    expect([first, second].sort()).toEqual(['done', 'skipped']);
    expect(await extractVersionText(hub.services, versionId)).toBe('skipped');
    const rows = await queryRows<{ text_content: string }>(hub.services.db, sql`SELECT text_content FROM material_versions WHERE id = ${versionId}`);
    expect(rows[0]!.text_content).toContain('We interviewed twelve residents.');
  });

  it('retries when the stored file cannot be read, and settles on the last attempt', async () => {
    const created = await share(hub.services, 'notes.md', Buffer.from('Some notes about fly-tipping.'));
    const versionId = (await versionOf(hub.services, created.id)).id;
    const services = { ...hub.services, storage: unreachableStorage(hub.services.storage) };
    await expect(extractVersionText(services, versionId)).rejects.toThrow('ECONNREFUSED');
    expect((await versionOf(hub.services, created.id)).textStatus).toBe('extracting');
    expect(await extractVersionText(services, versionId, { finalAttempt: true })).toBe('failed');
    expect((await versionOf(hub.services, created.id)).textFailure).toBe(
      'We could not open the stored file to read its text. Try replacing the file.',
    );
  });

  it('sweeps versions that were never queued (a crash between commit and queueing) into the queue', async () => {
    // No queue while sharing: nothing is sent, the version just waits as 'pending'.
    const created = await share(hub.services, 'plan.md', Buffer.from('A research plan about council tax reduction.'));
    expect((await versionOf(hub.services, created.id)).textStatus).toBe('pending');
    queue = await openJobQueue(hub.database, { maintain: false });
    await sweep(hub.services, queue, null);
    expect(await waitingJobs(queue, queueNames.extractText)).toBe(1);
    // Sweeping again does not queue it twice (one waiting job per version).
    await sweep(hub.services, queue, null);
    expect(await waitingJobs(queue, queueNames.extractText)).toBe(1);
  });

  it('retries through the queue when storage cannot be reached, and the last attempt records the failure', async () => {
    const created = await share(hub.services, 'notes.md', Buffer.from('Some notes about fly-tipping.'));
    const versionId = (await versionOf(hub.services, created.id)).id;
    queue = await openJobQueue(hub.database, { maintain: true });
    // One retry, a second or two later (the queue's own settings give 4, 5 s and more apart). Sent
    // before the worker starts, so its sweep finds the version already queued and adds nothing.
    const jobId = await queue.boss.send(queueNames.extractText, { versionId }, { singletonKey: versionId, retryLimit: 1, retryDelay: 1 });
    expect(jobId).not.toBeNull();
    worker = await startWorker({ ...hub.services, storage: unreachableStorage(hub.services.storage) }, queue, { concurrency: 1, searchSync: null });

    const failed = await waitFor('the last attempt to record the failure', async () => {
      const version = await versionOf(hub.services, created.id);
      return version.textStatus === 'failed' ? version : undefined;
    });
    expect(failed.textFailure).toBe('We could not open the stored file to read its text. Try replacing the file.');
    // Two attempts: the first threw (pg-boss retried it), the second was the last and settled it.
    const [job] = await queue.boss.findJobs(queueNames.extractText, { id: jobId! });
    expect(job).toMatchObject({ retryCount: 1, state: 'completed' });
  });

  it('stops gracefully: stopping waits for the job in hand to finish', async () => {
    const created = await share(hub.services, 'notes.md', Buffer.from('Notes about street lighting.'));
    // Text extraction's reads wait for the test to let them through: the job stays in hand for as
    // long as the test needs (the file is really on disk).
    const extraction = gateExtractionReads(hub.services.storage);
    queue = await openJobQueue(hub.database, { maintain: true });
    worker = await startWorker({ ...hub.services, storage: extraction.storage }, queue, { concurrency: 1, searchSync: null });
    await extraction.reading;

    let stopped = false;
    const stopping = (async () => {
      await worker!.stop();
      await queue!.stop();
      stopped = true;
    })();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(stopped).toBe(false);
    extraction.letThrough();
    await stopping;
    expect((await versionOf(hub.services, created.id)).textStatus).toBe('done');
    worker = undefined;
    queue = undefined;
  });

  it('creates its queues with the policies and retries it promises', async () => {
    queue = await openJobQueue(hub.database, { maintain: false });
    for (const [name, settings] of Object.entries(queueOptions)) {
      expect(await queue.boss.getQueue(name)).toMatchObject(settings);
    }
  });

  it('starts on the tables pg-boss 10 made: drops them, makes its own, and still reads the file that was waiting', async () => {
    // A hub that ran pg-boss 10: its tables, its queues, and a job waiting for a shared file.
    const created = await share(hub.services, 'plan.md', Buffer.from('A research plan about garden waste subscriptions.'));
    const versionId = (await versionOf(hub.services, created.id)).id;
    await hub.database.executeSql(pgBoss10Schema);
    for (const [name, settings] of Object.entries(queueOptions)) {
      await hub.database.executeSql(`SELECT ${queueSchema}.create_queue($1, $2)`, [name, JSON.stringify(settings)]);
    }
    await hub.database.executeSql(
      `INSERT INTO ${queueSchema}.job (name, data, singleton_key, policy, retry_limit, retry_delay, retry_backoff, expire_in)
       VALUES ($1, $2, $3, 'stately', 4, 5, true, interval '5 minutes')`,
      [queueNames.extractText, JSON.stringify({ versionId }), versionId],
    );
    const before = await hub.database.executeSql(`SELECT version::int AS version FROM ${queueSchema}.version`);
    expect(before.rows).toEqual([{ version: 24 }]);

    await startQueueAndWorker();
    expect(await queue!.boss.schemaVersion()).toBeGreaterThanOrEqual(oldestUpgradableQueueSchema);
    for (const [name, settings] of Object.entries(queueOptions)) {
      expect(await queue!.boss.getQueue(name)).toMatchObject(settings);
    }
    await waitFor('the waiting file to be read', async () => ((await versionOf(hub.services, created.id)).textStatus === 'done' ? true : undefined));
    expect((await searchFor(hub.services, 'subscriptions')).hits.map((hit) => hit.id)).toEqual([created.id]);

    // Tables this pg-boss made are kept: a second start drops nothing.
    expect(await dropOutdatedQueueSchema(hub.database, queueSchema)).toBeNull();
  });

  it('feeds the Meilisearch index from the outbox: shared, then text read, then deleted', async () => {
    // A stand-in for the Meilisearch server, which cannot run on this machine; the queue, the
    // worker, the outbox triggers and the database are real.
    const meili = new StandInGateway();
    queue = await openJobQueue(hub.database, { maintain: true });
    hub.services.jobs = queue.jobs;
    worker = await startWorker(hub.services, queue, {
      concurrency: 1,
      searchSync: new SearchSync(meili, hub.services.db, 'materials'),
      outboxPollMs: 200,
    });
    const created = await share(hub.services, 'guide.md', Buffer.from('Questions about bulky waste collections.'));
    const indexed = await waitFor('the document with its text', async () => {
      const document = meili.documents('materials').find((d) => d.id === created.id);
      return typeof document?.text === 'string' && document.text.includes('bulky waste') ? document : undefined;
    });
    expect(indexed.title).toBe(answers.title);

    const admin = (await person(hub, { isSiteAdmin: true, name: 'Ada Admin' })).viewer;
    await deleteMaterial(hub.services, admin, created.id);
    await waitFor('the document to leave the index', async () =>
      meili.documents('materials').some((d) => d.id === created.id) ? undefined : true,
    );
  });

  it('clears the search outbox when no Meilisearch index is fed from it', async () => {
    await share(hub.services, 'plan.md', Buffer.from('Anything at all.'));
    const before = await queryRows<{ n: number }>(hub.services.db, sql`SELECT count(*)::int AS n FROM search_outbox`);
    expect(before[0]!.n).toBeGreaterThan(0);
    queue = await openJobQueue(hub.database, { maintain: false });
    await sweep(hub.services, queue, null);
    const after = await queryRows<{ n: number }>(hub.services.db, sql`SELECT count(*)::int AS n FROM search_outbox`);
    expect(after[0]!.n).toBe(0);
  });
});

describe('jobs survive a restart (PGlite on disk)', () => {
  it('a job queued before the process stopped is done by the next one', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-jobs-'));
    const storage = new LocalDiskStore(path.join(folder, 'files'));
    const dataDir = path.join(folder, 'pglite');
    try {
      let database = await openDatabase({ driver: 'pglite', dataDir });
      await database.migrate();
      await syncVocabularies(database.db);
      let services: Services = { db: database.db, storage, maxUploadBytes: 10_000_000 };
      let queue = await openJobQueue(database, { maintain: false });
      services.jobs = queue.jobs;
      const created = await share(services, 'guide.md', Buffer.from('Questions about garden waste subscriptions.'));
      expect(await waitingJobs(queue, queueNames.extractText)).toBe(1);
      await queue.stop();
      await database.close();

      database = await openDatabase({ driver: 'pglite', dataDir });
      await database.migrate();
      services = { db: database.db, storage, maxUploadBytes: 10_000_000 };
      queue = await openJobQueue(database, { maintain: true });
      // Still waiting in the queue (the sweep would queue it again anyway; this is pg-boss keeping it).
      expect(await waitingJobs(queue, queueNames.extractText)).toBe(1);
      const worker = await startWorker(services, queue, { concurrency: 1, searchSync: null });
      try {
        await waitFor('the queued job', async () => ((await versionOf(services, created.id)).textStatus === 'done' ? true : undefined));
        expect((await searchFor(services, 'subscriptions')).total).toBe(1);
      } finally {
        await worker.stop();
        await queue.stop();
        await database.close();
      }
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
