// The outbox drain against a real database (both drivers), with a stand-in Meilisearch: mock because
// no Meilisearch server can run on this machine. The database triggers that fill the outbox are real.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { materials, materialVersions, organisations } from '@/lib/db/schema';
import { queryRows } from '@/lib/db/query-rows';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { MeiliTaskFailedError } from './gateway';
import { StandInGateway } from './testing/stand-in-gateway';
import { outboxCount, reindexInProgress, SearchSync } from './sync';
import { insertMaterial, organisation } from './testing/test-materials';

describe.each(testDrivers)('draining the search outbox on %s', (driver) => {
  let hub: TestHub;
  let gateway: StandInGateway;
  let sync: SearchSync;
  let bristol: { id: string; slug: string; name: string };
  const db = () => hub.services.db;
  const indexed = () => new Map(gateway.documents('materials').map((d) => [String(d.id), d]));

  beforeAll(async () => {
    hub = await createTestHub(driver);
    bristol = await organisation(db(), 'bristol');
  });
  afterAll(async () => hub?.close());

  beforeEach(async () => {
    gateway = new StandInGateway();
    sync = new SearchSync(gateway, db(), 'materials');
    await db().execute(sql`DELETE FROM materials`);
    await db().execute(sql`DELETE FROM search_outbox`);
  });

  it('creates the index with its settings the first time, filled with what is already published', async () => {
    const before = await insertMaterial(db(), { title: 'Shared before Meilisearch was configured' });
    await db().execute(sql`DELETE FROM search_outbox`);
    const result = await sync.drain();
    expect(result).toEqual({ upserted: 0, deleted: 0, remaining: 0, paused: false });
    expect(gateway.indexes.get('materials')?.settings.filterableAttributes).toContain('visibility');
    expect([...indexed().keys()]).toEqual([before]);
    // Later drains do not create or fill it again (nor the projects index beside it).
    await sync.drain();
    expect(gateway.calls.filter((c) => c.method === 'createIndex').map((c) => c.indexUid)).toEqual(['materials', 'materials_projects']);
  });

  it('adds published materials, deletes withdrawn ones, and empties the outbox', async () => {
    const published = await insertMaterial(db(), { title: 'Bin collection journey map', organisationId: bristol.id });
    const withdrawn = await insertMaterial(db(), { title: 'Old guide', status: 'withdrawn' });
    expect(await outboxCount(db())).toBeGreaterThanOrEqual(2);

    const result = await sync.drain();
    expect(result).toMatchObject({ upserted: 1, deleted: 1, remaining: 0, paused: false });
    expect(indexed().get(published)).toMatchObject({ title: 'Bin collection journey map', councilName: bristol.name, status: 'published' });
    expect(indexed().has(withdrawn)).toBe(false);
    const deletes = gateway.calls.filter((c) => c.method === 'deleteDocuments');
    expect(deletes.at(-1)?.argument).toEqual([withdrawn]);
    expect(await outboxCount(db())).toBe(0);
  });

  it('propagates edits, withdrawals and deletions', async () => {
    const id = await insertMaterial(db(), { title: 'Before', organisationId: bristol.id });
    await sync.drain();
    await db().update(materials).set({ title: 'After' }).where(eq(materials.id, id));
    await sync.drain();
    expect(indexed().get(id)?.title).toBe('After');

    await db().update(materials).set({ status: 'withdrawn' }).where(eq(materials.id, id));
    await sync.drain();
    expect(indexed().has(id)).toBe(false);

    await db().update(materials).set({ status: 'published' }).where(eq(materials.id, id));
    await sync.drain();
    expect(indexed().has(id)).toBe(true);

    await db().delete(materialVersions).where(eq(materialVersions.materialId, id));
    await db().delete(materials).where(eq(materials.id, id));
    const result = await sync.drain();
    expect(result).toMatchObject({ deleted: 1, remaining: 0 });
    expect(indexed().has(id)).toBe(false);
  });

  it("follows a council's new name into its materials' documents", async () => {
    const id = await insertMaterial(db(), { title: 'Guide', organisationId: bristol.id });
    await sync.drain();
    await db().update(organisations).set({ name: 'Bristol City Council (renamed)' }).where(eq(organisations.id, bristol.id));
    try {
      expect(await outboxCount(db())).toBeGreaterThan(0);
      await sync.drain();
      expect(indexed().get(id)?.councilName).toBe('Bristol City Council (renamed)');
    } finally {
      await db().update(organisations).set({ name: bristol.name }).where(eq(organisations.id, bristol.id));
    }
  });

  it('picks up newly extracted text', async () => {
    const id = await insertMaterial(db(), { title: 'Guide' });
    await sync.drain();
    await db().update(materialVersions).set({ textStatus: 'done', textContent: 'Words from inside the file' }).where(eq(materialVersions.materialId, id));
    await db().update(materials).set({ textIndexedAt: new Date() }).where(eq(materials.id, id));
    await sync.drain();
    expect(indexed().get(id)?.text).toBe('Words from inside the file');
  });

  it('leaves the rows for a retry when a Meilisearch task fails, and succeeds on the retry', async () => {
    await sync.drain(); // index created
    const id = await insertMaterial(db(), { title: 'Guide' });
    const waiting = await outboxCount(db());
    gateway.failNext('addDocuments', 'disk full');
    await expect(sync.drain()).rejects.toThrow(MeiliTaskFailedError);
    await expect(outboxCount(db())).resolves.toBe(waiting);
    expect(indexed().has(id)).toBe(false);

    const retry = await sync.drain();
    expect(retry).toMatchObject({ upserted: 1, remaining: 0 });
    expect(indexed().has(id)).toBe(true);
  });

  it('a failed delete also leaves the rows', async () => {
    const id = await insertMaterial(db(), { title: 'Guide' });
    await sync.drain();
    await db().update(materials).set({ status: 'withdrawn' }).where(eq(materials.id, id));
    gateway.failNext('deleteDocuments');
    await expect(sync.drain()).rejects.toThrow(/task \d+ failed/);
    expect(await outboxCount(db())).toBeGreaterThan(0);
    await sync.drain();
    expect(indexed().has(id)).toBe(false);
  });

  it('keeps rows written while it ran, and only those', async () => {
    await sync.drain();
    const first = await insertMaterial(db(), { title: 'First' });
    let second: string | undefined;
    gateway.beforeWrite = async (method) => {
      if (method === 'addDocuments' && !second) second = await insertMaterial(db(), { title: 'Second, shared during the drain' });
    };
    const result = await sync.drain({ maxBatches: 1 });
    expect(result.remaining).toBeGreaterThan(0);
    const left = await queryRows<{ material_id: string }>(db(), sql`SELECT material_id FROM search_outbox`);
    expect(new Set(left.map((r) => r.material_id))).toEqual(new Set([second]));
    expect(indexed().has(first)).toBe(true);
    gateway.beforeWrite = () => {};
    await sync.drain();
    expect(indexed().has(second!)).toBe(true);
  });

  it('works batch by batch, and stops after maxBatches', async () => {
    await sync.drain();
    for (let i = 0; i < 5; i++) await insertMaterial(db(), { title: `Material ${i}` });
    const first = await sync.drain({ batchSize: 2, maxBatches: 2 });
    expect(first).toMatchObject({ upserted: 4, remaining: 1 });
    const second = await sync.drain({ batchSize: 2 });
    expect(second).toMatchObject({ upserted: 1, remaining: 0 });
    expect(indexed().size).toBe(5);
  });

  it('is idempotent: draining the same change twice gives the same index', async () => {
    const id = await insertMaterial(db(), { title: 'Guide' });
    await db().execute(sql`INSERT INTO search_outbox (material_id) SELECT material_id FROM search_outbox`);
    await sync.drain();
    const once = JSON.stringify([...indexed()]);
    await db().execute(sql`INSERT INTO search_outbox (material_id) VALUES (${id}::uuid), (${id}::uuid)`);
    await sync.drain();
    expect(JSON.stringify([...indexed()])).toBe(once);
  });

  it('runs concurrent calls one after the other', async () => {
    await sync.drain();
    for (let i = 0; i < 3; i++) await insertMaterial(db(), { title: `Material ${i}` });
    let running = 0;
    let most = 0;
    gateway.beforeWrite = async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running--;
    };
    await Promise.all([sync.drain(), sync.drain(), sync.drain()]);
    expect(most).toBe(1);
    expect(await outboxCount(db())).toBe(0);
  });

  it('pauses while a reindex builds its fresh index, leaving the rows for afterwards', async () => {
    await sync.drain();
    const id = await insertMaterial(db(), { title: 'Shared during a reindex' });
    await gateway.createIndex('materials_new_20260101T000000000');
    expect(await reindexInProgress(gateway, 'materials')).toBe(true);
    const result = await sync.drain();
    expect(result).toMatchObject({ upserted: 0, paused: true });
    expect(result.remaining).toBeGreaterThan(0);
    expect(indexed().has(id)).toBe(false);

    await gateway.deleteIndex('materials_new_20260101T000000000');
    expect(await sync.drain()).toMatchObject({ upserted: 1, remaining: 0, paused: false });
  });

  it('keeps the rows when a reindex started while it was writing', async () => {
    await sync.drain();
    await insertMaterial(db(), { title: 'Guide' });
    gateway.beforeWrite = async (method) => {
      if (method === 'addDocuments') {
        gateway.beforeWrite = () => {};
        await gateway.createIndex('materials_new_20260101T000000001');
      }
    };
    const result = await sync.drain();
    expect(result.paused).toBe(true);
    expect(result.remaining).toBeGreaterThan(0);
  });

  it('ignores a left-over fresh index of a reindex that crashed long ago', async () => {
    await sync.drain();
    gateway.clock = () => new Date(Date.now() - 60 * 60_000);
    await gateway.createIndex('materials_new_20250101T000000000');
    gateway.clock = () => new Date();
    await insertMaterial(db(), { title: 'Guide' });
    expect(await sync.drain()).toMatchObject({ upserted: 1, paused: false, remaining: 0 });
  });
});
