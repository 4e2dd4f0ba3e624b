// Reindex and reconcile against a real database (both drivers) with a stand-in Meilisearch: mock
// because no Meilisearch server can run on this machine.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { materials, organisations } from '@/lib/db/schema';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { describeDrift, findDrift, reconcile } from './reconcile';
import { reindex, ReindexRunningError } from './reindex';
import { StandInGateway } from './testing/stand-in-gateway';
import { outboxCount, SearchSync } from './sync';
import { insertMaterial, organisation } from './testing/test-materials';

describe.each(testDrivers)('reindex and reconcile on %s', (driver) => {
  let hub: TestHub;
  let gateway: StandInGateway;
  let bristol: { id: string; slug: string; name: string };
  const db = () => hub.services.db;
  const indexedIds = (uid = 'materials') => gateway.documents(uid).map((d) => String(d.id)).sort();

  beforeAll(async () => {
    hub = await createTestHub(driver);
    bristol = await organisation(db(), 'bristol');
  });
  afterAll(async () => hub?.close());
  beforeEach(async () => {
    gateway = new StandInGateway();
    await db().execute(sql`DELETE FROM materials`);
    await db().execute(sql`DELETE FROM search_outbox`);
  });

  describe('reindex', () => {
    it('builds a fresh index, swaps it in and deletes the old one', async () => {
      const a = await insertMaterial(db(), { title: 'A' });
      const b = await insertMaterial(db(), { title: 'B', visibility: 'organisation', organisationId: bristol.id });
      await insertMaterial(db(), { title: 'Withdrawn', status: 'withdrawn' });
      await gateway.createIndex('materials');
      await gateway.addDocuments('materials', [{ id: 'stale-document', title: 'Gone long ago' }]);

      const result = await reindex(gateway, db(), 'materials', { now: new Date('2026-05-01T09:30:12.123Z') });
      expect(result).toMatchObject({ index: 'materials', documents: 2, removedLeftovers: [] });
      expect(indexedIds()).toEqual([a, b].sort());
      // The projects index beside it is rebuilt the same way (created here, as there was none).
      expect([...gateway.indexes.keys()].sort()).toEqual(['materials', 'materials_projects']);
      expect(gateway.calls.map((c) => c.method).filter((m) => ['createIndex', 'updateSettings', 'swapIndexes', 'deleteIndex'].includes(m))).toEqual([
        'createIndex',
        'createIndex',
        'updateSettings',
        'swapIndexes',
        'deleteIndex',
        'createIndex',
        'updateSettings',
        'createIndex',
        'swapIndexes',
        'deleteIndex',
      ]);
      expect(gateway.calls.find((c) => c.method === 'swapIndexes')?.argument).toEqual(['materials', 'materials_new_20260501T093012123']);
      expect(gateway.indexes.get('materials')?.settings.sortableAttributes).toEqual(['createdAt', 'id']);
    });

    it('creates the live index when there is none yet', async () => {
      const a = await insertMaterial(db(), { title: 'A' });
      await reindex(gateway, db(), 'materials');
      expect(indexedIds()).toEqual([a]);
    });

    it('leaves the live index untouched and removes its fresh index when a step fails', async () => {
      const a = await insertMaterial(db(), { title: 'A' });
      await gateway.createIndex('materials');
      await gateway.addDocuments('materials', [{ id: a, title: 'Old copy' }]);
      gateway.failNext('addDocuments', 'payload too large');
      await expect(reindex(gateway, db(), 'materials')).rejects.toThrow(/payload too large/);
      expect([...gateway.indexes.keys()]).toEqual(['materials']);
      expect(gateway.documents('materials')).toEqual([{ id: a, title: 'Old copy' }]);
    });

    it('refuses to run beside another reindex, and clears the leftovers of a crashed one', async () => {
      await gateway.createIndex('materials_new_20260101T000000000');
      await expect(reindex(gateway, db(), 'materials')).rejects.toThrow(ReindexRunningError);
      const result = await reindex(gateway, db(), 'materials', { now: new Date(Date.now() + 60 * 60_000) });
      expect(result.removedLeftovers).toEqual(['materials_new_20260101T000000000']);
      expect([...gateway.indexes.keys()].sort()).toEqual(['materials', 'materials_projects']);
    });

    it('leaves the changes made meanwhile in the outbox, drained into the new index afterwards', async () => {
      const sync = new SearchSync(gateway, db(), 'materials');
      await sync.drain();
      const a = await insertMaterial(db(), { title: 'Before' });
      await sync.drain();
      let changed = false;
      gateway.beforeWrite = async (method) => {
        if (method === 'addDocuments' && !changed) {
          changed = true;
          // The first batch was read already; this edit lands while the fresh index fills, and a
          // drain in the middle of it pauses.
          await db().update(materials).set({ title: 'Edited during the reindex' }).where(eq(materials.id, a));
          expect(await sync.drain()).toMatchObject({ paused: true });
        }
      };
      await reindex(gateway, db(), 'materials');
      gateway.beforeWrite = () => {};
      expect(await outboxCount(db())).toBeGreaterThan(0);
      await sync.drain();
      expect(gateway.documents('materials').find((d) => d.id === a)?.title).toBe('Edited during the reindex');
    });
  });

  describe('reconcile', () => {
    it('reports missing, stale and extra documents in plain words, and changes nothing without --repair', async () => {
      const missing = await insertMaterial(db(), { title: 'Missing' });
      const stale = await insertMaterial(db(), { title: 'Stale', organisationId: bristol.id });
      const fine = await insertMaterial(db(), { title: 'Fine' });
      const withdrawn = await insertMaterial(db(), { title: 'Withdrawn' });
      await reindex(gateway, db(), 'materials');
      gateway.indexes.get('materials')!.documents.delete(missing);
      await db().update(organisations).set({ name: 'Renamed council' }).where(eq(organisations.id, bristol.id));
      await db().update(materials).set({ status: 'withdrawn' }).where(eq(materials.id, withdrawn));
      try {
        const before = JSON.stringify(gateway.documents('materials'));
        const result = await reconcile(gateway, db(), 'materials', { repair: false });
        expect(result).toMatchObject({ missing: [missing], stale: [stale], extra: [withdrawn], databaseCount: 3, indexCount: 3, repaired: false });
        expect(JSON.stringify(gateway.documents('materials'))).toBe(before);
        expect(describeDrift(result, 'materials')).toEqual([
          'The database has 3 published materials; the index materials has 3 documents.',
          `1 published material is missing from the index: ${missing}`,
          `1 document is out of date in the index: ${stale}`,
          `1 document is in the index for materials that are withdrawn or no longer exist: ${withdrawn}`,
        ]);

        const repaired = await reconcile(gateway, db(), 'materials', { repair: true });
        expect(repaired.repaired).toBe(true);
        expect(indexedIds()).toEqual([missing, stale, fine].sort());
        expect(gateway.documents('materials').find((d) => d.id === stale)?.councilName).toBe('Renamed council');
        const after = await findDrift(gateway, db(), 'materials');
        expect(after).toMatchObject({ missing: [], stale: [], extra: [] });
        expect(describeDrift(after, 'materials').at(-1)).toBe('They match: nothing is missing, out of date or extra.');
      } finally {
        await db().update(organisations).set({ name: bristol.name }).where(eq(organisations.id, bristol.id));
      }
    });

    it('reads the index page by page', async () => {
      const ids = await Promise.all(Array.from({ length: 3 }, (_, i) => insertMaterial(db(), { title: `M${i}` })));
      await reindex(gateway, db(), 'materials');
      const drift = await findDrift(gateway, db(), 'materials');
      expect(drift.indexCount).toBe(ids.length);
      expect(gateway.calls.filter((c) => c.method === 'getDocuments').every((c) => (c.argument as { fields: string[] }).fields.includes('stamp'))).toBe(true);
    });
  });
});
