import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { anonymous, type Viewer } from '@/lib/auth/viewer';
import { parseManifest } from '@/lib/import/manifest';
import { person } from '@/lib/organisations/testing/fixtures';
import { searchExportCsv } from '@/lib/open-data/csv-export/search-export';
import { insertMaterial, materialsOfEveryKind, type MaterialKind, type SeededCouncil } from '@/lib/open-data/testing/materials-of-every-kind';
import { emptySearchQuery } from '@/lib/search/search-params';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';

// /search/export.csv as Next.js calls it: unlike the feeds, it follows the viewer, like the search page.
const state = vi.hoisted(() => ({ viewer: { kind: 'anonymous' } as Viewer, hub: undefined as unknown as TestHub }));
vi.mock('@/lib/sign-in/current-viewer', () => ({ currentViewer: async () => state.viewer }));
vi.mock('@/lib/runtime', () => ({ services: async () => state.hub.services }));

const { GET: exportCsv } = await import('./route');

describe.each(testDrivers)('CSV export of a search on %s', (driver) => {
  let hub: TestHub;
  let councils: SeededCouncil[];
  const word = `csvword${randomUUID().slice(0, 8)}`;
  const viewers = {} as Record<'anonymous' | 'bristolMember' | 'leedsMember' | 'siteAdmin', Viewer>;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    state.hub = hub;
    councils = await materialsOfEveryKind(hub, word);
    viewers.anonymous = anonymous;
    viewers.bristolMember = (await person(hub, { organisation: councils[0]! })).viewer;
    viewers.leedsMember = (await person(hub, { organisation: councils[1]! })).viewer;
    viewers.siteAdmin = (await person(hub, { isSiteAdmin: true })).viewer;
  });
  afterAll(async () => hub?.close());

  async function download(viewer: Viewer, query: string) {
    state.viewer = viewer;
    const response = await exportCsv(new Request(`http://hub.test/search/export.csv?${query}`));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="discovery-commons-search.csv"');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    return parseManifest(await response.text());
  }

  const titles = (kinds: [number, MaterialKind][]) => kinds.map(([c, kind]) => `${councils[c]!.slug} ${kind} ${word} guide`).sort();

  it('holds what the viewer may see, as the search page does, and reads back as an import manifest', async () => {
    const expected: Record<keyof typeof viewers, [number, MaterialKind][]> = {
      anonymous: [[0, 'public'], [1, 'public']],
      bristolMember: [[0, 'public'], [0, 'councils'], [0, 'organisation'], [1, 'public'], [1, 'councils']],
      leedsMember: [[0, 'public'], [0, 'councils'], [1, 'public'], [1, 'councils'], [1, 'organisation']],
      siteAdmin: [[0, 'public'], [0, 'councils'], [0, 'organisation'], [1, 'public'], [1, 'councils'], [1, 'organisation']],
    };
    for (const [who, kinds] of Object.entries(expected) as [keyof typeof viewers, [number, MaterialKind][]][]) {
      const manifest = await download(viewers[who], `q=${word}`);
      expect(manifest.rows.map((row) => row.title).sort(), who).toEqual(titles(kinds));
    }
    const manifest = await download(viewers.anonymous, `q=${word}&council=bristol`);
    // Every column is one the import reads: no warnings about unknown columns.
    expect(manifest.warnings).toEqual([]);
    expect(manifest.columns).toEqual(['file', 'title', 'summary', 'phases', 'artefact_type', 'kind', 'topics', 'tags', 'council', 'licence', 'source_url', 'sha256', 'attribution']);
    const [row] = manifest.rows;
    expect(row).toMatchObject({
      file: 'guide.pdf',
      title: `bristol public ${word} guide`,
      summary: `About bristol public ${word} guide.`,
      phases: { value: 'discovery' },
      artefactType: { value: 'discussion-guide' },
      kind: { value: 'template' },
      topics: { value: 'housing' },
      council: 'bristol',
      licence: 'OGL-UK-3.0',
    });
    expect(row!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('makes formulas in titles inert', async () => {
    const title = `=HYPERLINK("https://evil.example","${word} click")`;
    await insertMaterial(hub, { title, summary: '@SUM(1+1)', organisationId: councils[1]!.id, visibility: 'public', status: 'published' });
    const manifest = await download(viewers.anonymous, `q=${word}&council=leeds`);
    const row = manifest.rows.find((r) => r.title.includes('HYPERLINK'))!;
    expect(row.title).toBe(`'${title}`);
    expect(row.summary).toBe("'@SUM(1+1)");
  });

  it('goes past the first page of results, and stops at its limit', async () => {
    const many = `many${randomUUID().slice(0, 8)}`;
    for (let n = 0; n < 55; n += 1) {
      await insertMaterial(hub, { title: `${many} ${n}`, organisationId: councils[0]!.id, visibility: 'public', status: 'published' });
    }
    const all = await download(viewers.anonymous, `q=${many}`);
    expect(all.rows).toHaveLength(55);
    expect(new Set(all.rows.map((r) => r.title)).size).toBe(55);

    let text = '';
    for await (const piece of searchExportCsv(hub.services, anonymous, { ...emptySearchQuery(), text: many }, 52)) text += piece;
    expect(parseManifest(text).rows).toHaveLength(52);
  });
});
