import { randomUUID } from 'node:crypto';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/viewer';
import { person } from '@/lib/organisations/testing/fixtures';
import { publicCatalogueRecords, type CatalogueRecord } from '@/lib/open-data/catalogue/catalogue-records';
import { siteAddress } from '@/lib/open-data/site-address';
import { materialsOfEveryKind, type SeededCouncil } from '@/lib/open-data/testing/materials-of-every-kind';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';

// The DCAT catalogue routes as Next.js calls them. The session is a site admin's: the catalogue must
// still hold public, published materials only, since it never reads the session.
const state = vi.hoisted(() => ({ viewer: { kind: 'anonymous' } as Viewer, hub: undefined as unknown as TestHub }));
vi.mock('@/lib/sign-in/current-viewer', () => ({ currentViewer: async () => state.viewer }));
vi.mock('@/lib/runtime', () => ({ services: async () => state.hub.services }));

const { GET: jsonLd } = await import('./route');
const { GET: turtle } = await import('@/app/catalog.ttl/route');

const dataset = 'http://www.w3.org/ns/dcat#dataset';

describe.each(testDrivers)('the data catalogue on %s', (driver) => {
  let hub: TestHub;
  let councils: SeededCouncil[];

  beforeAll(async () => {
    hub = await createTestHub(driver);
    state.hub = hub;
    councils = await materialsOfEveryKind(hub, `catalogue${randomUUID().slice(0, 8)}`);
    state.viewer = (await person(hub, { isSiteAdmin: true })).viewer;
  });
  afterAll(async () => hub?.close());

  const page = (id: string) => `${siteAddress()}/materials/${id}`;

  it('lists public, published materials only, in JSON-LD and in Turtle alike', async () => {
    const jsonResponse = await jsonLd(new Request('http://evil.example/catalog.jsonld'));
    expect(jsonResponse.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    const data = JSON.parse(await jsonResponse.text()) as { '@type': string; 'dcat:dataset': { '@id': string }[] };
    expect(data['@type']).toBe('dcat:Catalog');
    const fromJson = data['dcat:dataset'].map((d) => d['@id']);

    const turtleResponse = await turtle(new Request('http://evil.example/catalog.ttl'));
    expect(turtleResponse.headers.get('content-type')).toBe('text/turtle; charset=utf-8');
    const quads = new Parser({ format: 'text/turtle' }).parse(await turtleResponse.text());
    const fromTurtle = quads.filter((q) => q.predicate.value === dataset).map((q) => q.object.value);

    // The test hub holds only these councils' materials (no starter kit).
    const expected = councils.map((c) => page(c.materials.public)).sort();
    expect(fromJson.sort()).toEqual(expected);
    expect(fromTurtle.sort()).toEqual(expected);
    for (const council of councils) {
      for (const kind of ['councils', 'organisation', 'draft', 'withdrawn'] as const) {
        expect(quads.some((q) => q.subject.value.includes(council.materials[kind]) || q.object.value.includes(council.materials[kind]))).toBe(false);
      }
    }
  });

  it('reads the database a page at a time, and misses nothing between pages', async () => {
    const ids: string[] = [];
    for await (const record of publicCatalogueRecords(hub.services, 1)) ids.push(record.id);
    expect(ids.sort()).toEqual(councils.map((c) => c.materials.public).sort());
    let first: CatalogueRecord | undefined;
    for await (const record of publicCatalogueRecords(hub.services)) first ??= record;
    expect(first).toMatchObject({ file: { versionNumber: 1, mediaType: 'application/pdf', formatLabel: 'PDF', byteSize: 2048 }, licence: { spdx: 'OGL-UK-3.0' } });
    expect(first!.publisher?.gssCode).toMatch(/^E0\d{7}$/);
  });
});
