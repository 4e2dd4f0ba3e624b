import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import type { Client } from 'pg';
import { s3Port } from './support/settings';
import {
  baseURL,
  findCouncils,
  markdownFile,
  multipartBody,
  openDatabase,
  postUpload,
  requestContextFor,
  seedPeople,
  sessionCookie,
  shareMaterial,
  withdrawMaterial,
  type Councils,
  type Person,
  type PersonSpec,
} from './support/seed-people';

/**
 * The authorisation matrix, over HTTP against the production build: every material route, action and
 * download × every kind of viewer × every visibility (and withdrawn, another council's private
 * material, and a material that does not exist), with the exact answer each should get. Also projects
 * and kits (pages, JSON API, the kit zip and the project feeds) holding every such material. Also search
 * hits and facet counts, the organisation and admin pages, forged form posts (to the material and
 * organisation forms)
 * (without a session, from another council, from another site), and revocation taking effect on the
 * very next request.
 *
 * The expected answers are written out here as a table (who sees, who changes, who deletes), not
 * derived from lib/auth/permissions.ts, so a change to the rules has to change this file too.
 *
 *   cannot see it                      → 404 (as for a material that does not exist: nothing leaks)
 *   may see it, not signed in          → to the sign-in page (307 for pages, 303 for posts)
 *   may see it, signed in, may not act → pages: 200 with "You cannot change/delete this material"
 *                                        (a refusal page, not a 403); posts: 403
 *   may act                            → 200 (pages), 303 back to the material (posts), and the change made
 *
 * Every response body is also scanned: no viewer ever receives the title, summary or id of a material
 * they may not see, or the email address of someone whose address they may not see.
 *
 * Everything runs in one worker, one request at a time (playwright.config.ts).
 */

// ---- Who and what --------------------------------------------------------------------------------

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
/** In the titles of the matrix's materials: a search for it finds them and nothing else. */
const word = `authz${run}`;
/** In the titles of the spare copies the site admin deletes: a different word, no common prefix. */
const spareWord = `spare${run}`;

const viewerKeys = ['anonymous', 'noOrg', 'bMember', 'bAdmin', 'aMember', 'aAdmin', 'siteAdmin'] as const;
type ViewerKey = (typeof viewerKeys)[number];

const peopleSpecs = {
  noOrg: { label: 'signed in, no organisation', council: null, asksToJoin: 'a' },
  bMember: { label: 'member of another council', council: 'b' },
  bAdmin: { label: 'organisation admin of another council', council: 'b', role: 'org_admin' },
  aMember: { label: 'member', council: 'a' },
  aAdmin: { label: 'organisation admin', council: 'a', role: 'org_admin' },
  siteAdmin: { label: 'site admin', council: null, siteAdmin: true },
  // For the forged server actions and for revocation.
  aJoiner: { label: 'someone asking to join', council: null, asksToJoin: 'a', name: null },
  aLeaver: { label: 'member taken out of the council in the database', council: 'a' },
  aRemoved: { label: 'member removed by their organisation admin', council: 'a' },
  aDemoted: { label: 'organisation admin demoted in the database', council: 'a', role: 'org_admin' },
  aDemotedByAction: { label: 'organisation admin demoted by another', council: 'a', role: 'org_admin' },
  exSiteAdmin: { label: 'site admin who stops being one', council: null, siteAdmin: true },
} satisfies Record<string, PersonSpec>;
type PersonKey = keyof typeof peopleSpecs;

const viewerLabel = (v: ViewerKey | PersonKey) => (v === 'anonymous' ? 'anonymous' : peopleSpecs[v].label);

const materialKeys = ['public', 'councils', 'organisation', 'withdrawn', 'otherCouncil', 'missing'] as const;
type MaterialKey = (typeof materialKeys)[number];

interface MaterialSpec {
  label: string;
  council: 'a' | 'b';
  visibility: 'public' | 'councils' | 'organisation';
  withdrawn: boolean;
  title: string;
}

const materialSpecs: Record<Exclude<MaterialKey, 'missing'>, MaterialSpec> = {
  public: { label: 'public', council: 'a', visibility: 'public', withdrawn: false, title: `Public plan ${word}` },
  councils: { label: 'councils', council: 'a', visibility: 'councils', withdrawn: false, title: `Councils plan ${word}` },
  organisation: { label: 'organisation', council: 'a', visibility: 'organisation', withdrawn: false, title: `Private plan ${word}` },
  withdrawn: { label: 'withdrawn (was public)', council: 'a', visibility: 'public', withdrawn: true, title: `Withdrawn plan ${word}` },
  otherCouncil: { label: 'other council’s organisation', council: 'b', visibility: 'organisation', withdrawn: false, title: `Other council plan ${word}` },
};

const A_VIEWERS: ViewerKey[] = ['aMember', 'aAdmin', 'siteAdmin'];
const B_VIEWERS: ViewerKey[] = ['bMember', 'bAdmin', 'siteAdmin'];

/** The rules, as a table. */
const sees: Record<MaterialKey, readonly ViewerKey[]> = {
  public: viewerKeys,
  councils: ['bMember', 'bAdmin', 'aMember', 'aAdmin', 'siteAdmin'],
  organisation: A_VIEWERS,
  withdrawn: A_VIEWERS,
  otherCouncil: B_VIEWERS,
  missing: [],
};
const changes: Record<MaterialKey, readonly ViewerKey[]> = {
  public: A_VIEWERS,
  councils: A_VIEWERS,
  organisation: A_VIEWERS,
  withdrawn: A_VIEWERS,
  otherCouncil: B_VIEWERS,
  missing: [],
};
const canSee = (v: ViewerKey, m: MaterialKey) => sees[m].includes(v);
const canChange = (v: ViewerKey, m: MaterialKey) => changes[m].includes(v);
const canDelete = (v: ViewerKey, m: MaterialKey) => v === 'siteAdmin' && canSee(v, m);
/** In search and lists: published and seen. */
const findable = (v: ViewerKey, m: MaterialKey) => m !== 'missing' && !materialSpecs[m].withdrawn && canSee(v, m);

interface Material {
  key: MaterialKey;
  label: string;
  id: string;
  title: string;
  /** A word only in this material's summary: its appearance anywhere is a leak. */
  marker: string;
  /** A copy with the same council, visibility and status, for the site admin to delete. */
  spare?: { id: string; title: string; marker: string };
}

// ---- State made once per worker ---------------------------------------------------------------------

let db: Client;
let councils: Councils;
let people: Record<PersonKey, Person>;
const contexts = new Map<ViewerKey | PersonKey, APIRequestContext>();
const materials = {} as Record<MaterialKey, Material>;

const ctx = (who: ViewerKey | PersonKey): APIRequestContext => {
  const context = contexts.get(who);
  if (!context) throw new Error(`no request context for ${who}`);
  return context;
};

test.beforeAll(async () => {
  test.setTimeout(120_000);
  db = await openDatabase();
  councils = await findCouncils(db, 'bristol', 'leeds');
  people = await seedPeople(db, councils, run, peopleSpecs);
  contexts.set('anonymous', await requestContextFor(null));
  for (const key of Object.keys(people) as PersonKey[]) contexts.set(key, await requestContextFor(people[key]));

  for (const key of Object.keys(materialSpecs) as Exclude<MaterialKey, 'missing'>[]) {
    const spec = materialSpecs[key];
    const sharer = spec.council === 'a' ? 'aMember' : 'bMember';
    const share = async (title: string, marker: string) => {
      const id = await shareMaterial(
        ctx(sharer),
        {
          title,
          summary: `Notes for the ${spec.label} material, marker ${marker}.`,
          visibility: spec.visibility,
          tags: 'authorisation matrix',
        },
        markdownFile(`${key}-${run}.md`, `# ${title}\n\nA research plan shared by the authorisation matrix test.\n`),
      );
      if (spec.withdrawn) await withdrawMaterial(ctx(sharer), id, `Withdrawn for the authorisation matrix ${run}`);
      return id;
    };
    const marker = `mk${key.toLowerCase()}${run}`;
    const spareMarker = `mk${key.toLowerCase()}spare${run}`;
    const spareTitle = `Spare ${key} plan ${spareWord}`;
    materials[key] = {
      key,
      label: spec.label,
      id: await share(spec.title, marker),
      title: spec.title,
      marker,
      spare: { id: await share(spareTitle, spareMarker), title: spareTitle, marker: spareMarker },
    };
  }
  materials.missing = { key: 'missing', label: 'missing', id: randomUUID(), title: `No such plan ${word}`, marker: `mkmissing${run}` };
});

test.afterAll(async () => {
  for (const context of contexts.values()) await context.dispose();
  contexts.clear();
  await db?.end();
});

// ---- Checking answers ------------------------------------------------------------------------------

interface Outcome {
  status: number;
  location?: string | RegExp;
  /** Text the body must contain. */
  text?: string;
}

const signIn = (returnTo: string) => `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`;
const s3Download = new RegExp(`^http://127\\.0\\.0\\.1:${s3Port}/discovery-commons-test/`);

/** Checks status, Location and text, each failure named; returns the body for further checks. */
async function expectOutcome(name: string, response: APIResponse, want: Outcome): Promise<string> {
  const body = await response.text();
  const got = response.status();
  const location = response.headers()['location'] ?? '';
  expect.soft(got, `${name}: expected ${want.status}, got ${got}${location ? ` (to ${location})` : ''}`).toBe(want.status);
  if (got !== want.status) return body;
  if (typeof want.location === 'string') expect.soft(location, `${name}: Location`).toBe(want.location);
  else if (want.location) expect.soft(location, `${name}: Location`).toMatch(want.location);
  if (want.text) expect.soft(body.includes(want.text), `${name}: the response should say “${want.text}”`).toBe(true);
  return body;
}

/** May `viewer` see `person`'s email address? Themself; site admins; admins of the person's council or of the council they ask to join. */
function mayReadEmail(viewer: ViewerKey | PersonKey, person: Person): boolean {
  if (viewer === 'anonymous') return false;
  const me = people[viewer];
  if (me.id === person.id || me.isSiteAdmin) return true;
  if (me.role !== 'org_admin' || !me.organisationId) return false;
  return me.organisationId === person.organisationId || me.organisationId === person.joinRequestOrganisationId;
}

/**
 * Nothing in a response to `viewer` names a material they may not see (title, summary marker, id) or
 * shows an email address they may not read. What the request's own address holds is allowed back (a
 * 404 page carries its path; the search page shows the words searched for).
 */
function expectNoLeaks(viewer: ViewerKey, name: string, body: string, url = '') {
  for (const m of materialKeys) {
    const material = materials[m];
    if (!material || canSee(viewer, m)) continue;
    const secrets = [
      ['title', material.title],
      ['summary', material.marker],
      ['id', material.id],
      ['spare copy’s title', material.spare?.title],
      ['spare copy’s summary', material.spare?.marker],
      ['spare copy’s id', material.spare?.id],
    ];
    for (const [what, secret] of secrets) {
      // What the address itself holds (an id in the path, words in a search) may be echoed back.
      if (!secret || url.includes(secret)) continue;
      expect.soft(body.includes(secret), `${name}: leaks the ${what} of the ${material.label} material`).toBe(false);
    }
  }
  for (const person of Object.values(people)) {
    if (mayReadEmail(viewer, person)) continue;
    expect.soft(body.includes(person.email), `${name}: shows the email address of “${person.label}”`).toBe(false);
  }
}

