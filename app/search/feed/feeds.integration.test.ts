import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/viewer';
import { person } from '@/lib/organisations/testing/fixtures';
import { siteAddress } from '@/lib/open-data/site-address';
import { childrenNamed, childText, readXml, type XmlElement } from '@/lib/open-data/testing/read-xml';
import { insertMaterial, materialsOfEveryKind, type SeededCouncil } from '@/lib/open-data/testing/materials-of-every-kind';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';

// The Atom feeds, called as Next.js calls them. The session is a site admin's, who may see
// everything: the feeds must still hold public, published materials only, since they never read it.
const state = vi.hoisted(() => ({ viewer: { kind: 'anonymous' } as Viewer, hub: undefined as unknown as TestHub }));
vi.mock('@/lib/sign-in/current-viewer', () => ({ currentViewer: async () => state.viewer }));
vi.mock('@/lib/runtime', () => ({ services: async () => state.hub.services }));

const { GET: searchFeed } = await import('./route');
const { GET: organisationFeed } = await import('@/app/organisations/[slug]/feed/route');

const atom = (name: string) => `{http://www.w3.org/2005/Atom}${name}`;
// A Host header an attacker chose: no link in a feed may point there.
const request = (path: string) => new Request(`http://evil.example${path}`, { headers: { host: 'evil.example' } });

async function read(response: Response): Promise<{ feed: XmlElement; body: string; titles: string[] }> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  const body = await response.text();
  const feed = readXml(body);
  const titles = childrenNamed(feed, atom('entry')).map((entry) => childText(entry, atom('title'))!);
  return { feed, body, titles: titles.sort() };
}

describe.each(testDrivers)('Atom feeds on %s', (driver) => {
  let hub: TestHub;
  let councils: SeededCouncil[];
  const word = `feedword${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    state.hub = hub;
    councils = await materialsOfEveryKind(hub, word);
    state.viewer = (await person(hub, { isSiteAdmin: true })).viewer;
  });
  afterAll(async () => hub?.close());

  it('a search feed holds only public, published materials, whoever asks', async () => {
    const { feed, body, titles } = await read(await searchFeed(request(`/search/feed?q=${word}`)));
    expect(titles).toEqual([`bristol public ${word} guide`, `leeds public ${word} guide`]);
    expect(body).not.toMatch(/councils feedword|organisation feedword|draft feedword|withdrawn feedword/);
    expect(childText(feed, atom('title'))).toBe(`Newest public materials matching “${word}” – Discovery Commons`);
    // Every address is the hub's own (NEXTAUTH_URL), never the Host header.
    expect(body).not.toContain('evil.example');
    expect(childText(feed, atom('id'))).toBe(`${siteAddress()}/search/feed?q=${word}`);
    const [entry] = childrenNamed(feed, atom('entry')).filter((e) => childText(e, atom('title'))!.startsWith('bristol'));
    const page = `${siteAddress()}/materials/${councils[0]!.materials.public}`;
    expect(childText(entry!, atom('id'))).toBe(page);
    expect(childrenNamed(entry!, atom('link'))[0]!.attributes.href).toBe(page);
    expect(childrenNamed(entry!, atom('author'))[0]!.children[0]!.text).toBe(councils[0]!.name);
    expect(childText(entry!, atom('summary'))).toBe(`About bristol public ${word} guide.`);
    expect(childrenNamed(entry!, atom('category')).map((c) => [c.attributes.term, c.attributes.label])).toEqual([
      ['discovery', 'Discovery'],
      ['discussion-guide', 'Interview or discussion guide'],
      ['housing', 'Housing and homelessness'],
    ]);
    const published = Date.parse(childText(entry!, atom('published'))!);
    expect(published).not.toBeNaN();
    expect(Date.parse(childText(entry!, atom('updated'))!)).toBeGreaterThanOrEqual(published);
  });

  it("a search feed takes the search page's filters, and ignores what that page would not accept", async () => {
    const leeds = await read(await searchFeed(request(`/search/feed?q=${word}&council=leeds&phase=not-a-phase&page=7&sort=relevance`)));
    expect(leeds.titles).toEqual([`leeds public ${word} guide`]);
    expect(childText(leeds.feed, atom('title'))).toContain(`(${councils[1]!.name})`);
    const none = await read(await searchFeed(request(`/search/feed?q=${word}&type=persona`)));
    expect(none.titles).toEqual([]);
    expect(Date.parse(childText(none.feed, atom('updated'))!)).not.toBeNaN();
  });

  it('a council feed holds only its public, published materials, newest first', async () => {
    const bristol = councils[0]!;
    const newer = await insertMaterial(hub, {
      title: `bristol newest ${word} guide`,
      organisationId: bristol.id,
      visibility: 'public',
      status: 'published',
      createdAt: new Date(Date.now() + 60_000),
    });
    const { feed, titles } = await read(await organisationFeed(request('/organisations/bristol/feed'), { params: Promise.resolve({ slug: 'bristol' }) }));
    expect(titles).toEqual([`bristol newest ${word} guide`, `bristol public ${word} guide`]);
    expect(childText(childrenNamed(feed, atom('entry'))[0]!, atom('id'))).toBe(`${siteAddress()}/materials/${newer}`);
    expect(childrenNamed(feed, atom('link')).map((l) => l.attributes.href)).toEqual([
      `${siteAddress()}/organisations/bristol/feed`,
      `${siteAddress()}/organisations/bristol`,
    ]);
  });

  it('a council that does not exist has no feed', async () => {
    for (const slug of ['no-such-council', '../admin', 'BRISTOL']) {
      const response = await organisationFeed(request(`/organisations/${slug}/feed`), { params: Promise.resolve({ slug }) });
      expect(response.status).toBe(404);
    }
  });

  it('a hostile title stays text, and the feed stays well-formed', async () => {
    const hostile = `<script>alert(1)</script> ]]> & ${word} \u0001\u0008 “quoted”`;
    await insertMaterial(hub, { title: hostile, summary: '<b>&amp;</b>', organisationId: councils[1]!.id, visibility: 'public', status: 'published' });
    const { titles, body } = await read(await searchFeed(request(`/search/feed?q=${word}&council=leeds`)));
    expect(titles).toContain(`<script>alert(1)</script> ]]> & ${word}  “quoted”`);
    expect(body).not.toContain('<script>');
  });
});
