import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Visibility } from '@/lib/auth/viewer';
import { makeKit } from '@/lib/kits/make-kit';
import { siteAddress } from '@/lib/open-data/site-address';
import { council, person } from '@/lib/organisations/testing/fixtures';
import { registerProject } from '@/lib/projects/register-project';
import { projectAnswers } from '@/lib/projects/testing/fixtures';
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

  it('lists public projects and kits, and no others', async () => {
    const maker = (await person(hub, { organisation: await council(hub, 'bristol') })).viewer;
    const projects = {} as Record<Visibility, string>;
    const kits = {} as Record<Visibility, string>;
    for (const visibility of ['public', 'councils', 'organisation'] as const) {
      projects[visibility] = (await registerProject(hub.services, maker, projectAnswers({ visibility }))).id;
      kits[visibility] = (await makeKit(hub.services, maker, { title: `A ${visibility} kit`, visibility })).id;
    }
    const site = siteAddress();
    const urls = (await sitemap()).map((entry) => entry.url);
    expect(urls).toContain(`${site}/projects/${projects.public}`);
    expect(urls).toContain(`${site}/kits/${kits.public}`);
    for (const visibility of ['councils', 'organisation'] as const) {
      expect(urls).not.toContain(`${site}/projects/${projects[visibility]}`);
      expect(urls).not.toContain(`${site}/kits/${kits[visibility]}`);
    }
    expect(new Set(urls).size).toBe(urls.length);
  });

  it('robots.txt keeps crawlers out of private and endless addresses, and points to the sitemap', async () => {
    const rules = robots();
    expect(rules.sitemap).toBe(`${siteAddress()}/sitemap.xml`);
    const rule = Array.isArray(rules.rules) ? rules.rules[0]! : rules.rules;
    expect(rule.allow).toBe('/');
    for (const path of ['/account', '/admin', '/api/', '/sign-in', '/materials/*/download', '/kits/*/download', '/projects/new', '/search?', '/search/export.csv']) {
      expect(rule.disallow).toContain(path);
    }
    // What the sitemap lists is never disallowed.
    expect(rule.disallow).not.toContain('/search');
    expect(rule.disallow).not.toContain('/materials');
    expect(rule.disallow).not.toContain('/projects');
    expect(rule.disallow).not.toContain('/kits');
  });
});
