// Mapping materials to Meilisearch documents, from a real database (both drivers). No Meilisearch
// server is involved.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { materials, materialVersions, users } from '@/lib/db/schema';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { batchesOf, loadMaterialDocuments, maxIndexedTextLength, publishedDocuments, stampOf, type MaterialDocument } from './documents';
import { insertMaterial, organisation } from './testing/test-materials';

describe.each(testDrivers)('Meilisearch documents on %s', (driver) => {
  let hub: TestHub;
  let bristol: { id: string; slug: string; name: string };
  let id: string;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    bristol = await organisation(hub.services.db, 'bristol');
    const [user] = await hub.services.db
      .insert(users)
      .values({ email: 'sam.jones@bristol.gov.uk', name: 'Sam Jones', organisationId: bristol.id })
      .returning({ id: users.id });
    id = await insertMaterial(hub.services.db, {
      title: 'Bin \u0002collection\u0003 journey map',
      summary: 'How residents report a missed bin.',
      organisationId: bristol.id,
      visibility: 'councils',
      topics: ['housing'],
      tags: ['bins', 'waste'],
      text: 'Interview notes about missed bin collections. '.repeat(20_000),
    });
    await hub.services.db.update(materials).set({ createdBy: user!.id }).where(eq(materials.id, id));
    // A second version: the document describes the latest one.
    await hub.services.db.insert(materialVersions).values({
      materialId: id,
      versionNumber: 2,
      fileName: 'journey-map-v2.pdf',
      format: 'pdf',
      contentType: 'application/pdf',
      sizeBytes: 98_765,
      sha256: 'b'.repeat(64),
      storageKey: `materials/2026/02/${randomUUID()}`,
      textStatus: 'done',
      textContent: 'Version two text about missed bins.',
      createdBy: user!.id,
    });
  });
  afterAll(async () => hub?.close());

  async function documentOf(materialId: string): Promise<MaterialDocument> {
    const [document] = await loadMaterialDocuments(hub.services.db, [materialId]);
    return document!;
  }

  it('hold what search matches, filters and shows', async () => {
    const document = await documentOf(id);
    expect(document).toMatchObject({
      id,
      title: 'Bin collection journey map',
      summary: 'How residents report a missed bin.',
      tags: ['bins', 'waste'],
      topicLabels: ['Housing and homelessness'],
      councilName: bristol.name,
      councilSlug: 'bristol',
      text: 'Version two text about missed bins.',
      phases: ['discovery'],
      artefactType: 'playbook',
      kind: 'guidance',
      topics: ['housing'],
      licence: 'OGL-UK-3.0',
      visibility: 'councils',
      organisationId: bristol.id,
      status: 'published',
      fileName: 'journey-map-v2.pdf',
      format: 'pdf',
      sizeBytes: 98_765,
    });
    expect(document.createdAtIso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(document.createdAt).toBe(Math.floor(document.createdAt));
    expect(Math.abs(document.createdAt / 1000 - Date.parse(document.createdAtIso))).toBeLessThan(1);
    expect(document.stamp).toMatch(/^[0-9a-f]{16}$/);
  });

  it('hold no storage keys, checksums, uploaders, email addresses or other internal columns', async () => {
    const document = await documentOf(id);
    expect(Object.keys(document).sort()).toEqual(
      [
        'id', 'title', 'summary', 'tags', 'topicLabels', 'councilName', 'text', 'phases', 'artefactType', 'kind', 'topics',
        'councilSlug', 'licence', 'visibility', 'organisationId', 'status', 'createdAt', 'createdAtIso', 'publishedAt', 'updatedAt',
        'fileName', 'format', 'sizeBytes', 'stamp',
      ].sort(),
    );
    const json = JSON.stringify(document);
    for (const secret of ['materials/2026/', 'a'.repeat(64), 'b'.repeat(64), 'sam.jones@bristol.gov.uk', 'Sam Jones', 'internal.example', 'Internal attribution', 'seed-']) {
      expect(json).not.toContain(secret);
    }
  });

  it('keep at most as much text as Postgres indexes', async () => {
    const longId = await insertMaterial(hub.services.db, { title: 'Long', text: 'word '.repeat(200_000) });
    const document = await documentOf(longId);
    expect(document.text.length).toBe(maxIndexedTextLength);
  });

  it('change stamp when what the index holds changes, even if the row does not', async () => {
    const before = await documentOf(id);
    const again = await documentOf(id);
    expect(again.stamp).toBe(before.stamp);
    const { stamp: _stamp, ...rest } = before;
    expect(stampOf({ ...rest, councilName: 'Renamed' })).not.toBe(before.stamp);
  });

  it('load materials of any status; gone ones and bad ids are simply absent', async () => {
    const withdrawn = await insertMaterial(hub.services.db, { title: 'Withdrawn', status: 'withdrawn' });
    const documents = await loadMaterialDocuments(hub.services.db, [withdrawn, randomUUID(), 'not-a-uuid', withdrawn]);
    expect(documents.map((d) => [d.id, d.status])).toEqual([[withdrawn, 'withdrawn']]);
    expect(await loadMaterialDocuments(hub.services.db, [])).toEqual([]);
  });

  it('list every published material, page by page in id order', async () => {
    const extra = await Promise.all(Array.from({ length: 5 }, (_, i) => insertMaterial(hub.services.db, { title: `Page ${i}` })));
    const seen: string[] = [];
    let pages = 0;
    for await (const page of publishedDocuments(hub.services.db, 2)) {
      pages++;
      seen.push(...page.map((d) => d.id));
      expect(page.every((d) => d.status === 'published')).toBe(true);
    }
    expect(pages).toBeGreaterThan(2);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([id, ...extra]));
  });
});

describe('batchesOf', () => {
  it('cuts by count and by size, and sends an oversized document alone', () => {
    const small = { text: 'x'.repeat(10) };
    const big = { text: 'x'.repeat(1000) };
    expect(batchesOf([small, small, small], 2, 10_000).map((b) => b.length)).toEqual([2, 1]);
    expect(batchesOf([small, big, small, small], 100, 500).map((b) => b.length)).toEqual([1, 1, 2]);
    expect(batchesOf([], 2, 100)).toEqual([]);
  });
});