/** What the database holds about a material: anything a post might change. Null when it is gone. */
async function snapshot(id: string) {
  const { rows } = await db.query(
    `SELECT m.title, m.summary, m.phases, m.artefact_type, m.kind, m.topics, m.tags, m.licence, m.visibility, m.status,
            m.withdrawn_reason, m.withdrawn_at, m.organisation_id, m.created_by, m.updated_at,
            (SELECT count(*)::int FROM material_versions v WHERE v.material_id = m.id) AS versions,
            (SELECT max(version_number) FROM material_versions v WHERE v.material_id = m.id) AS current_version,
            (SELECT count(*)::int FROM audit_events a WHERE a.subject_id = m.id::text) AS audit_events
       FROM materials m WHERE m.id = $1`,
    [id],
  );
  return (rows[0] as Snapshot | undefined) ?? null;
}
type Snapshot = {
  title: string;
  summary: string;
  phases: string[];
  artefact_type: string;
  kind: string;
  topics: string[];
  tags: string[];
  licence: string;
  visibility: string;
  status: string;
  withdrawn_reason: string | null;
  withdrawn_at: Date | null;
  organisation_id: string | null;
  created_by: string | null;
  updated_at: Date;
  versions: number;
  current_version: number;
  audit_events: number;
};

// ---- The material routes -----------------------------------------------------------------------------

type PageKind = 'view' | 'version' | 'download' | 'preview' | 'change' | 'delete' | 'findings' | 'report' | 'adapt';

const getRoutes: { name: string; path: (id: string) => string; kind: PageKind; heading?: string }[] = [
  { name: 'GET page', path: (id) => `/materials/${id}`, kind: 'view' },
  { name: 'GET download', path: (id) => `/materials/${id}/download`, kind: 'download' },
  { name: 'GET version 1 download', path: (id) => `/materials/${id}/versions/1/download`, kind: 'download' },
  // A version's page: its download's rule (and "Page not found" as a page, not as a download's 404).
  { name: 'GET version 1', path: (id) => `/materials/${id}/versions/1`, kind: 'version', heading: 'Version 1' },
  { name: 'GET version 9', path: (id) => `/materials/${id}/versions/9`, kind: 'version' },
  // The preview's pictures: the download's rule. The matrix's files are Markdown, whose previews are
  // HTML with no pages, pictures or thumbnail, so those who may see the file get the "no such picture"
  // 404 and everyone else the download's (the pictures themselves: preview-routes.integration.test.ts).
  { name: 'GET preview page 1', path: (id) => `/materials/${id}/preview/pages/1`, kind: 'preview' },
  { name: 'GET preview picture 0', path: (id) => `/materials/${id}/preview/images/0`, kind: 'preview' },
  { name: 'GET preview thumbnail', path: (id) => `/materials/${id}/preview/thumbnail`, kind: 'preview' },
  { name: 'GET edit', path: (id) => `/materials/${id}/edit`, kind: 'change', heading: 'Change the details' },
  { name: 'GET replace', path: (id) => `/materials/${id}/replace`, kind: 'change', heading: 'Replace the file' },
  { name: 'GET withdraw', path: (id) => `/materials/${id}/withdraw`, kind: 'change', heading: 'Withdraw this material' },
  // Its heading depends on whether version 1 is still the current one (the posts below add versions).
  { name: 'GET make version 1 current', path: (id) => `/materials/${id}/versions/1/make-current`, kind: 'change' },
  { name: 'GET delete', path: (id) => `/materials/${id}/delete`, kind: 'delete', heading: 'Are you sure you want to delete' },
  // The check's findings (masked personal data, hidden content): the owning council and site admins.
  { name: 'GET check', path: (id) => `/materials/${id}/check`, kind: 'findings', heading: 'Check before you publish' },
  { name: 'GET report', path: (id) => `/materials/${id}/report`, kind: 'report', heading: 'Report a concern' },
  { name: 'GET adapt', path: (id) => `/materials/${id}/adapt`, kind: 'adapt', heading: 'Adapt this for your council' },
];

function expectedGet(v: ViewerKey, m: MaterialKey, route: (typeof getRoutes)[number], id: string, currentVersion: number | undefined): Outcome {
  const material = materials[m];
  // The check and report pages are for people signed in: they ask first, whatever the material (so
  // the answer says nothing about it).
  if (v === 'anonymous' && (route.kind === 'findings' || route.kind === 'report')) return { status: 307, location: signIn(route.path(id)) };
  if (!canSee(v, m)) return { status: 404, text: route.kind === 'download' || route.kind === 'preview' ? 'Material not found' : 'Page not found' };
  if (route.kind === 'preview') return { status: 404, text: 'This preview has no such page or picture' };
  if (route.kind === 'view') return { status: 200, text: material.title };
  if (route.kind === 'version') return route.heading ? { status: 200, text: route.heading } : { status: 404, text: 'Page not found' };
  // Findings are not found for those who may see the material but are not of its council.
  if (route.kind === 'findings') return canChange(v, m) ? { status: 200, text: route.heading! } : { status: 404, text: 'Page not found' };
  if (route.kind === 'report') return { status: 200, text: route.heading! };
  // Adapt (lib/auth/permissions/adapt.ts): only a published material; someone signed out signs in
  // first; someone in no council is told to join one (under the same heading).
  if (route.kind === 'adapt') {
    if (m !== 'missing' && materialSpecs[m].withdrawn) return { status: 404, text: 'Page not found' };
    if (v === 'anonymous') return { status: 307, location: signIn(route.path(id)) };
    if (v === 'noOrg') return { status: 200, text: 'You need to belong to a council or other public body to adapt materials' };
    return { status: 200, text: route.heading! };
  }
  if (route.kind === 'download') return { status: 303, location: s3Download };
  const allowed = route.kind === 'delete' ? canDelete(v, m) : canChange(v, m);
  if (allowed) {
    // A withdrawn material cannot be withdrawn again: its withdraw page goes back to the material.
    if (route.name === 'GET withdraw' && m !== 'missing' && materialSpecs[m].withdrawn) return { status: 307, location: `/materials/${id}` };
    if (route.name === 'GET make version 1 current') {
      return { status: 200, text: currentVersion === 1 ? 'This is already the current version' : 'Are you sure you want to make version 1 the current version?' };
    }
    return { status: 200, text: route.heading! };
  }
  if (v === 'anonymous') return { status: 307, location: signIn(route.path(id)) };
  return { status: 200, text: route.kind === 'delete' ? 'You cannot delete this material' : 'You cannot change this material' };
}

for (const v of viewerKeys) {
  test(`pages and downloads of every material, as ${viewerLabel(v)}`, async () => {
    const notFoundPages = new Map<MaterialKey, string>();
    for (const m of materialKeys) {
      const material = materials[m];
      for (const route of getRoutes) {
        const url = route.path(material.id);
        const name = `${viewerLabel(v)} × ${material.label} × ${route.name}`;
        const currentVersion = route.name === 'GET make version 1 current' ? (await snapshot(material.id))?.current_version : undefined;
        const response = await ctx(v).get(url, { maxRedirects: 0 });
        const body = await expectOutcome(name, response, expectedGet(v, m, route, material.id, currentVersion));
        expectNoLeaks(v, name, body, url);
        if (route.kind === 'view' && response.status() === 404) notFoundPages.set(m, withoutScripts(body).replaceAll(material.id, '{id}'));
      }
    }
    // "Not yours to see" and "does not exist" are the same page (but for the address). Compared without
    // the scripts: the same React payload is split into chunks differently from one response to another.
    const missing = notFoundPages.get('missing');
    expect(missing, 'a material that does not exist is not found').toBeDefined();
    for (const [m, body] of notFoundPages) {
      expect.soft(body === missing, `${viewerLabel(v)} × ${materials[m].label} × GET page: the 404 differs from that of a material that does not exist`).toBe(true);
    }
  });
}

function withoutScripts(html: string): string {
  return html.replace(/<script\b[\s\S]*?<\/script>/gi, '');
}

// ---- Posts to the material routes ------------------------------------------------------------------

const origin = { origin: baseURL };

function editFields(s: Snapshot, changes: Record<string, string> = {}): Record<string, string | string[]> {
  return {
    title: s.title,
    summary: s.summary,
    phases: s.phases,
    artefactType: s.artefact_type,
    kind: s.kind,
    topics: s.topics,
    tags: s.tags.join(', '),
    licence: s.licence,
    visibility: s.visibility,
    ...changes,
  };
}

/** application/x-www-form-urlencoded, repeated names for lists (as a browser sends checkboxes). */
function urlEncoded(fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of Array.isArray(value) ? value : [value]) params.append(name, one);
  return params.toString();
}

const formHeaders = (extra: Record<string, string> = origin) => ({ 'content-type': 'application/x-www-form-urlencoded', ...extra });

function postForm(context: APIRequestContext, url: string, fields: Record<string, string | string[]>, headers: Record<string, string> = origin) {
  return context.post(url, { data: urlEncoded(fields), headers: formHeaders(headers), maxRedirects: 0 });
}

function postReplace(context: APIRequestContext, id: string, changeNote: string, headers: Record<string, string> = origin) {
  const { body, contentType } = multipartBody([
    ['changeNote', changeNote],
    ['file', markdownFile(`replacement-${run}.md`, `# Replacement ${run}\n\n${changeNote}\n`)],
  ]);
  return context.post(`/materials/${id}/replace/upload`, { data: body, headers: { 'content-type': contentType, ...headers }, maxRedirects: 0 });
}

interface PostRoute {
  name: string;
  /**
   * change and delete: as the tables say; report: anyone signed in who can see the material; use
   * ("We used this"): a member of a council other than the owner's, for a published material they see.
   */
  kind: 'change' | 'delete' | 'report' | 'use';
  /** Where someone not signed in is sent to sign in and come back to. */
  returnTo: (id: string) => string;
  /** The post a person refused would make: a real change, had it been allowed. */
  send: (context: APIRequestContext, id: string, before: Snapshot | null, headers?: Record<string, string>) => Promise<APIResponse>;
}

