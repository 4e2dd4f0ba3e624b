import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { anonymous, type Viewer, type Visibility } from '@/lib/auth/viewer';
import { bodyOf, callApi } from '@/lib/api/testing/call-api';
import { addLinkEvidence } from '@/lib/commitments/add-link-evidence';
import { addMaterialEvidence } from '@/lib/commitments/add-material-evidence';
import { addProjectEvidence } from '@/lib/commitments/add-project-evidence';
import { registerProject } from '@/lib/projects/register-project';
import { projectAnswers } from '@/lib/projects/testing/fixtures';
import { recordCommitment } from '@/lib/commitments/record-commitment';
import { commitmentAnswers, insertMaterial } from '@/lib/commitments/testing/fixtures';
import { council, person } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { vocabularies } from '@/lib/taxonomy/vocabularies';

// Vocabularies, councils, commitments and the document itself, as Next.js calls them, for every kind
// of viewer; each answer is checked against the OpenAPI document.
const state = vi.hoisted(() => ({ viewer: { kind: 'anonymous' } as Viewer, hub: undefined as unknown as TestHub }));
vi.mock('@/lib/sign-in/current-viewer', () => ({ currentViewer: async () => state.viewer }));
vi.mock('@/lib/runtime', () => ({ services: async () => state.hub.services }));

const { GET: listVocabularies } = await import('./vocabularies/route');
const { GET: getVocabulary } = await import('./vocabularies/[name]/route');
const { GET: listCouncils } = await import('./councils/route');
const { GET: getCouncil } = await import('./councils/[slug]/route');
const { GET: listCommitments } = await import('./commitments/route');
const { GET: getCommitment } = await import('./commitments/[id]/route');
const { GET: openApi } = await import('./openapi.json/route');
const { GET: elsewhere } = await import('./[...rest]/route');

type Problem = { status: number; detail: string; errors?: { parameter: string }[] };
type Page<T> = { total: number; results: T[]; next: string | null; nextUrl: string | null };

