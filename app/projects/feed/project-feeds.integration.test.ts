import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Viewer, Visibility } from '@/lib/auth/viewer';
import { insertMaterial } from '@/lib/commitments/testing/fixtures';
import { childrenNamed, childText, readXml, type XmlElement } from '@/lib/open-data/testing/read-xml';
import { siteAddress } from '@/lib/open-data/site-address';
import { council, person } from '@/lib/organisations/testing/fixtures';
import { answerProjectInvitation } from '@/lib/projects/answer-project-invitation';
import { inviteProjectPartner } from '@/lib/projects/invite-project-partner';
import { postProjectUpdate } from '@/lib/projects/post-project-update';
import { registerProject } from '@/lib/projects/register-project';
import { projectAnswers } from '@/lib/projects/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';

// The projects' Atom feeds, called as Next.js calls them and read back with a real XML parser (saxes).
// The session is a site admin's, who may see everything: the feeds must still hold public projects
// and public materials only, since they never read it.
const state = vi.hoisted(() => ({ viewer: { kind: 'anonymous' } as Viewer, hub: undefined as unknown as TestHub }));
vi.mock('@/lib/sign-in/current-viewer', () => ({ currentViewer: async () => state.viewer }));
vi.mock('@/lib/runtime', () => ({ services: async () => state.hub.services }));

const { GET: projectsFeed } = await import('./route');
const { GET: projectFeed } = await import('../[id]/feed/route');

const atom = (name: string) => `{http://www.w3.org/2005/Atom}${name}`;
// A Host header an attacker chose: no link in a feed may point there.
const request = (path: string) => new Request(`http://evil.example${path}`, { headers: { host: 'evil.example' } });
const forProject = (id: string) => projectFeed(request(`/projects/${id}/feed`), { params: Promise.resolve({ id }) });

async function read(response: Response): Promise<{ feed: XmlElement; body: string; titles: string[]; entries: XmlElement[] }> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  const body = await response.text();
  const feed = readXml(body);
  const entries = childrenNamed(feed, atom('entry'));
  return { feed, body, entries, titles: entries.map((entry) => childText(entry, atom('title'))!) };
}