const postRoutes: PostRoute[] = [
  {
    name: 'POST edit/save',
    kind: 'change',
    returnTo: (id) => `/materials/${id}/edit`,
    send: (context, id, before, headers) =>
      postForm(
        context,
        `/materials/${id}/edit/save`,
        before
          ? editFields(before, { title: `Taken over ${run}`, summary: `Taken over ${run}`, visibility: 'public' })
          : { title: `Taken over ${run}`, phases: 'discovery', artefactType: 'research-plan', kind: 'template', visibility: 'public' },
        headers,
      ),
  },
  {
    name: 'POST replace/upload',
    kind: 'change',
    returnTo: (id) => `/materials/${id}/replace`,
    send: (context, id, _before, headers) => postReplace(context, id, `Replaced by someone else ${run}`, headers),
  },
  {
    // After the replacement above, so that for those allowed version 1 is an older one by now.
    name: 'POST make version 1 current',
    kind: 'change',
    returnTo: (id) => `/materials/${id}/versions/1/make-current`,
    send: (context, id, _before, headers) =>
      postForm(context, `/materials/${id}/versions/1/make-current/confirm`, { changeNote: `Forged: version 1 made current ${run}` }, headers),
  },
  {
    name: 'POST withdraw/confirm',
    kind: 'change',
    returnTo: (id) => `/materials/${id}/withdraw`,
    send: (context, id, _before, headers) => postForm(context, `/materials/${id}/withdraw/confirm`, { reason: `Forged withdrawal ${run}` }, headers),
  },
  {
    name: 'POST restore',
    kind: 'change',
    returnTo: (id) => `/materials/${id}`,
    send: (context, id, _before, headers) => postForm(context, `/materials/${id}/restore`, {}, headers),
  },
  {
    name: 'POST check/publish',
    kind: 'change',
    returnTo: (id) => `/materials/${id}/check`,
    send: (context, id, _before, headers) => postForm(context, `/materials/${id}/check/publish`, { reason: `Forged publication ${run}` }, headers),
  },
  {
    name: 'POST report/send',
    kind: 'report',
    returnTo: (id) => `/materials/${id}/report`,
    send: (context, id, _before, headers) => postForm(context, `/materials/${id}/report/send`, { reason: 'personal-data', details: `Forged concern ${run}` }, headers),
  },
  {
    name: 'POST uses/record',
    kind: 'use',
    returnTo: (id) => `/materials/${id}`,
    send: (context, id, _before, headers) => postForm(context, `/materials/${id}/uses/record`, { note: `Forged use ${run}` }, headers),
  },
  {
    name: 'POST uses/withdraw',
    kind: 'use',
    returnTo: (id) => `/materials/${id}`,
    send: (context, id, _before, headers) => postForm(context, `/materials/${id}/uses/withdraw`, {}, headers),
  },
  {
    name: 'POST delete/confirm',
    kind: 'delete',
    returnTo: (id) => `/materials/${id}/delete`,
    send: (context, id, _before, headers) => postForm(context, `/materials/${id}/delete/confirm`, {}, headers),
  },
];

/** "We used this": someone in a council other than the owner's, on a published material they see. */
const mayRecordUse = (v: ViewerKey, m: MaterialKey) =>
  m !== 'missing' && !materialSpecs[m].withdrawn && canSee(v, m) && v !== 'anonymous' && peopleSpecs[v].council !== null && peopleSpecs[v].council !== materialSpecs[m].council;

const mayPost = (v: ViewerKey, m: MaterialKey, route: PostRoute) =>
  route.kind === 'delete'
    ? canDelete(v, m)
    : route.kind === 'report'
      ? v !== 'anonymous' && canSee(v, m)
      : route.kind === 'use'
        ? mayRecordUse(v, m)
        : canChange(v, m);

async function usesOf(id: string): Promise<string[]> {
  const { rows } = await db.query<{ note: string }>('SELECT note FROM material_uses WHERE material_id = $1', [id]);
  return rows.map((row) => row.note);
}

async function concernsAbout(id: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM concern_reports WHERE material_id = $1', [id]);
  return rows[0]!.n;
}

function expectedRefusal(v: ViewerKey, m: MaterialKey, route: PostRoute, id: string): Outcome {
  // A concern needs someone signed in before anything else: asked first, whatever the material.
  if ((route.kind === 'report' || route.kind === 'use') && v === 'anonymous') return { status: 303, location: signIn(route.returnTo(id)) };
  if (!canSee(v, m)) return { status: 404, text: 'Page not found' };
  if (v === 'anonymous') return { status: 303, location: signIn(route.returnTo(id)) };
  if (route.kind === 'use') return { status: 403, text: 'Only members of another council can say their council used this material.' };
  return { status: 403, text: route.kind === 'delete' ? 'Only site administrators can delete a material' : 'You cannot change this material' };
}

/**
 * An allowed post: the change it should make, checked in the database, then put back (through the
 * app, by the same person) so the next case starts from the same material.
 */
async function allowedPost(v: ViewerKey, m: MaterialKey, route: PostRoute, id: string, before: Snapshot, name: string) {
  const context = ctx(v);
  const published = before.status === 'published';
  switch (route.name) {
    case 'POST edit/save': {
      const summary = `${before.summary} Edited by the ${viewerLabel(v)}.`;
      // Fields the form does not have are ignored, whatever they say.
      const response = await postForm(context, `/materials/${id}/edit/save`, {
        ...editFields(before, { summary }),
        organisationId: councils.b.id,
        council: councils.b.slug,
        status: 'withdrawn',
        createdBy: people.bMember.id,
      });
      await expectOutcome(name, response, { status: 303, location: `/materials/${id}?updated=1` });
      const after = await snapshot(id);
      expect.soft(after?.summary, `${name}: the summary is changed`).toBe(summary);
      expect.soft(
        { ...after, summary: before.summary, updated_at: null, audit_events: null },
        `${name}: nothing but the summary is changed (not the council, status or sharer)`,
      ).toEqual({ ...before, updated_at: null, audit_events: null });
      const back = await postForm(context, `/materials/${id}/edit/save`, editFields(before));
      expect(back.status(), `${name}: putting the summary back`).toBe(303);
      return;
    }
    case 'POST replace/upload': {
      const response = await postReplace(context, id, `New version from the ${viewerLabel(v)} ${run}`);
      const next = before.current_version + 1;
      await expectOutcome(name, response, { status: 303, location: `/materials/${id}/check?replaced=${next}` });
      const after = await snapshot(id);
      expect.soft(after?.current_version, `${name}: a new version is added`).toBe(next);
      expect.soft(after?.status, `${name}: a new file makes it a draft until it is published again`).toBe('draft');
      // Put it back as it was for the rows after this one: published again, and withdrawn again if it was.
      const back = await postForm(context, `/materials/${id}/check/publish`, { reason: `Republished by the matrix ${run}` });
      expect(back.status(), `${name}: publishing it again`).toBe(303);
      if (!published) {
        const again = await postForm(context, `/materials/${id}/withdraw/confirm`, { reason: before.withdrawn_reason ?? 'Withdrawn again' });
        expect(again.status(), `${name}: withdrawing it again`).toBe(303);
      }
      return;
    }
    case 'POST make version 1 current': {
      const response = await postForm(context, `/materials/${id}/versions/1/make-current/confirm`, { changeNote: `Version 1 again, by the ${viewerLabel(v)} ${run}` });
      if (before.current_version === 1) {
        await expectOutcome(name, response, { status: 409, text: 'This is already the current version' });
        expect.soft(await snapshot(id), `${name}: nothing changes`).toEqual(before);
        return;
      }
      const next = before.current_version + 1;
      await expectOutcome(name, response, { status: 303, location: `/materials/${id}/check?replaced=${next}` });
      const after = await snapshot(id);
      expect.soft([after?.current_version, after?.status], `${name}: a new version, a draft until published again`).toEqual([next, 'draft']);
      const back = await postForm(context, `/materials/${id}/check/publish`, { reason: `Republished by the matrix ${run}` });
      expect(back.status(), `${name}: publishing it again`).toBe(303);
      if (!published) {
        const again = await postForm(context, `/materials/${id}/withdraw/confirm`, { reason: before.withdrawn_reason ?? 'Withdrawn again' });
        expect(again.status(), `${name}: withdrawing it again`).toBe(303);
      }
      return;
    }
    case 'POST withdraw/confirm': {
      const reason = `Withdrawn by the ${viewerLabel(v)} ${run}`;
      const response = await postForm(context, `/materials/${id}/withdraw/confirm`, { reason });
      await expectOutcome(name, response, { status: 303, location: `/materials/${id}?withdrawn=1` });
      const after = await snapshot(id);
      if (!published) {
        expect.soft(after, `${name}: withdrawing a withdrawn material changes nothing`).toEqual(before);
        return;
      }
      expect.soft([after?.status, after?.withdrawn_reason], `${name}: withdrawn, with the reason`).toEqual(['withdrawn', reason]);
      const back = await postForm(context, `/materials/${id}/restore`, {});
      expect(back.status(), `${name}: restoring it again`).toBe(303);
      expect((await snapshot(id))?.status, `${name}: restored again`).toBe('published');
      return;
    }
    case 'POST restore': {
      const response = await postForm(context, `/materials/${id}/restore`, {});
      await expectOutcome(name, response, { status: 303, location: `/materials/${id}?restored=1` });
      const after = await snapshot(id);
      if (published) {
        expect.soft(after, `${name}: restoring a published material changes nothing`).toEqual(before);
        return;
      }
      expect.soft(after?.status, `${name}: published again`).toBe('published');
      const back = await postForm(context, `/materials/${id}/withdraw/confirm`, { reason: before.withdrawn_reason ?? 'Withdrawn again' });
      expect(back.status(), `${name}: withdrawing it again`).toBe(303);
      expect((await snapshot(id))?.status, `${name}: withdrawn again`).toBe('withdrawn');
      return;
    }
    case 'POST check/publish': {
      // Every material here was published once: publishing again changes nothing, and a withdrawn
      // one is restored, not published.
      const response = await postForm(context, `/materials/${id}/check/publish`, { reason: `Published again by the ${viewerLabel(v)}` });
      await expectOutcome(name, response, published ? { status: 303, location: `/materials/${id}?published=1` } : { status: 409, text: 'restore it instead' });
      expect.soft(await snapshot(id), `${name}: nothing changes`).toEqual(before);
      return;
    }
    case 'POST report/send': {
      const concerns = await concernsAbout(id);
      const response = await postForm(context, `/materials/${id}/report/send`, { reason: 'personal-data', details: `Raised by the ${viewerLabel(v)} ${run}` });
      await expectOutcome(name, response, { status: 303, location: `/materials/${id}/report?sent=1` });
      expect.soft(await concernsAbout(id), `${name}: the concern is recorded`).toBe(concerns + 1);
      const after = await snapshot(id);
      expect.soft({ ...after, audit_events: null }, `${name}: the material itself is unchanged`).toEqual({ ...before, audit_events: null });
      return;
    }
    case 'POST uses/record':
    case 'POST uses/withdraw': {
      // Record, then take it back through the other route, so the next case starts from none.
      const note = `Used by the ${viewerLabel(v)} ${run}`;
      const recorded = await postForm(context, `/materials/${id}/uses/record`, { note });
      await expectOutcome(name, recorded, { status: 303, location: `/materials/${id}?used=recorded#we-used-this` });
      expect.soft(await usesOf(id), `${name}: the use is recorded`).toEqual([note]);
      const withdrawn = await postForm(context, `/materials/${id}/uses/withdraw`, {});
      await expectOutcome(name, withdrawn, { status: 303, location: `/materials/${id}?used=withdrawn#we-used-this` });
      expect.soft(await usesOf(id), `${name}: the use is withdrawn`).toEqual([]);
      const after = await snapshot(id);
      expect.soft({ ...after, audit_events: null }, `${name}: the material itself is unchanged`).toEqual({ ...before, audit_events: null });
      return;
    }
    case 'POST delete/confirm': {
      const response = await postForm(context, `/materials/${id}/delete/confirm`, {});
      await expectOutcome(name, response, { status: 303, location: '/search?deleted=1' });
      expect.soft(await snapshot(id), `${name}: the material is gone`).toBeNull();
      const page = await context.get(`/materials/${id}`, { maxRedirects: 0 });
      expect.soft(page.status(), `${name}: its page is then not found`).toBe(404);
      const download = await context.get(`/materials/${id}/versions/1/download`, { maxRedirects: 0 });
      expect.soft(download.status(), `${name}: its file is then not found`).toBe(404);
      return;
    }
  }
}