describe.each(testDrivers)('the API’s lists on %s', (driver) => {
  let hub: TestHub;
  const viewers = {} as Record<'anonymous' | 'noCouncil' | 'bristolMember' | 'bristolAdmin' | 'leedsMember' | 'siteAdmin', Viewer>;
  const commitments = {} as Record<Visibility, string>;
  let hiddenMaterial: string;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    state.hub = hub;
    const bristol = await council(hub, 'bristol');
    const leeds = await council(hub, 'leeds');
    const recorder = (await person(hub, { organisation: bristol, name: 'Robin Recorder' })).viewer;
    viewers.anonymous = anonymous;
    viewers.noCouncil = (await person(hub, { organisation: null })).viewer;
    viewers.bristolMember = (await person(hub, { organisation: bristol })).viewer;
    viewers.bristolAdmin = (await person(hub, { organisation: bristol, role: 'org_admin' })).viewer;
    viewers.leedsMember = (await person(hub, { organisation: leeds })).viewer;
    viewers.siteAdmin = (await person(hub, { isSiteAdmin: true })).viewer;
    for (const visibility of ['public', 'councils', 'organisation'] as const) {
      commitments[visibility] = (await recordCommitment(hub.services, recorder, commitmentAnswers({ visibility, description: `A ${visibility} commitment` }))).id;
    }
    await addLinkEvidence(hub.services, recorder, commitments.public, { url: 'https://example.org/findings', title: 'Our findings' });
    hiddenMaterial = await insertMaterial(hub, { organisationId: bristol.id, visibility: 'organisation', title: 'Private findings' });
    await addMaterialEvidence(hub.services, recorder, commitments.public, { material: hiddenMaterial });
  });
  afterAll(async () => hub?.close());

  it('lists the vocabularies and each one’s terms, the same for everyone, with an ETag even when signed in', async () => {
    for (const viewer of Object.values(viewers)) {
      state.viewer = viewer;
      const list = await callApi(listVocabularies, '/api/v1/vocabularies');
      expect(list.response.status).toBe(200);
      expect(list.response.headers.get('etag')).toBeTruthy();
      const phases = await callApi(getVocabulary, '/api/v1/vocabularies/phases', { params: { name: 'phases' } });
      expect(bodyOf<{ terms: { id: string }[] }>(phases).terms.map((t) => t.id)).toEqual(vocabularies().phases.map((p) => p.slug));
      const again = await callApi(getVocabulary, '/api/v1/vocabularies/phases', { params: { name: 'phases' }, headers: { 'if-none-match': phases.response.headers.get('etag')! } });
      expect(again.response.status).toBe(304);
    }
    const licences = await callApi(getVocabulary, '/api/v1/vocabularies/licences', { params: { name: 'licences' } });
    expect(bodyOf<{ terms: { id: string; url: string | null }[] }>(licences).terms.find((t) => t.id === 'OGL-UK-3.0')?.url).toMatch(/^https:/);
    const missing = await callApi(getVocabulary, '/api/v1/vocabularies/colours', { params: { name: 'colours' } });
    expect(missing.response.status).toBe(404);
  });

  it('lists councils with filters and cursor pages, and shows one without members or email domains', async () => {
    state.viewer = anonymous;
    const first = bodyOf<Page<{ slug: string; type: string }>>(await callApi(listCouncils, '/api/v1/councils?type=council&limit=50'));
    expect(first.results).toHaveLength(50);
    expect(first.results.every((o) => o.type === 'council')).toBe(true);
    const second = bodyOf<Page<{ slug: string }>>(await callApi(listCouncils, first.nextUrl!));
    expect(second.results[0]!.slug).not.toBe(first.results[0]!.slug);
    expect(second.total).toBe(first.total);
    const named = bodyOf<Page<{ slug: string }>>(await callApi(listCouncils, '/api/v1/councils?name=bristol'));
    expect(named.results.map((o) => o.slug)).toContain('bristol');

    for (const viewer of Object.values(viewers)) {
      state.viewer = viewer;
      const { response, body } = await callApi(getCouncil, '/api/v1/councils/bristol', { params: { slug: 'bristol' } });
      expect(response.status).toBe(200);
      expect(body).toMatchObject({ slug: 'bristol', materialsUrl: '/api/v1/search?council=bristol' });
      expect(JSON.stringify(body)).not.toMatch(/@|emailDomain|members/);
    }
    for (const slug of ['no-such-council', 'Bristol', 'a--b', 'x'.repeat(101)]) {
      const { response, body } = await callApi(getCouncil, `/api/v1/councils/${encodeURIComponent(slug)}`, { params: { slug } });
      expect(response.status, slug).toBe(404);
      expect((body as Problem).detail).toBe('Page not found');
    }
    state.viewer = anonymous;
    for (const query of ['type=county', 'limit=501', 'page=2', 'name=a&name=b']) {
      const { response } = await callApi(listCouncils, `/api/v1/councils?${query}`);
      expect(response.status, query).toBe(400);
    }
  });

  /** Who sees which commitment, written out: the same rule as materials. */
  const sees: Record<keyof typeof viewers, Visibility[]> = {
    anonymous: ['public'],
    noCouncil: ['public'],
    bristolMember: ['public', 'councils', 'organisation'],
    bristolAdmin: ['public', 'councils', 'organisation'],
    leedsMember: ['public', 'councils'],
    siteAdmin: ['public', 'councils', 'organisation'],
  };

  it('lists and shows each viewer the commitments the pages show them, and 404 for the rest', async () => {
    for (const [who, visible] of Object.entries(sees) as [keyof typeof viewers, Visibility[]][]) {
      state.viewer = viewers[who];
      const list = bodyOf<Page<{ id: string }>>(await callApi(listCommitments, '/api/v1/commitments?council=bristol&limit=100'));
      const expected = visible.map((v) => commitments[v]);
      expect(list.results.map((c) => c.id).filter((id) => Object.values(commitments).includes(id)).sort(), who).toEqual([...expected].sort());
      for (const visibility of ['public', 'councils', 'organisation'] as const) {
        const id = commitments[visibility];
        const { response, body } = await callApi(getCommitment, `/api/v1/commitments/${id}`, { params: { id } });
        expect(response.status, `${who} ${visibility}`).toBe(visible.includes(visibility) ? 200 : 404);
        if (response.status === 404) expect((body as Problem).detail).toBe('Page not found');
      }
    }
  });

  it('shows a commitment’s evidence only as far as the viewer may see it, and people only to the council', async () => {
    const id = commitments.public;
    state.viewer = anonymous;
    const outside = bodyOf<{ evidence: { kind: string }[]; hiddenEvidenceCount: number; contact?: string; history: { who?: string }[] }>(await callApi(getCommitment, `/api/v1/commitments/${id}`, { params: { id } }));
    expect(outside.evidence.map((e) => e.kind)).toEqual(['link']);
    expect(outside.hiddenEvidenceCount).toBe(1);
    expect(outside.contact).toBeUndefined();
    expect(outside.history.every((h) => h.who === undefined)).toBe(true);
    expect(JSON.stringify(outside)).not.toMatch(/Private findings|Robin/);

    state.viewer = viewers.bristolMember;
    const inside = bodyOf<{ evidence: { kind: string; material?: { apiUrl: string } }[]; hiddenEvidenceCount: number }>(await callApi(getCommitment, `/api/v1/commitments/${id}`, { params: { id } }));
    expect(inside.evidence.map((e) => e.kind).sort()).toEqual(['link', 'material']);
    expect(inside.evidence.find((e) => e.kind === 'material')!.material!.apiUrl).toBe(`/api/v1/materials/${hiddenMaterial}`);
    expect(inside.hiddenEvidenceCount).toBe(0);
  });

  it('shows projects cited as evidence, with their page, to those who may see them; counts the rest', async () => {
    const recorder = viewers.bristolMember;
    const { id } = await recordCommitment(hub.services, recorder, commitmentAnswers({ description: 'List our projects on the hub', kind: 'list-projects', phase: '' }));
    const open = (await registerProject(hub.services, recorder, projectAnswers({ name: 'Open bins project', visibility: 'public' }))).id;
    const closed = (await registerProject(hub.services, recorder, projectAnswers({ name: 'Closed tax project', visibility: 'organisation' }))).id;
    await addProjectEvidence(hub.services, recorder, id, { project: open });
    await addProjectEvidence(hub.services, recorder, id, { project: closed });
    type Shown = { evidence: { kind: string; project?: { id: string; name: string; council: string; url: string } }[]; hiddenEvidenceCount: number };

    state.viewer = anonymous;
    const outside = bodyOf<Shown>(await callApi(getCommitment, `/api/v1/commitments/${id}`, { params: { id } }));
    expect(outside.evidence).toEqual([expect.objectContaining({ kind: 'project', project: { id: open, name: 'Open bins project', council: 'Bristol City Council', url: `/projects/${open}` } })]);
    expect(outside.hiddenEvidenceCount).toBe(1);
    expect(JSON.stringify(outside)).not.toContain('Closed tax project');

    state.viewer = viewers.bristolMember;
    const inside = bodyOf<Shown>(await callApi(getCommitment, `/api/v1/commitments/${id}`, { params: { id } }));
    expect(inside.evidence.map((e) => e.project?.name)).toEqual(['Open bins project', 'Closed tax project']);
    expect(inside.hiddenEvidenceCount).toBe(0);
  });

  it('pages commitments with a cursor, and refuses bad filters and cursors', async () => {
    state.viewer = viewers.siteAdmin;
    const first = bodyOf<Page<{ id: string }>>(await callApi(listCommitments, '/api/v1/commitments?council=bristol&limit=2'));
    expect(first.results).toHaveLength(2);
    const second = bodyOf<Page<{ id: string }>>(await callApi(listCommitments, first.nextUrl!));
    expect(second.results.map((c) => c.id)).not.toContain(first.results[0]!.id);
    for (const query of ['status=done', 'kind=poem', 'council=Bristol%20City', 'limit=-1', `council=leeds&limit=2&cursor=${first.next}`, 'cursor=%2F%2F']) {
      const { response, body } = await callApi(listCommitments, `/api/v1/commitments?${query}`);
      expect(response.status, query).toBe(400);
      expect((body as Problem).errors?.length, query).toBeGreaterThan(0);
    }
    const missing = crypto.randomUUID();
    expect((await callApi(getCommitment, `/api/v1/commitments/${missing}`, { params: { id: missing } })).response.status).toBe(404);
  });

  it('serves the OpenAPI document, and a problem for any other address under /api/v1', async () => {
    state.viewer = anonymous;
    const { response, body } = await callApi(openApi, '/api/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ openapi: '3.1.1' });
    const unknown = await elsewhere(new Request('http://hub.test/api/v1/nothing-here'));
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
  });
});
