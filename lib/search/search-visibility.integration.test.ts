import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Viewer } from '@/lib/auth/viewer';
import { materials, materialVersions, organisations } from '@/lib/db/schema';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { searchMaterials } from './index';
import { emptySearchQuery } from './search-params';

// Two councils, each with a material of every visibility, plus a withdrawn one. Each council must be
// refused the other's private material, in hits and in every facet count.
describe.each(testDrivers)('search applies the visibility rules on %s', (driver) => {
  let hub: TestHub;
  const councils: Record<'bristol' | 'leeds', { id: string; slug: string; name: string }> = {} as never;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    for (const slug of ['bristol', 'leeds'] as const) {
      const [row] = await hub.services.db.select().from(organisations).where(eq(organisations.slug, slug));
      councils[slug] = { id: row!.id, slug, name: row!.name };
      for (const visibility of ['public', 'councils', 'organisation']) {
        await insert(`${slug} ${visibility} housing guide`, visibility, row!.id);
      }
      await insert(`${slug} withdrawn housing guide`, 'public', row!.id, 'withdrawn');
    }
  });
  afterAll(async () => hub?.close());

  async function insert(title: string, visibility: string, organisationId: string, status = 'published') {
    const [m] = await hub.services.db
      .insert(materials)
      .values({
        title,
        visibility,
        status,
        organisationId,
        phases: ['discovery'],
        // Private materials are consent forms, so counts per type show whose private ones are counted.
        artefactType: visibility === 'organisation' ? 'consent-form' : 'playbook',
        kind: 'guidance',
        licence: 'OGL-UK-3.0',
        topics: ['housing'],
      })
      .returning({ id: materials.id });
    await hub.services.db.insert(materialVersions).values({
      materialId: m!.id,
      versionNumber: 1,
      fileName: 'guide.txt',
      format: 'txt',
      contentType: 'text/plain',
      sizeBytes: 10,
      sha256: 'x'.repeat(64),
      storageKey: `materials/2026/01/${randomUUID()}`,
    });
  }

  const member = (slug: 'bristol' | 'leeds', extra: Partial<Extract<Viewer, { kind: 'user' }>> = {}): Viewer => ({
    kind: 'user',
    userId: randomUUID(),
    name: 'Sam',
    organisation: councils[slug],
    role: 'member',
    isSiteAdmin: false,
    ...extra,
  });

  async function titlesFor(viewer: Viewer, text = 'housing', filters = {}) {
    const results = await searchMaterials(hub.services, viewer, { ...emptySearchQuery(), text, filters: { ...emptySearchQuery().filters, ...filters } });
    const councilCounts = Object.fromEntries(results.facets.councils.map((f) => [f.value, f.count]));
    const topicCount = results.facets.topics.find((f) => f.value === 'housing')?.count ?? 0;
    return { titles: results.hits.map((h) => h.title).sort(), total: results.total, councilCounts, topicCount };
  }

  it('anonymous people see public materials only', async () => {
    const seen = await titlesFor(anonymous);
    expect(seen.titles).toEqual(['bristol public housing guide', 'leeds public housing guide']);
    expect(seen.councilCounts).toEqual({ bristol: 1, leeds: 1 });
    expect(seen.topicCount).toBe(2);
  });

  it("a member sees public, all councils' shared, and their own council's private materials", async () => {
    const seen = await titlesFor(member('bristol'));
    expect(seen.titles).toEqual([
      'bristol councils housing guide',
      'bristol organisation housing guide',
      'bristol public housing guide',
      'leeds councils housing guide',
      'leeds public housing guide',
    ]);
    expect(seen.councilCounts).toEqual({ bristol: 3, leeds: 2 });
    expect(seen.topicCount).toBe(5);

    const other = await titlesFor(member('leeds'));
    expect(other.titles).not.toContain('bristol organisation housing guide');
    expect(other.councilCounts).toEqual({ bristol: 2, leeds: 3 });
  });

  it('filtering on the other council does not reveal its private materials', async () => {
    const seen = await titlesFor(member('leeds'), 'housing', { councils: ['bristol'] });
    expect(seen.titles).toEqual(['bristol councils housing guide', 'bristol public housing guide']);
    expect(seen.total).toBe(2);
  });

  it('hostile filter values add no hits', async () => {
    for (const value of ['x" OR visibility = "public', "x' OR m.visibility = 'organisation", 'bristol\\']) {
      const seen = await titlesFor(anonymous, '', { councils: [value] });
      expect(seen.total).toBe(0);
    }
  });

  it('withdrawn materials are in nobody’s search, not even their own council’s or a site admin’s', async () => {
    for (const viewer of [member('bristol'), member('bristol', { role: 'org_admin' }), member('leeds', { isSiteAdmin: true })]) {
      const seen = await titlesFor(viewer);
      expect(seen.titles.some((t) => t.includes('withdrawn'))).toBe(false);
    }
  });

  it('counts per type of material (browsing from the home page) include only what each viewer may see', async () => {
    const typeCounts = async (viewer: Viewer) => {
      const results = await searchMaterials(hub.services, viewer, emptySearchQuery());
      return Object.fromEntries(results.facets.artefactTypes.map((f) => [f.value, f.count]));
    };
    expect(await typeCounts(anonymous)).toEqual({ playbook: 2 });
    expect(await typeCounts(member('bristol'))).toEqual({ playbook: 4, 'consent-form': 1 });
    expect(await typeCounts(member('leeds'))).toEqual({ playbook: 4, 'consent-form': 1 });
    expect(await typeCounts(member('leeds', { isSiteAdmin: true }))).toEqual({ playbook: 4, 'consent-form': 2 });
  });

  it('a site admin sees every published material', async () => {
    const seen = await titlesFor({ kind: 'user', userId: randomUUID(), name: 'Admin', organisation: null, role: 'member', isSiteAdmin: true });
    expect(seen.total).toBe(6);
  });
});