for (const v of viewerKeys) {
  test(`posts to every action on every material, as ${viewerLabel(v)}`, async () => {
    test.setTimeout(120_000);
    for (const m of materialKeys) {
      for (const route of postRoutes) {
        const allowed = mayPost(v, m, route);
        // The site admin deletes the spare copy (same council, visibility and status), not the material itself.
        const id = allowed && route.kind === 'delete' ? materials[m].spare!.id : materials[m].id;
        const name = `${viewerLabel(v)} × ${materials[m].label} × ${route.name}`;
        const before = await snapshot(id);
        if (m !== 'missing') expect(before, `${name}: the material is there before the post`).not.toBeNull();
        if (allowed && before) {
          await allowedPost(v, m, route, id, before, name);
          continue;
        }
        const response = await route.send(ctx(v), id, before);
        const body = await expectOutcome(name, response, expectedRefusal(v, m, route, id));
        expectNoLeaks(v, name, body, route.returnTo(id));
        expect.soft(await snapshot(id), `${name}: nothing changed`).toEqual(before);
      }
    }
  });
}

// ---- Search results and facet counts -----------------------------------------------------------------

/** The ids of the materials in the results, in order. */
function resultIds(html: string): string[] {
  const results = html.slice(html.indexOf('id="search-results"'));
  return [...results.matchAll(/<a class="govuk-link" href="\/materials\/([0-9a-f-]{36})">/g)].map((match) => match[1]!);
}

/** The count a facet option shows, e.g. "Bristol City Council (2)"; undefined when the option is not shown. */
function facetCount(html: string, label: string): number | undefined {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = html.match(new RegExp(`>${escaped} \\((\\d+)\\)<`));
  return match ? Number(match[1]) : undefined;
}

const mainKeys = materialKeys.filter((m): m is Exclude<MaterialKey, 'missing'> => m !== 'missing');
const councilOf = (m: MaterialKey) => (m === 'missing' ? null : materialSpecs[m].council);

/**
 * Searches as `v` and checks the hits are exactly `hits`, and the Council filter's counts. Facet counts
 * are disjunctive (each facet counted with every filter but its own), so with a council selected the
 * Council counts are those of `facets` (the hits without the council filter); a selected council with
 * nothing found is shown with (0).
 */
async function expectSearch(
  v: ViewerKey,
  query: string,
  hits: MaterialKey[],
  options: { facets?: MaterialKey[]; selected?: 'a' | 'b'; label?: string } = {},
) {
  const name = `${viewerLabel(v)} × search “${options.label ?? query}”`;
  const response = await ctx(v).get(`/search?${query}`, { maxRedirects: 0 });
  const html = await expectOutcome(name, response, { status: 200 });
  const named = (ids: string[]) => ids.map((id) => materialKeys.find((m) => materials[m].id === id) ?? id).sort();
  expect.soft(named(resultIds(html)), `${name}: the hits`).toEqual(named(hits.map((m) => materials[m].id)));
  const base = options.facets ?? hits;
  for (const council of ['a', 'b'] as const) {
    const n = base.filter((m) => councilOf(m) === council).length;
    const want = n > 0 ? n : options.selected === council ? 0 : undefined;
    expect.soft(facetCount(html, councils[council].name), `${name}: the Council filter's count for ${councils[council].name}`).toBe(want);
  }
  expect.soft(html, `${name}: the total`).toContain(
    hits.length === 0 ? 'No materials found' : `${hits.length} ${hits.length === 1 ? 'material' : 'materials'} found`,
  );
  expectNoLeaks(v, name, html, `/search?${query}`);
  return html;
}

test('search: each viewer finds exactly what they may see, and the counts say so', async () => {
  for (const v of viewerKeys) {
    const visible = mainKeys.filter((m) => findable(v, m));
    await expectSearch(v, `q=${word}`, visible);
    await expectSearch(v, `q=${word}&sort=newest`, visible);
    // Filtered to each council: the other council's private material stays out of the counts too.
    for (const council of ['a', 'b'] as const) {
      await expectSearch(v, `q=${word}&council=${councils[council].slug}`, visible.filter((m) => councilOf(m) === council), {
        facets: visible,
        selected: council,
      });
    }
    // Words only in a summary: found only by those who may see that material.
    for (const m of mainKeys) {
      await expectSearch(v, `q=${materials[m].marker}`, findable(v, m) ? [m] : [], { label: `${materials[m].label}’s summary word` });
    }
    // Browsing without words, and the home page: nothing they may not see.
    for (const url of ['/search', '/search?sort=newest', '/']) {
      const name = `${viewerLabel(v)} × GET ${url}`;
      const response = await ctx(v).get(url, { maxRedirects: 0 });
      expectNoLeaks(v, name, await expectOutcome(name, response, { status: 200 }));
    }
  }
});

// ---- Open interfaces ---------------------------------------------------------------------------------

test('open interfaces: feeds, sitemap and catalogue hold public materials only, whoever asks; the CSV export follows the viewer', async () => {
  const publicOnly = mainKeys.filter((m) => findable('anonymous', m));
  const named = (body: string, by: 'id' | 'title') => mainKeys.filter((m) => body.includes(materials[m][by]));
  const sameForEveryone = [`/search/feed?q=${word}`, `/organisations/${councils.a.slug}/feed`, '/sitemap.xml', '/catalog.jsonld', '/catalog.ttl'];
  for (const v of viewerKeys) {
    for (const url of sameForEveryone) {
      const name = `${viewerLabel(v)} × GET ${url}`;
      const body = await expectOutcome(name, await ctx(v).get(url, { maxRedirects: 0 }), { status: 200 });
      expect.soft(named(body, 'id'), `${name}: the materials`).toEqual(publicOnly);
      // Judged as if signed out: nothing only a signed-in viewer may see, whoever fetched it.
      expectNoLeaks('anonymous', name, body, url);
    }
    const csvUrl = `/search/export.csv?q=${word}`;
    const name = `${viewerLabel(v)} × GET ${csvUrl}`;
    const csv = await expectOutcome(name, await ctx(v).get(csvUrl, { maxRedirects: 0 }), { status: 200 });
    expect.soft(named(csv, 'title'), `${name}: the rows`).toEqual(mainKeys.filter((m) => findable(v, m)));
    expectNoLeaks(v, name, csv, csvUrl);
  }
  await expectOutcome('anonymous × GET the feed of a council that does not exist', await ctx('anonymous').get(`/organisations/no-such-council-${run}/feed`), {
    status: 404,
  });
  // Structured data on a material's page, for those who may see it.
  const page = await expectOutcome('anonymous × GET the public material’s page', await ctx('anonymous').get(`/materials/${materials.public.id}`), { status: 200 });
  const data = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)?.[1] ?? 'null') as { '@type': string; name: string } | null;
  expect.soft(data, 'the public material’s structured data').toMatchObject({ '@type': 'DigitalDocument', name: materials.public.title });
});

// ---- The JSON API ------------------------------------------------------------------------------------

test('JSON API: each material, its downloads and search answer every viewer exactly as the pages do', async () => {
  const pageDownloads = getRoutes.filter((route) => route.kind === 'download');
  for (const v of viewerKeys) {
    for (const m of materialKeys) {
      const material = materials[m];
      const url = `/api/v1/materials/${material.id}`;
      const name = `${viewerLabel(v)} × ${material.label} × GET ${url}`;
      const response = await ctx(v).get(url, { maxRedirects: 0 });
      const body = await expectOutcome(name, response, canSee(v, m) ? { status: 200, text: material.title } : { status: 404, text: 'Material not found' });
      if (response.status() === 404) expect.soft(response.headers()['content-type'], `${name}: a problem`).toBe('application/problem+json');
      expectNoLeaks(v, name, body, url);
      // The API's downloads: the page's own answers (303 to a short-lived S3 link, or 404).
      for (const route of pageDownloads) {
        const apiUrl = `/api/v1${route.path(material.id)}`;
        const downloadName = `${viewerLabel(v)} × ${material.label} × GET ${apiUrl}`;
        const answer = await ctx(v).get(apiUrl, { maxRedirects: 0 });
        expectNoLeaks(v, downloadName, await expectOutcome(downloadName, answer, expectedGet(v, m, route, material.id, undefined)), apiUrl);
      }
    }
    const searchUrl = `/api/v1/search?q=${word}`;
    const name = `${viewerLabel(v)} × GET ${searchUrl}`;
    const body = await expectOutcome(name, await ctx(v).get(searchUrl, { maxRedirects: 0 }), { status: 200 });
    const found = (JSON.parse(body) as { results: { id: string }[] }).results.map((r) => materialKeys.find((m) => materials[m].id === r.id) ?? r.id);
    expect.soft(found.sort(), `${name}: the hits`).toEqual(mainKeys.filter((m) => findable(v, m)).sort());
    expectNoLeaks(v, name, body, searchUrl);
  }
});