describe.each(testDrivers)('project feeds on %s', (driver) => {
  let hub: TestHub;
  const projects = {} as Record<Visibility, string>;
  let publicMaterial: string;
  let privateMaterial: string;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    state.hub = hub;
    const [bristol, leeds] = await Promise.all([council(hub, 'bristol'), council(hub, 'leeds')]);
    const registrar = (await person(hub, { organisation: bristol, name: 'Sam Jones' })).viewer;
    const partner = (await person(hub, { organisation: leeds })).viewer;
    publicMaterial = await insertMaterial(hub, { organisationId: bristol.id, title: 'Bins interview guide' });
    privateMaterial = await insertMaterial(hub, { organisationId: bristol.id, visibility: 'organisation', title: 'Private interview notes' });
    for (const visibility of ['public', 'councils', 'organisation'] as const) {
      const { id } = await registerProject(hub.services, registrar, projectAnswers({ visibility, name: `A ${visibility} project`, summary: `Secret plans of the ${visibility} project`, topics: ['housing'] }));
      await postProjectUpdate(hub.services, registrar, id, { body: `Interviews done on the ${visibility} project`, phase: 'alpha', materials: [publicMaterial, privateMaterial], link1Title: 'Weeknote', link1Url: 'https://example.org/weeknote-1' });
      projects[visibility] = id;
    }
    await inviteProjectPartner(hub.services, registrar, projects.public, { council: 'leeds' });
    await answerProjectInvitation(hub.services, partner, projects.public, 'accept');
    await postProjectUpdate(hub.services, partner, projects.public, { body: '<script>alert(1)</script> & ]]> Leeds joined the research' });
    state.viewer = (await person(hub, { isSiteAdmin: true })).viewer;
  });
  afterAll(async () => hub?.close());

  it('the projects feed lists public projects only, whoever asks, with links on the hub’s own address', async () => {
    const { feed, body, titles, entries } = await read(await projectsFeed(request('/projects/feed')));
    expect(titles).toEqual(['A public project']);
    expect(body).not.toMatch(/councils project|organisation project|Private interview notes/);
    expect(body).not.toContain('evil.example');
    expect(childText(feed, atom('title'))).toBe('Public projects – Discovery Commons');
    expect(childrenNamed(feed, atom('link')).map((l) => l.attributes.href)).toEqual([`${siteAddress()}/projects/feed`, `${siteAddress()}/projects`]);
    const page = `${siteAddress()}/projects/${projects.public}`;
    expect(childText(entries[0]!, atom('id'))).toBe(page);
    expect(childrenNamed(entries[0]!, atom('link'))[0]!.attributes.href).toBe(page);
    expect(childText(entries[0]!, atom('summary'))).toBe('Secret plans of the public project');
    expect(childrenNamed(entries[0]!, atom('author'))[0]!.children[0]!.text).toBe((await council(hub, 'bristol')).name);
    expect(childrenNamed(entries[0]!, atom('category')).map((c) => c.attributes.term)).toEqual(['alpha', 'sharing', 'partners']);
    expect(Date.parse(childText(entries[0]!, atom('updated'))!)).not.toBeNaN();
  });

  it("the projects feed takes /projects' filters, and ignores what that page would not accept", async () => {
    const alpha = await read(await projectsFeed(request('/projects/feed?phase=alpha&topic=housing&page=3')));
    expect(alpha.titles).toEqual(['A public project']);
    expect(childText(alpha.feed, atom('title'))).toBe('Public projects (Alpha, Housing and homelessness) – Discovery Commons');
    expect(childText(alpha.feed, atom('id'))).toBe(`${siteAddress()}/projects/feed?phase=alpha&topic=housing`);
    expect((await read(await projectsFeed(request('/projects/feed?council=leeds')))).titles).toEqual([]);
    expect((await read(await projectsFeed(request('/projects/feed?phase=discovery')))).titles).toEqual([]);
    expect((await read(await projectsFeed(request('/projects/feed?phase=not-a-phase&status=%22%20OR%201=1')))).titles).toEqual(['A public project']);
  });

  it('a public project’s feed holds its updates, newest first, naming only public materials', async () => {
    const { feed, body, entries } = await read(await forProject(projects.public));
    const page = `${siteAddress()}/projects/${projects.public}`;
    expect(childText(feed, atom('title'))).toBe('Updates on A public project – Discovery Commons');
    expect(childrenNamed(feed, atom('link')).map((l) => l.attributes.href)).toEqual([`${page}/feed`, page]);
    expect(entries).toHaveLength(2);
    const [leedsUpdate, moved] = entries as [XmlElement, XmlElement];
    expect(childText(leedsUpdate, atom('summary'))).toBe('<script>alert(1)</script> & ]]> Leeds joined the research');
    expect(body).not.toContain('<script>');
    expect(childText(leedsUpdate, atom('title'))).toMatch(/^Update from Leeds/);
    expect(childText(moved, atom('title'))).toMatch(/^Moved to Alpha from Bristol/);
    expect(childText(moved, atom('id'))).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(childrenNamed(moved, atom('link'))[0]!.attributes.href).toMatch(new RegExp(`^${page}#update-[0-9a-f-]{36}$`));
    const summary = childText(moved, atom('summary'))!;
    expect(summary).toContain('Interviews done on the public project');
    expect(summary).toContain('Weeknote: https://example.org/weeknote-1');
    expect(summary).toContain(`Bins interview guide: ${siteAddress()}/materials/${publicMaterial}`);
    expect(body).not.toContain('Private interview notes');
    expect(body).not.toContain(privateMaterial);
    expect(body).not.toMatch(/@|evil\.example/);
  });

  it('a project that is not public has no feed, even for a site admin; nor has one that does not exist', async () => {
    for (const id of [projects.councils, projects.organisation, crypto.randomUUID(), 'not-a-uuid', '../feed']) {
      const response = await forProject(id);
      expect(response.status, id).toBe(404);
      expect(await response.text()).not.toMatch(/project|Interviews/);
    }
    // Made private later: gone from both feeds on the very next request.
    await hub.services.db.execute(sql`UPDATE projects SET visibility = 'councils' WHERE id = ${projects.public}`);
    try {
      expect((await forProject(projects.public)).status).toBe(404);
      expect((await read(await projectsFeed(request('/projects/feed')))).titles).toEqual([]);
    } finally {
      await hub.services.db.execute(sql`UPDATE projects SET visibility = 'public' WHERE id = ${projects.public}`);
    }
  });
});
