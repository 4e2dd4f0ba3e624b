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
import { extractVersionText } from './extract-text';
import { openJobQueue, queueNames, type OpenedQueue } from './queue';
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
    // A store that cannot be reached: a stand-in for storage trouble (the file is really on disk).
    const unreachable: BlobStore = Object.assign(Object.create(hub.services.storage) as BlobStore, {
      get: () => Promise.reject(new Error('connect ECONNREFUSED')),
    });
    const services = { ...hub.services, storage: unreachable };
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
    const waiting = await queue.boss.getQueueSize(queueNames.extractText);
    expect(waiting).toBe(1);
    // Sweeping again does not queue it twice (one waiting job per version).
    await sweep(hub.services, queue, null);
    expect(await queue.boss.getQueueSize(queueNames.extractText)).toBe(1);
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
      expect(await queue.boss.getQueueSize(queueNames.extractText)).toBe(1);
      await queue.stop();
      await database.close();

      database = await openDatabase({ driver: 'pglite', dataDir });
      await database.migrate();
      services = { db: database.db, storage, maxUploadBytes: 10_000_000 };
      queue = await openJobQueue(database, { maintain: true });
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