test('projects and kits: their pages, the JSON API, the kit zip and the feeds answer every viewer by the same rules', async () => {
  test.setTimeout(180_000);
  const levels = ['public', 'councils', 'organisation'] as const;
  const inKits: MaterialKey[] = ['public', 'councils', 'organisation', 'withdrawn', 'otherCouncil'];
  const projects = {} as Record<(typeof levels)[number], string>;
  const kits = {} as Record<(typeof levels)[number], string>;
  // Seeded in the database (their forms have their own tests): council A's project and kit at each
  // visibility, each holding every matrix material (the project through an update). No contact: a
  // project shows its contact's address to everyone signed in from a council, by its own rule
  // (canSeeProjectContactEmail, proven in lib/projects and app/api/v1/projects), not this file's.
  for (const visibility of levels) {
    const project = await db.query<{ id: string }>(
      `INSERT INTO projects (organisation_id, name, summary, phase, start_on, visibility) VALUES ($1, $2, 'A project of the matrix', 'discovery', '2026-10-01', $3) RETURNING id`,
      [councils.a.id, `A ${visibility} project ${word}`, visibility],
    );
    projects[visibility] = project.rows[0]!.id;
    const update = await db.query<{ id: string }>(`INSERT INTO project_updates (project_id, organisation_id, posted_on, body) VALUES ($1, $2, '2026-11-01', 'Our research so far') RETURNING id`, [projects[visibility], councils.a.id]);
    const kit = await db.query<{ id: string }>(`INSERT INTO kits (title, visibility, organisation_id) VALUES ($1, $2, $3) RETURNING id`, [`A ${visibility} kit ${word}`, visibility, councils.a.id]);
    kits[visibility] = kit.rows[0]!.id;
    for (const [i, m] of inKits.entries()) {
      await db.query(`INSERT INTO project_update_materials (update_id, material_id) VALUES ($1, $2)`, [update.rows[0]!.id, materials[m].id]);
      await db.query(`INSERT INTO kit_items (kit_id, material_id, position, note) VALUES ($1, $2, $3, 'Why it is here')`, [kits[visibility], materials[m].id, i + 1]);
    }
  }
  const missing = randomUUID();
  const seesLevel = (v: ViewerKey, level: (typeof levels)[number] | 'missing') => level !== 'missing' && canSee(v, level);

  for (const v of viewerKeys) {
    for (const level of [...levels, 'missing'] as const) {
      const project = level === 'missing' ? missing : projects[level];
      const kit = level === 'missing' ? missing : kits[level];
      const want = seesLevel(v, level) ? { status: 200 } : { status: 404 };
      for (const url of [`/projects/${project}`, `/api/v1/projects/${project}`, `/kits/${kit}`, `/api/v1/kits/${kit}`, `/api/v1/kits/${kit}/download`]) {
        const name = `${viewerLabel(v)} × ${level} × GET ${url}`;
        const response = await ctx(v).get(url, { maxRedirects: 0 });
        const body = await expectOutcome(name, response, want);
        if (url.startsWith('/api/') && response.status() === 404) expect.soft(response.headers()['content-type'], `${name}: a problem`).toBe('application/problem+json');
        // The zip is stored, not deflated: its README and files would show any title that got in.
        expectNoLeaks(v, name, body, url);
      }
      // A feed is the same for everyone: public projects only, whoever asks.
      const feedUrl = `/projects/${project}/feed`;
      const feedName = `${viewerLabel(v)} × ${level} × GET ${feedUrl}`;
      expectNoLeaks('anonymous', feedName, await expectOutcome(feedName, await ctx(v).get(feedUrl), { status: level === 'public' ? 200 : 404 }), feedUrl);
    }
    const lists = [
      { url: `/api/v1/projects?council=${councils.a.slug}&limit=100`, ids: Object.values(projects), want: levels.filter((l) => seesLevel(v, l)).map((l) => projects[l]) },
      { url: '/api/v1/kits?limit=100', ids: Object.values(kits), want: levels.filter((l) => seesLevel(v, l)).map((l) => kits[l]) },
    ];
    for (const list of lists) {
      const name = `${viewerLabel(v)} × GET ${list.url}`;
      const body = await expectOutcome(name, await ctx(v).get(list.url), { status: 200 });
      const ids = (JSON.parse(body) as { results: { id: string }[] }).results.map((r) => r.id).filter((id) => list.ids.includes(id));
      expect.soft(ids.sort(), `${name}: the ones listed`).toEqual([...list.want].sort());
      expectNoLeaks(v, name, body, list.url);
    }
    const feedName = `${viewerLabel(v)} × GET /projects/feed`;
    const feed = await expectOutcome(feedName, await ctx(v).get(`/projects/feed?council=${councils.a.slug}`), { status: 200 });
    expect.soft(feed.includes(`A public project ${word}`) && !feed.includes(`A councils project ${word}`) && !feed.includes(`A organisation project ${word}`), `${feedName}: public projects only`).toBe(true);
    expectNoLeaks('anonymous', feedName, feed);
  }
});

// ---- Organisation, account and admin pages --------------------------------------------------------

test('organisation, account and admin pages: only those who may, and no one else’s email address', async () => {
  const { a, b } = councils;
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM materials WHERE organisation_id = $1 AND status = 'published' AND visibility = 'public'`,
    [a.id],
  );
  const publicCount = rows[0]!.n;
  const manages = (v: ViewerKey, council: 'a' | 'b') => v === 'siteAdmin' || v === (council === 'a' ? 'aAdmin' : 'bAdmin');

  for (const v of viewerKeys) {
    const pages: { url: string; want: Outcome }[] = [
      { url: `/organisations/${a.slug}`, want: { status: 200, text: a.name } },
      {
        url: `/organisations/${a.slug}/manage`,
        want: manages(v, 'a')
          ? { status: 200, text: `Manage ${a.name}` }
          : // Its own members are told whose page it is, and who its admins are (names only).
            v === 'aMember'
            ? { status: 200, text: `This page is for organisation admins of ${a.name}` }
            : { status: 404, text: 'Page not found' },
      },
      { url: `/organisations/${a.slug}/manage/email-domains`, want: manages(v, 'a') ? { status: 200 } : { status: 404, text: 'Page not found' } },
      {
        url: `/organisations/${a.slug}/manage/members/${people.aMember.id}/remove`,
        want: manages(v, 'a') ? { status: 200, text: `Are you sure you want to remove ${people.aMember.name}?` } : { status: 404 },
      },
      // Someone from another council, under this council's address: not found, even for its admins.
      { url: `/organisations/${a.slug}/manage/members/${people.bMember.id}/remove`, want: { status: 404 } },
      { url: `/organisations/${a.slug}/audit`, want: manages(v, 'a') ? { status: 200, text: 'Audit log' } : { status: 404, text: 'Page not found' } },
      {
        url: `/organisations/${b.slug}/manage`,
        want: manages(v, 'b') ? { status: 200, text: `Manage ${b.name}` } : v === 'bMember' ? { status: 200, text: `This page is for organisation admins of ${b.name}` } : { status: 404 },
      },
      { url: `/organisations/${b.slug}/audit`, want: manages(v, 'b') ? { status: 200, text: 'Audit log' } : { status: 404 } },
      { url: '/admin/organisations', want: v === 'siteAdmin' ? { status: 200, text: 'Organisations' } : { status: 404 } },
      { url: '/admin/organisations/new', want: v === 'siteAdmin' ? { status: 200 } : { status: 404 } },
      // Feedback may hold people's email addresses: site admins only (canReadFeedback).
      {
        url: '/admin/feedback',
        want: v === 'anonymous' ? { status: 307, location: signIn('/admin/feedback') } : v === 'siteAdmin' ? { status: 200, text: 'Feedback' } : { status: 404 },
      },
      { url: '/account', want: v === 'anonymous' ? { status: 307, location: signIn('/account') } : { status: 200, text: people[v as PersonKey]?.email } },
      { url: '/account/join', want: v === 'anonymous' ? { status: 307, location: signIn('/account/join') } : { status: 200 } },
      { url: '/admin/requests', want: v === 'siteAdmin' ? { status: 200, text: 'Requests waiting for a site admin' } : { status: 404 } },
      // Pages about oneself: anyone signed in, each about themself only.
      ...['/account/name', '/account/materials', '/account/leave', '/account/become-admin'].map((url) => ({
        url,
        want: v === 'anonymous' ? { status: 307, location: signIn(url) } : { status: 200 },
      })),
      {
        url: '/materials/new',
        want:
          v === 'anonymous'
            ? { status: 307, location: signIn('/materials/new') }
            : v === 'noOrg'
              ? { status: 200, text: 'You need to belong to a council or other public body to share materials' }
              : { status: 200, text: 'Share material' },
      },
    ];
    for (const { url, want } of pages) {
      const name = `${viewerLabel(v)} × GET ${url.replaceAll(people.aMember.id, '{member}').replaceAll(people.bMember.id, '{other council’s member}')}`;
      const response = await ctx(v).get(url, { maxRedirects: 0 });
      const body = await expectOutcome(name, response, want);
      expectNoLeaks(v, name, body, url);
      if (url === `/organisations/${a.slug}` && response.status() === 200) {
        const shown = body.match(/Public materials<\/dt><dd class="govuk-summary-list__value">(\d+)</)?.[1];
        expect.soft(Number(shown), `${name}: counts only ${a.name}'s published public materials`).toBe(publicCount);
        expect.soft(body.includes('Manage this organisation'), `${name}: the manage links`).toBe(manages(v, 'a'));
      }
      if (url === `/organisations/${a.slug}/manage` && manages(v, 'a') && response.status() === 200) {
        // Those who manage it do see the addresses of its members and of people asking to join.
        for (const person of [people.aMember, people.aAdmin, people.noOrg, people.aJoiner]) {
          expect.soft(body.includes(person.email), `${name}: shows the email address of “${person.label}”`).toBe(true);
        }
      }
    }

    // next-auth's session endpoint says who is signed in, and nothing more.
    const name = `${viewerLabel(v)} × GET /api/auth/session`;
    const session = await ctx(v).get('/api/auth/session', { maxRedirects: 0 });
    const body = await expectOutcome(name, session, { status: 200 });
    expect.soft(JSON.parse(body).user ?? null, `${name}: the user`).toEqual(v === 'anonymous' ? null : { id: people[v].id });
    expectNoLeaks(v, name, body);
  }
});

// ---- Forged and cross-site posts -----------------------------------------------------------------

test('cross-site posts and posts with no Origin are refused, and change nothing', async () => {
  const material = materials.public;
  for (const headers of [{ origin: 'https://evil.example' }, { origin: 'null' }, {} as Record<string, string>]) {
    const from = headers.origin ? `Origin ${headers.origin}` : 'no Origin';
    // As people who could make each change: only the Origin is wrong.
    for (const route of postRoutes) {
      const who: ViewerKey = route.kind === 'delete' ? 'siteAdmin' : 'aMember';
      const name = `${viewerLabel(who)} × ${material.label} × ${route.name} from ${from}`;
      const before = await snapshot(material.id);
      const response = await route.send(ctx(who), material.id, before, headers);
      await expectOutcome(name, response, { status: 403, text: 'This form must be sent from Discovery Commons itself.' });
      expect.soft(await snapshot(material.id), `${name}: nothing changed`).toEqual(before);
    }
    // Sharing.
    const title = `Cross-site share ${run} ${from}`;
    const name = `member × POST /materials/upload from ${from}`;
    const response = await postUpload(ctx('aMember'), { title, visibility: 'public' }, markdownFile('cross-site.md', '# Cross-site\n'), headers.origin ?? null);
    await expectOutcome(name, response, { status: 403, text: 'This form must be sent from Discovery Commons itself.' });
    const { rows } = await db.query('SELECT id FROM materials WHERE title = $1', [title]);
    expect.soft(rows, `${name}: nothing shared`).toEqual([]);
    // Signing out.
    const sessionsBefore = await sessionCount(people.aMember.id);
    const signOut = await ctx('aMember').post('/sign-out', { data: '', headers: formHeaders(headers), maxRedirects: 0 });
    await expectOutcome(`member × POST /sign-out from ${from}`, signOut, { status: 403 });
    expect.soft(await sessionCount(people.aMember.id), `member × POST /sign-out from ${from}: still signed in`).toBe(sessionsBefore);
  }
});

async function sessionCount(userId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [userId]);
  return rows[0]!.n;
}

