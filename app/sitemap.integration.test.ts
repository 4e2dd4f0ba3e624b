import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { siteAddress } from '@/lib/open-data/site-address';
import { servicePages } from '@/lib/open-data/sitemap-entries';
import { materialsOfEveryKind, type SeededCouncil } from '@/lib/open-data/testing/materials-of-every-kind';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';

// sitemap.xml and robots.txt as Next.js calls them, on a hub with materials of every kind.
const state = vi.hoisted(() => ({ hub: undefined as unknown as TestHub }));
vi.mock('@/lib/runtime', () => ({ services: async () => state.hub.services }));

const { default: sitemap } = await import('./sitemap');
const { default: robots } = await import('./robots');

describe.each(testDrivers)('sitemap.xml and robots.txt on %s', (driver) => {
  let hub: TestHub;
  let councils: SeededCouncil[];

  beforeAll(async () => {
    hub = await createTestHub(driver);
    state.hub = hub;
    councils = await materialsOfEveryKind(hub, `sitemap${randomUUID().slice(0, 8)}`);
  });
  afterAll(async () => hub?.close());

  it('lists the service pages, councils with public materials and public, published materials only', async () => {
    const entries = await sitemap();
    const urls = entries.map((entry) => entry.url);
    const site = siteAddress();
    for (const path of servicePages) expect(urls).toContain(`${site}${path === '/' ? '/' : path}`);
    for (const council of councils) {
      expect(urls).toContain(`${site}/materials/${council.materials.public}`);
      for (const kind of ['councils', 'organisation', 'draft', 'withdrawn'] as const) {
        expect(urls).not.toContain(`${site}/materials/${council.materials[kind]}`);
      }
      expect(urls).toContain(`${site}/organisations/${council.slug}`);
    }
    // Councils with nothing public are not listed (the test hub has hundreds of councils).
    expect(urls.filter((url) => url.startsWith(`${site}/organisations/`))).toEqual(councils.map((c) => `${site}/organisations/${c.slug}`));
    expect(new Set(urls).size).toBe(urls.length);
    for (const entry of entries.filter((e) => e.url.includes('/materials/'))) expect(Date.parse(String(entry.lastModified))).not.toBeNaN();
  });

  it('robots.txt keeps crawlers out of private and endless addresses, and points to the sitemap', async () => {
    const rules = robots();
    expect(rules.sitemap).toBe(`${siteAddress()}/sitemap.xml`);
    const rule = Array.isArray(rules.rules) ? rules.rules[0]! : rules.rules;
    expect(rule.allow).toBe('/');
    for (const path of ['/account', '/admin', '/api/', '/sign-in', '/materials/*/download', '/search?', '/search/export.csv']) {
      expect(rule.disallow).toContain(path);
    }
    // What the sitemap lists is never disallowed.
    expect(rule.disallow).not.toContain('/search');
    expect(rule.disallow).not.toContain('/materials');
  });
});