test('a cross-site form in a real browser cannot withdraw a material', async ({ browser }) => {
  const material = materials.public;
  const before = await snapshot(material.id);
  const context = await browser.newContext();
  try {
    await context.addCookies([sessionCookie(people.aMember.sessionToken)]);
    await context.route('http://evil.example/**', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>Win a prize</title>
          <form method="post" action="${baseURL}/materials/${material.id}/withdraw/confirm">
            <input type="hidden" name="reason" value="Forged from another site ${run}">
            <button>Claim your prize</button>
          </form>`,
      }),
    );
    const page = await context.newPage();
    await page.goto('http://evil.example/');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/materials/${material.id}/withdraw/confirm`)),
      page.getByRole('button', { name: 'Claim your prize' }).click(),
    ]);
    expect.soft(response.status(), 'member (in a browser) × public × POST withdraw/confirm from another site').toBe(403);
  } finally {
    await context.close();
  }
  expect(await snapshot(material.id), 'a cross-site form: nothing changed').toEqual(before);
});

// ---- Organisation forms ----------------------------------------------------------------------------

async function personState(id: string) {
  const { rows } = await db.query('SELECT organisation_id, role, is_site_admin FROM users WHERE id = $1', [id]);
  return rows[0] as { organisation_id: string | null; role: string; is_site_admin: boolean };
}
async function joinRequestStatus(id: string) {
  const { rows } = await db.query<{ status: string }>('SELECT status FROM join_requests WHERE id = $1', [id]);
  return rows[0]?.status;
}
async function emailDomainsOf(organisationId: string) {
  const { rows } = await db.query<{ email_domains: string[] }>('SELECT email_domains FROM organisations WHERE id = $1', [organisationId]);
  return rows[0]!.email_domains;
}

test('organisation forms: forged without a session, from another council, by a plain member or from another site change nothing', async () => {
  test.setTimeout(120_000);
  const { a, b } = councils;
  const managePath = `/organisations/${a.slug}/manage`;
  const evil = 'https://evil.example';

  // The manage page's forms post to these routes (plain HTML forms, with or without JavaScript).
  const page = await (await ctx('aAdmin').get(managePath)).text();
  expect(page, 'the manage page posts role changes').toContain(`action="${managePath}/members/role"`);
  expect(page, 'the manage page posts decisions on requests to join').toContain(`action="${managePath}/join-requests/decide"`);

  type Attempt = { who: ViewerKey | PersonKey; from?: string; fields?: Record<string, string> };
  /** Who tries: nobody signed in, people of no or another council, a plain member, and admins posting from another site. */
  const attempts: Attempt[] = [
    { who: 'anonymous' },
    { who: 'noOrg' },
    { who: 'bMember' },
    { who: 'bAdmin' },
    { who: 'aMember' },
    { who: 'aAdmin', from: evil },
    { who: 'siteAdmin', from: evil },
  ];

  /**
   * Each attempt is refused and changes nothing: from another site, 403 before anything runs; not
   * signed in, to the sign-in page; signed in but not allowed, `refusal` (a plain 403, or the form's
   * page again with the problem when the thing acted on is not theirs to see).
   */
  async function tryAll(
    action: string,
    url: string,
    fields: Record<string, string>,
    state: () => Promise<unknown>,
    options: { extra?: Attempt[]; refusal?: Outcome; signInTo?: string } = {},
  ) {
    for (const attempt of [...attempts, ...(options.extra ?? [])]) {
      const name = `${viewerLabel(attempt.who)} × ${action}${attempt.from ? ` from ${attempt.from}` : ''}${attempt.fields ? ' (other fields)' : ''}`;
      const before = await state();
      const response = await postForm(ctx(attempt.who), url, attempt.fields ?? fields, attempt.from ? { origin: attempt.from } : origin);
      const want: Outcome = attempt.from
        ? { status: 403, text: 'This form must be sent from Discovery Commons itself.' }
        : attempt.who === 'anonymous'
          ? { status: 303, location: signIn(options.signInTo ?? managePath) }
          : (options.refusal ?? { status: 403 });
      const body = await expectOutcome(name, response, want);
      // Leaks are checked for the viewers the matrix describes; someone asking to join sees what anyone signed in sees.
      expectNoLeaks(attempt.who === 'aJoiner' ? 'noOrg' : (attempt.who as ViewerKey), name, body);
      expect.soft(await state(), `${name}: nothing changed`).toEqual(before);
    }
  }
  const backWithProblem = (path: string): Outcome => ({ status: 303, location: new RegExp(`^${path.replace(/[/]/g, '\\/')}\\?attempt=`) });

  // Making a member an organisation admin (a plain member promoting themself among the attempts).
  await tryAll(
    'POST members/role: make the member an organisation admin',
    `${managePath}/members/role`,
    { userId: people.aMember.id, role: 'org_admin' },
    () => personState(people.aMember.id),
    // Another council's admin, naming their own council but this council's member: not one of theirs.
    { extra: [{ who: 'bAdmin', fields: { userId: people.aMember.id, role: 'org_admin' } }] },
  );
  const ownCouncilWrongMember = await postForm(ctx('bAdmin'), `/organisations/${b.slug}/manage/members/role`, { userId: people.aMember.id, role: 'org_admin' });
  await expectOutcome('organisation admin of another council × their own council’s role form naming this council’s member', ownCouncilWrongMember, backWithProblem(`/organisations/${b.slug}/manage`));
  expect.soft((await personState(people.aMember.id)).role, 'another council’s admin: nothing changed').toBe('member');
  // The same request from the council's own admin works (so the forgeries above were well formed).
  const demote = await postForm(ctx('aAdmin'), `${managePath}/members/role`, { userId: people.aDemotedByAction.id, role: 'member' });
  await expectOutcome('organisation admin × POST members/role', demote, { status: 303, location: /done=role_changed/ });
  expect((await personState(people.aDemotedByAction.id)).role, 'organisation admin × POST members/role: the role is changed').toBe('member');

  // Removing a member.
  await tryAll('POST members/remove: remove the member', `${managePath}/members/remove`, { userId: people.aMember.id }, () => personState(people.aMember.id), {
    extra: [{ who: 'aMember', fields: { userId: people.aAdmin.id } }],
  });
  const removed = await postForm(ctx('aAdmin'), `${managePath}/members/remove`, { userId: people.aRemoved.id });
  await expectOutcome('organisation admin × POST members/remove', removed, { status: 303, location: /done=removed/ });
  expect((await personState(people.aRemoved.id)).organisation_id, 'organisation admin × POST members/remove: removed').toBeNull();
  // From their very next request they no longer see the council's private material.
  const next = await ctx('aRemoved').get(`/materials/${materials.organisation.id}`, { maxRedirects: 0 });
  expect.soft(next.status(), 'member removed by their organisation admin × organisation × GET page (next request)').toBe(404);

  // Approving a request to join (including the person asking, approving themself). A request the
  // viewer may not decide is "not found": they are sent back to the page, which says so.
  const joinState = async () => [await joinRequestStatus(people.aJoiner.joinRequestId!), (await personState(people.aJoiner.id)).organisation_id];
  await tryAll(
    'POST join-requests/decide: approve a request to join',
    `${managePath}/join-requests/decide`,
    { requestId: people.aJoiner.joinRequestId!, decision: 'approve' },
    joinState,
    { refusal: backWithProblem(managePath), extra: [{ who: 'aJoiner' }] },
  );
  const refused = await postForm(ctx('aAdmin'), `${managePath}/join-requests/decide`, { requestId: people.aJoiner.joinRequestId!, decision: 'refuse' });
  await expectOutcome('organisation admin × POST join-requests/decide', refused, { status: 303, location: /done=refused/ });
  expect(await joinRequestStatus(people.aJoiner.joinRequestId!), 'organisation admin × POST join-requests/decide: refused').toBe('refused');

  // Changing the email domains.
  const domainsBefore = await emailDomainsOf(a.id);
  const evilDomain = `evil-${run}.example`;
  await tryAll(
    'POST email-domains/save: add a domain',
    `${managePath}/email-domains/save`,
    { emailDomains: [...domainsBefore, evilDomain].join('\n') },
    () => emailDomainsOf(a.id),
    { signInTo: `${managePath}/email-domains` },
  );
  const ownDomain = `authz-${run}.example`;
  const added = await postForm(ctx('aAdmin'), `${managePath}/email-domains/save`, { emailDomains: [...domainsBefore, ownDomain].join('\n') });
  await expectOutcome('organisation admin × POST email-domains/save', added, { status: 303, location: /done=domains_updated/ });
  expect(await emailDomainsOf(a.id), 'organisation admin × POST email-domains/save: added').toEqual([...domainsBefore, ownDomain]);
  await postForm(ctx('aAdmin'), `${managePath}/email-domains/save`, { emailDomains: domainsBefore.join('\n') });
  expect(await emailDomainsOf(a.id), 'organisation admin × POST email-domains/save: put back').toEqual(domainsBefore);

  // Adding a public body: site admins only.
  const bodyName = `Authz public body ${run}`;
  const bodyCount = async () => (await db.query('SELECT id FROM organisations WHERE name = $1', [bodyName])).rows.length;
  await tryAll('POST /admin/organisations/add', '/admin/organisations/add', { name: bodyName, homepageUrl: '', emailDomains: '' }, bodyCount, {
    signInTo: '/admin/organisations/new',
  });
  const add = await postForm(ctx('siteAdmin'), '/admin/organisations/add', { name: bodyName, homepageUrl: '', emailDomains: '' });
  await expectOutcome('site admin × POST /admin/organisations/add', add, { status: 303, location: /added=/ });
  expect(await bodyCount(), 'site admin × POST /admin/organisations/add: added').toBe(1);

  // Deciding a request to become an organisation's admin: site admins only (a plain 403 for anyone else).
  const { rows: asked } = await db.query<{ id: string }>(
    `INSERT INTO admin_requests (user_id, organisation_id, message) VALUES ($1, $2, $3) RETURNING id`,
    [people.aMember.id, a.id, `Make me admin (${run})`],
  );
  const adminRequestId = asked[0]!.id;
  const adminRequestState = async () => [
    (await db.query<{ status: string }>('SELECT status FROM admin_requests WHERE id = $1', [adminRequestId])).rows[0]?.status,
    (await personState(people.aMember.id)).role,
  ];
  await tryAll('POST /admin/requests/decide: approve a first admin', '/admin/requests/decide', { requestId: adminRequestId, decision: 'approve' }, adminRequestState, {
    signInTo: '/admin/requests',
  });
  const decidedBySiteAdmin = await postForm(ctx('siteAdmin'), '/admin/requests/decide', { requestId: adminRequestId, decision: 'refuse' });
  await expectOutcome('site admin × POST /admin/requests/decide', decidedBySiteAdmin, { status: 303, location: /done=refused/ });
  expect(await adminRequestState(), 'site admin × POST /admin/requests/decide: refused').toEqual(['refused', 'member']);

  // Asking to become an admin: not while the council has one; not without a council.
  const askedBefore = async () => (await db.query('SELECT id FROM admin_requests WHERE user_id = ANY($1)', [[people.aMember.id, people.noOrg.id]])).rows.length;
  const askCount = await askedBefore();
  await expectOutcome('anonymous × POST /account/become-admin/send', await postForm(ctx('anonymous'), '/account/become-admin/send', {}), {
    status: 303,
    location: signIn('/account/become-admin'),
  });
  await expectOutcome('member × POST /account/become-admin/send (the council has an admin)', await postForm(ctx('aMember'), '/account/become-admin/send', {}), backWithProblem('/account/become-admin'));
  await expectOutcome('signed in, no organisation × POST /account/become-admin/send', await postForm(ctx('noOrg'), '/account/become-admin/send', {}), { status: 403 });
  expect.soft(await askedBefore(), 'asking to become an admin: nothing added').toBe(askCount);

  // Writing to a council's admins: anyone signed in, from this site.
  const contactPath = `/organisations/${a.slug}/contact/send`;
  const messagesFrom = async (id: string) => (await db.query('SELECT id FROM contact_messages WHERE sender_id = $1', [id])).rows.length;
  await expectOutcome('anonymous × POST contact/send', await postForm(ctx('anonymous'), contactPath, { message: `Hello ${run}` }), {
    status: 303,
    location: signIn(`/organisations/${a.slug}`),
  });
  await expectOutcome(`member of another council × POST contact/send from ${evil}`, await postForm(ctx('bMember'), contactPath, { message: `Hello ${run}` }, { origin: evil }), {
    status: 403,
  });
  expect.soft(await messagesFrom(people.bMember.id), 'a forged message: nothing stored').toBe(0);
  const wrote = await postForm(ctx('bMember'), contactPath, { message: `Hello from ${run}` });
  await expectOutcome('member of another council × POST contact/send', wrote, { status: 303, location: `/organisations/${a.slug}?sent=1#contact` });
  expect.soft(await messagesFrom(people.bMember.id), 'member of another council × POST contact/send: stored').toBe(1);

  // Leaving and naming oneself: only for oneself, only from this site.
  await expectOutcome('anonymous × POST /account/leave/confirm', await postForm(ctx('anonymous'), '/account/leave/confirm', {}), { status: 303, location: signIn('/account/leave') });
  await expectOutcome(`member × POST /account/leave/confirm from ${evil}`, await postForm(ctx('aMember'), '/account/leave/confirm', {}, { origin: evil }), { status: 403 });
  await expectOutcome('signed in, no organisation × POST /account/leave/confirm', await postForm(ctx('noOrg'), '/account/leave/confirm', {}), { status: 403 });
  expect.soft((await personState(people.aMember.id)).organisation_id, 'a forged leave: still a member').toBe(a.id);
  await expectOutcome('anonymous × POST /account/name/save', await postForm(ctx('anonymous'), '/account/name/save', { name: 'Forged' }), { status: 303, location: signIn('/account/name') });
  await expectOutcome(`member × POST /account/name/save from ${evil}`, await postForm(ctx('aMember'), '/account/name/save', { name: 'Forged' }, { origin: evil }), { status: 403 });
  expect.soft((await db.query('SELECT name FROM users WHERE id = $1', [people.aMember.id])).rows[0].name, 'a forged name: unchanged').toBe(people.aMember.name);

  // Cancelling someone else's request to join: not theirs, so "not found", said on their own page.
  const requestId = people.noOrg.joinRequestId!;
  for (const who of ['bMember', 'aAdmin', 'aJoiner'] as const) {
    const name = `${viewerLabel(who)} × POST /account/join/cancel on another person's request`;
    const response = await postForm(ctx(who), '/account/join/cancel', { requestId });
    await expectOutcome(name, response, backWithProblem('/account/join'));
    expect.soft(await joinRequestStatus(requestId), `${name}: nothing changed`).toBe('pending');
  }
  const anonymousCancel = await postForm(ctx('anonymous'), '/account/join/cancel', { requestId });
  await expectOutcome('anonymous × POST /account/join/cancel', anonymousCancel, { status: 303, location: signIn('/account/join') });
  const fromEvil = await postForm(ctx('noOrg'), '/account/join/cancel', { requestId }, { origin: evil });
  await expectOutcome(`signed in, no organisation × POST /account/join/cancel on their own request from ${evil}`, fromEvil, { status: 403 });
  expect.soft(await joinRequestStatus(requestId), `their own request from ${evil}: nothing changed`).toBe('pending');
  const cancelled = await postForm(ctx('noOrg'), '/account/join/cancel', { requestId });
  await expectOutcome('signed in, no organisation × POST /account/join/cancel on their own request', cancelled, { status: 303, location: /done=cancelled/ });
  expect(await joinRequestStatus(requestId), 'signed in, no organisation × POST /account/join/cancel: cancelled').toBe('cancelled');
});

// ---- Sharing ---------------------------------------------------------------------------------------

test('sharing: a member shares only for their own council, and a refused upload’s answers are theirs alone', async () => {
  // A member naming another council in the form still shares for their own.
  const title = `Shared for another council ${run}`;
  const { body, contentType } = multipartBody([
    ['title', title],
    ['phases', 'discovery'],
    ['artefactType', 'research-plan'],
    ['kind', 'template'],
    ['tags', ''],
    ['council', councils.b.slug],
    ['visibility', 'organisation'],
    ['file', markdownFile('other-council.md', `# ${title}\n`)],
  ]);
  const shared = await ctx('aMember').post('/materials/upload', { data: body, headers: { 'content-type': contentType, ...origin }, maxRedirects: 0 });
  await expectOutcome('member × POST /materials/upload naming another council', shared, { status: 303, location: /^\/materials\/[0-9a-f-]{36}\/check\?shared=1$/ });
  const { rows } = await db.query<{ organisation_id: string }>('SELECT organisation_id FROM materials WHERE title = $1', [title]);
  expect(rows.map((r) => r.organisation_id), 'member × POST /materials/upload naming another council: shared for their own').toEqual([councils.a.id]);

  // Not signed in, or with no organisation: nothing is shared.
  for (const who of ['anonymous', 'noOrg'] as const) {
    const refusedTitle = `Shared by ${who} ${run}`;
    const name = `${viewerLabel(who)} × POST /materials/upload`;
    const response = await postUpload(ctx(who), { title: refusedTitle, visibility: 'public' }, markdownFile('refused.md', '# Refused\n'));
    if (who === 'anonymous') await expectOutcome(name, response, { status: 303, location: signIn('/materials/new') });
    else await expectOutcome(name, response, { status: 303, location: /^\/materials\/new\?attempt=/ });
    const found = await db.query('SELECT id FROM materials WHERE title = $1', [refusedTitle]);
    expect.soft(found.rows, `${name}: nothing shared`).toEqual([]);
  }

  // A refused upload (no file) is shown again with its answers, to the person who sent it only.
  const secret = `Redundancy consultation plan ${run}`;
  const attempt = await postUpload(ctx('aMember'), { title: secret, summary: `Private notes ${run}`, visibility: 'organisation' }, undefined);
  expect(attempt.status(), 'member × POST /materials/upload without a file').toBe(303);
  const location = attempt.headers()['location'] ?? '';
  expect(location, 'member × POST /materials/upload without a file: back to the form').toMatch(/^\/materials\/new\?attempt=[0-9a-f-]{36}$/);
  const own = await (await ctx('aMember').get(location)).text();
  expect(own, 'member × GET their refused upload: their answers are kept').toContain(secret);
  for (const who of ['bMember', 'bAdmin', 'aAdmin', 'siteAdmin', 'noOrg'] as const) {
    const name = `${viewerLabel(who)} × GET the member's refused upload (/materials/new?attempt=…)`;
    const response = await ctx(who).get(location, { maxRedirects: 0 });
    const html = await expectOutcome(name, response, { status: 200 });
    expect.soft(html.includes(secret), `${name}: shows the member's answers`).toBe(false);
  }

  // The same for a refused change of details: kept for the member who made it, and no one else.
  const material = materials.organisation;
  const before = (await snapshot(material.id))!;
  const editSecret = `Confidential restructure notes ${run}`;
  const refusedEdit = await postForm(ctx('aMember'), `/materials/${material.id}/edit/save`, editFields(before, { title: '', summary: editSecret }));
  const editLocation = refusedEdit.headers()['location'] ?? '';
  expect(editLocation, 'member × organisation × POST edit/save with no title: back to the form').toMatch(
    new RegExp(`^/materials/${material.id}/edit\\?attempt=[0-9a-f-]{36}$`),
  );
  expect(await (await ctx('aMember').get(editLocation)).text(), 'member × GET their refused change: their answers are kept').toContain(editSecret);
  for (const who of ['aAdmin', 'siteAdmin'] as const) {
    const name = `${viewerLabel(who)} × GET the member's refused change (/materials/…/edit?attempt=…)`;
    const html = await expectOutcome(name, await ctx(who).get(editLocation, { maxRedirects: 0 }), { status: 200, text: 'Change the details' });
    expect.soft(html.includes(editSecret), `${name}: shows the member's answers`).toBe(false);
  }
  expect(await snapshot(material.id), 'member × organisation × POST edit/save with no title: nothing changed').toEqual(before);
});

// ---- Revocation ------------------------------------------------------------------------------------

test('revocation takes effect on the very next request', async () => {
  const organisationOnly = materials.organisation;
  const councilsOnly = materials.councils;
  const searchIds = async (who: PersonKey | ViewerKey) => resultIds(await (await ctx(who).get(`/search?q=${word}`)).text());

  // Taken out of the council.
  const leaver = ctx('aLeaver');
  expect((await leaver.get(`/materials/${organisationOnly.id}`, { maxRedirects: 0 })).status(), 'member, before: organisation × GET page').toBe(200);
  expect(await searchIds('aLeaver'), 'member, before: search').toContain(organisationOnly.id);
  await db.query('UPDATE users SET organisation_id = NULL WHERE id = $1', [people.aLeaver.id]);
  const who = viewerLabel('aLeaver');
  expect.soft((await leaver.get(`/materials/${organisationOnly.id}`, { maxRedirects: 0 })).status(), `${who} × organisation × GET page`).toBe(404);
  expect.soft((await leaver.get(`/materials/${organisationOnly.id}/download`, { maxRedirects: 0 })).status(), `${who} × organisation × GET download`).toBe(404);
  expect.soft(await (await leaver.get(`/materials/${organisationOnly.id}/preview/thumbnail`)).text(), `${who} × organisation × GET preview thumbnail`).toBe('Material not found');
  expect.soft((await leaver.get(`/materials/${councilsOnly.id}`, { maxRedirects: 0 })).status(), `${who} × councils × GET page`).toBe(404);
  const leaverHits = await searchIds('aLeaver');
  expect.soft(leaverHits, `${who} × search`).not.toContain(organisationOnly.id);
  expect.soft(leaverHits, `${who} × search`).not.toContain(councilsOnly.id);
  const edit = await postForm(leaver, `/materials/${materials.public.id}/edit/save`, { title: `Taken over ${run}` });
  expect.soft(edit.status(), `${who} × public × POST edit/save`).toBe(403);

  // Signed out everywhere (the session row deleted): anonymous at once.
  await db.query('DELETE FROM sessions WHERE user_id = $1', [people.aLeaver.id]);
  const account = await leaver.get('/account', { maxRedirects: 0 });
  expect.soft([account.status(), account.headers()['location']], `${who}, session ended × GET /account`).toEqual([307, signIn('/account')]);

  // An organisation admin made a member.
  const demoted = ctx('aDemoted');
  const manage = `/organisations/${councils.a.slug}/manage`;
  expect((await demoted.get(manage, { maxRedirects: 0 })).status(), 'organisation admin, before: GET manage').toBe(200);
  await db.query(`UPDATE users SET role = 'member' WHERE id = $1`, [people.aDemoted.id]);
  // Still a member: the manage page now only says whose page it is.
  const demotedManage = await demoted.get(manage, { maxRedirects: 0 });
  await expectOutcome(`${viewerLabel('aDemoted')} × GET manage`, demotedManage, { status: 200, text: `This page is for organisation admins of ${councils.a.name}` });
  expect.soft((await demoted.get(`/organisations/${councils.a.slug}/audit`, { maxRedirects: 0 })).status(), `${viewerLabel('aDemoted')} × GET audit`).toBe(404);
  // Still a member: still sees the council's private material.
  expect.soft((await demoted.get(`/materials/${organisationOnly.id}`, { maxRedirects: 0 })).status(), `${viewerLabel('aDemoted')} × organisation × GET page`).toBe(200);

  // A site admin who stops being one.
  const exAdmin = ctx('exSiteAdmin');
  expect((await exAdmin.get('/admin/organisations', { maxRedirects: 0 })).status(), 'site admin, before: GET /admin/organisations').toBe(200);
  expect((await exAdmin.get(`/materials/${materials.otherCouncil.id}`, { maxRedirects: 0 })).status(), 'site admin, before: other council × GET page').toBe(200);
  await db.query('UPDATE users SET is_site_admin = false WHERE id = $1', [people.exSiteAdmin.id]);
  const ex = viewerLabel('exSiteAdmin');
  expect.soft((await exAdmin.get('/admin/organisations', { maxRedirects: 0 })).status(), `${ex} × GET /admin/organisations`).toBe(404);
  expect.soft((await exAdmin.get(`/materials/${materials.otherCouncil.id}`, { maxRedirects: 0 })).status(), `${ex} × other council × GET page`).toBe(404);
  expect.soft((await exAdmin.get(`/materials/${materials.withdrawn.id}`, { maxRedirects: 0 })).status(), `${ex} × withdrawn × GET page`).toBe(404);
  const del = await postForm(exAdmin, `/materials/${materials.public.id}/delete/confirm`, {});
  expect.soft(del.status(), `${ex} × public × POST delete/confirm`).toBe(403);
  expect.soft(await snapshot(materials.public.id), `${ex} × public × POST delete/confirm: not deleted`).not.toBeNull();

  // A councils material narrowed to its own council: gone for the other council at once.
  const other = ctx('bMember');
  expect((await other.get(`/materials/${councilsOnly.id}`, { maxRedirects: 0 })).status(), 'member of another council, before: councils × GET page').toBe(200);
  const before = (await snapshot(councilsOnly.id))!;
  const narrowed = await postForm(ctx('aMember'), `/materials/${councilsOnly.id}/edit/save`, editFields(before, { visibility: 'organisation' }));
  expect(narrowed.status(), 'member × councils × POST edit/save to organisation only').toBe(303);
  const b = viewerLabel('bMember');
  expect.soft((await other.get(`/materials/${councilsOnly.id}`, { maxRedirects: 0 })).status(), `${b} × councils narrowed to organisation × GET page`).toBe(404);
  expect.soft((await other.get(`/materials/${councilsOnly.id}/download`, { maxRedirects: 0 })).status(), `${b} × councils narrowed to organisation × GET download`).toBe(404);
  expect.soft((await other.get(`/materials/${councilsOnly.id}/versions/1/download`, { maxRedirects: 0 })).status(), `${b} × councils narrowed to organisation × GET version 1 download`).toBe(404);
  expect.soft(await searchIds('bMember'), `${b} × councils narrowed to organisation × search`).not.toContain(councilsOnly.id);
  await expectSearch('bMember', `q=${word}&council=${councils.a.slug}`, ['public'], {
    facets: ['public', 'otherCouncil'],
    selected: 'a',
    label: `${word}, ${councils.a.name}, after narrowing`,
  });
  const widened = await postForm(ctx('aMember'), `/materials/${councilsOnly.id}/edit/save`, editFields(before));
  expect(widened.status(), 'member × councils × POST edit/save back to councils').toBe(303);
  expect.soft((await other.get(`/materials/${councilsOnly.id}`, { maxRedirects: 0 })).status(), `${b} × councils widened again × GET page`).toBe(200);

  // A public material withdrawn: gone for everyone outside the council at once, back when restored.
  const publicOne = materials.public;
  await withdrawMaterial(ctx('aMember'), publicOne.id, `Withdrawn for a moment ${run}`);
  for (const viewer of ['anonymous', 'noOrg', 'bMember'] as const) {
    expect.soft((await ctx(viewer).get(`/materials/${publicOne.id}`, { maxRedirects: 0 })).status(), `${viewerLabel(viewer)} × public, just withdrawn × GET page`).toBe(404);
    expect.soft(await searchIds(viewer), `${viewerLabel(viewer)} × public, just withdrawn × search`).not.toContain(publicOne.id);
  }
  const restored = await postForm(ctx('aMember'), `/materials/${publicOne.id}/restore`, {});
  expect(restored.status(), 'member × public × POST restore').toBe(303);
  expect.soft((await ctx('anonymous').get(`/materials/${publicOne.id}`, { maxRedirects: 0 })).status(), 'anonymous × public, restored × GET page').toBe(200);
});

// ---- Drafts, findings and concerns ---------------------------------------------------------------

test('a draft and its findings are its council’s; concerns are decided by the owning council’s admins, who never learn who raised them', async () => {
  test.setTimeout(120_000);
  // A draft: shared, never published. Its own word, so the search tests above are not affected by it.
  const draftWord = `draft${run}`;
  const draftTitle = `Draft plan ${draftWord}`;
  const uploaded = await postUpload(
    ctx('aMember'),
    { title: draftTitle, summary: `A draft, marker mkdraft${run}.`, visibility: 'public', tags: 'authorisation matrix' },
    markdownFile(`draft-${run}.md`, `# ${draftTitle}\n\nCall Jane on 07700 900123.\n`),
  );
  const draftId = uploaded.headers()['location']?.match(/^\/materials\/([0-9a-f-]{36})\/check\?shared=1$/)?.[1];
  expect(draftId, 'the draft is shared, to its check page').toBeDefined();
  const draft = draftId!;
  const ofTheCouncil = (v: ViewerKey) => A_VIEWERS.includes(v);

  for (const v of viewerKeys) {
    const rows: { route: string; want: Outcome }[] = [
      { route: `/materials/${draft}`, want: ofTheCouncil(v) ? { status: 200, text: draftTitle } : { status: 404, text: 'Page not found' } },
      { route: `/materials/${draft}/download`, want: ofTheCouncil(v) ? { status: 303, location: s3Download } : { status: 404 } },
      {
        route: `/materials/${draft}/check`,
        want: v === 'anonymous' ? { status: 307, location: signIn(`/materials/${draft}/check`) } : ofTheCouncil(v) ? { status: 200, text: 'Check before you publish' } : { status: 404 },
      },
      { route: `/search?q=${draftWord}`, want: { status: 200 } },
    ];
    for (const { route, want } of rows) {
      const name = `${viewerLabel(v)} × draft × GET ${route.replace(draft, '{draft}')}`;
      const body = await expectOutcome(name, await ctx(v).get(route, { maxRedirects: 0 }), want);
      // (Its id is in the address asked for, so may be in the answer; its title and summary may not.)
      if (!ofTheCouncil(v)) expect.soft(body.includes(draftTitle) || body.includes(`mkdraft${run}`), `${name}: nothing of the draft`).toBe(false);
      if (route.startsWith('/search')) expect.soft(body.includes(draft), `${name}: drafts are never in search, not even for their council`).toBe(false);
    }
    // Only those who may change it publish it; for anyone else the draft does not exist.
    if (!ofTheCouncil(v)) {
      const name = `${viewerLabel(v)} × draft × POST check/publish`;
      const response = await postForm(ctx(v), `/materials/${draft}/check/publish`, { reason: `Forged publication ${run}` });
      await expectOutcome(name, response, { status: 404, text: 'Page not found' });
      expect.soft((await snapshot(draft))?.status, `${name}: still a draft`).toBe('draft');
    }
  }

  // A concern about council A's public material, raised by a member of council B (the one raised in
  // the posts above, if it is still open: the same person's open concern is not raised twice).
  const material = materials.public;
  const raised = await postForm(ctx('bMember'), `/materials/${material.id}/report/send`, { reason: 'personal-data', details: `Page 2 has a phone number ${run}` });
  expect(raised.status(), 'member of another council raises a concern').toBe(303);
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM concern_reports WHERE material_id = $1 AND reporter_user_id = $2 AND status = 'open'`, [
    material.id,
    people.bMember.id,
  ]);
  const concern = rows[0]!.id;
  const decides = (v: ViewerKey) => v === 'aAdmin' || v === 'siteAdmin';
  const reporterName = people.bMember.name;
  expect(reporterName, 'the reporter has a name to look for').toBeTruthy();

  for (const v of viewerKeys) {
    const queue = await expectOutcome(
      `${viewerLabel(v)} × GET /concerns`,
      await ctx(v).get('/concerns', { maxRedirects: 0 }),
      v === 'anonymous' ? { status: 307, location: signIn('/concerns') } : { status: 200, text: 'Concerns about materials' },
    );
    if (v !== 'anonymous') expect.soft(queue.includes(`/concerns/${concern}`), `${viewerLabel(v)} × GET /concerns: lists the concern`).toBe(decides(v));
    const page = await expectOutcome(
      `${viewerLabel(v)} × GET /concerns/{concern}`,
      await ctx(v).get(`/concerns/${concern}`, { maxRedirects: 0 }),
      v === 'anonymous' ? { status: 307, location: signIn(`/concerns/${concern}`) } : decides(v) ? { status: 200, text: material.title } : { status: 404 },
    );
    // Who raised it: the site admins may know; the council that shared the material never does.
    for (const [where, body] of [
      ['/concerns', queue],
      ['/concerns/{concern}', page],
    ] as const) {
      expect.soft(body.includes(reporterName!), `${viewerLabel(v)} × GET ${where}: names who raised it`).toBe(v === 'siteAdmin');
    }
    if (!decides(v)) {
      const name = `${viewerLabel(v)} × POST /concerns/{concern}/decide`;
      const response = await postForm(ctx(v), `/concerns/${concern}/decide`, { decision: 'hide', note: `Forged decision ${run}` });
      await expectOutcome(name, response, { status: 404 });
      expect.soft((await snapshot(material.id))?.status, `${name}: the material is not hidden`).toBe('published');
    }
  }

  // The owning council's admin dismisses it; the reporter sees the outcome on their account page.
  const decided = await postForm(ctx('aAdmin'), `/concerns/${concern}/decide`, { decision: 'dismiss', note: `Those are our office numbers ${run}` });
  await expectOutcome('organisation admin × POST /concerns/{concern}/decide', decided, { status: 303, location: `/concerns/${concern}?decided=1` });
  const account = await (await ctx('bMember').get('/account')).text();
  expect.soft(account.includes(`Those are our office numbers ${run}`), 'the reporter is told the outcome on their account page').toBe(true);
});
