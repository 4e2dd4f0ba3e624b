import { createHash, randomUUID } from 'node:crypto';
import { request, type APIRequestContext, type APIResponse } from '@playwright/test';
import { Client } from 'pg';
import { baseURL, e2eDatabaseName } from './settings';

/**
 * People and materials for the authorisation matrix (e2e/authorisation-matrix.spec.ts), made fresh
 * for each run (unique addresses and words) in the database the production server of the browser
 * tests uses.
 *
 * People are written straight into the users table and signed in the way next-auth would sign them
 * in: a row in sessions holding the SHA-256 of a random token (lib/sign-in/drizzle-adapter.ts,
 * hashSessionToken), expiring when next-auth's would (lib/sign-in/auth-options.ts, 14 days), and the
 * token itself in the `next-auth.session-token` cookie (no __Secure- prefix on http). The server reads
 * the person's organisation, role and site-admin flag live on every request, so changing them here
 * takes effect on their very next request.
 *
 * Materials are shared through the real upload form (a multipart post to /materials/upload, the file
 * last, with this site's Origin), so their rows, stored files, audit events and search entries are
 * exactly what a person sharing them would make.
 */

export { baseURL } from './settings';

/** next-auth's session cookie on http (lib/sign-in/current-viewer.ts lists both names). */
export const sessionCookieName = 'next-auth.session-token';

/** As lib/sign-in/auth-options.ts SESSION_MAX_AGE_SECONDS. */
const sessionMaxAgeMs = 14 * 24 * 60 * 60 * 1000;

/** The database the production server of the browser tests runs on: as playwright.config.ts gives it. */
export function e2eDatabaseUrl(): string {
  const postgres = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  return Object.assign(new URL(postgres), { pathname: `/${e2eDatabaseName}` }).toString();
}

export async function openDatabase(): Promise<Client> {
  const db = new Client({ connectionString: e2eDatabaseUrl() });
  await db.connect();
  return db;
}

/** The session token as lib/sign-in/drizzle-adapter.ts stores it: SHA-256, hex. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface Councils {
  /** The council whose materials the matrix asks about (its slug, e.g. 'bristol'). */
  a: { slug: string; id: string; name: string };
  /** Another council, with private material of its own. */
  b: { slug: string; id: string; name: string };
}

export async function findCouncils(db: Client, a = 'bristol', b = 'leeds'): Promise<Councils> {
  const { rows } = await db.query<{ id: string; slug: string; name: string }>(
    'SELECT id, slug, name FROM organisations WHERE slug = ANY($1)',
    [[a, b]],
  );
  const find = (slug: string) => {
    const row = rows.find((r) => r.slug === slug);
    if (!row) throw new Error(`No organisation '${slug}' in ${e2eDatabaseUrl()}: has the server started and loaded the councils?`);
    return row;
  };
  return { a: find(a), b: find(b) };
}

export interface PersonSpec {
  /** Short name used in test titles, e.g. 'member of another council'. */
  label: string;
  council: 'a' | 'b' | null;
  role?: 'member' | 'org_admin';
  siteAdmin?: boolean;
  /** A display name; null leaves it unset ("Unnamed user"). */
  name?: string | null;
  /** A pending request to join this council (for people with no council). */
  asksToJoin?: 'a' | 'b';
}

export interface Person {
  key: string;
  label: string;
  id: string;
  email: string;
  name: string | null;
  organisationId: string | null;
  role: 'member' | 'org_admin';
  isSiteAdmin: boolean;
  /** The raw session token: the value of the `next-auth.session-token` cookie. */
  sessionToken: string;
  /** The pending join request this person made, if any. */
  joinRequestId: string | null;
  joinRequestOrganisationId: string | null;
}

/**
 * Creates each person (verified address, organisation, role, site-admin flag) and a database session
 * for them, exactly as the adapter would, and returns them with their raw session token.
 */
export async function seedPeople<K extends string>(
  db: Client,
  councils: Councils,
  run: string,
  specs: Record<K, PersonSpec>,
): Promise<Record<K, Person>> {
  const people = {} as Record<K, Person>;
  for (const key of Object.keys(specs) as K[]) {
    const spec = specs[key];
    const organisation = spec.council ? councils[spec.council] : null;
    const domain = organisation ? `${organisation.slug}.gov.uk` : 'example.org';
    const email = `authz-${key.toLowerCase()}.${run}@${domain}`;
    const name = spec.name === undefined ? `Authz ${spec.label} ${run}` : spec.name;
    const role = spec.role ?? 'member';
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO users (email, name, email_verified, organisation_id, role, is_site_admin)
       VALUES ($1, $2, now(), $3, $4, $5) RETURNING id`,
      [email, name, organisation?.id ?? null, role, spec.siteAdmin ?? false],
    );
    const id = rows[0]!.id;
    const sessionToken = await createSession(db, id);
    let joinRequestId: string | null = null;
    let joinRequestOrganisationId: string | null = null;
    if (spec.asksToJoin) {
      joinRequestOrganisationId = councils[spec.asksToJoin].id;
      const request = await db.query<{ id: string }>(
        `INSERT INTO join_requests (user_id, organisation_id, message, status) VALUES ($1, $2, $3, 'pending') RETURNING id`,
        [id, joinRequestOrganisationId, `Please let me join (${run})`],
      );
      joinRequestId = request.rows[0]!.id;
    }
    people[key] = {
      key,
      label: spec.label,
      id,
      email,
      name,
      organisationId: organisation?.id ?? null,
      role,
      isSiteAdmin: spec.siteAdmin ?? false,
      sessionToken,
      joinRequestId,
      joinRequestOrganisationId,
    };
  }
  return people;
}

/** A session row as next-auth's adapter writes it; returns the raw token for the cookie. */
export async function createSession(db: Client, userId: string): Promise<string> {
  // next-auth's own generateSessionToken: randomUUID.
  const token = randomUUID();
  await db.query('INSERT INTO sessions (session_token, user_id, expires) VALUES ($1, $2, $3)', [
    hashSessionToken(token),
    userId,
    new Date(Date.now() + sessionMaxAgeMs),
  ]);
  return token;
}

/** The cookie a browser signed in with this token would hold (as Playwright's storage state). */
export function sessionCookie(token: string) {
  return {
    name: sessionCookieName,
    value: token,
    domain: new URL(baseURL).hostname,
    path: '/',
    expires: Math.floor((Date.now() + sessionMaxAgeMs) / 1000),
    httpOnly: true,
    secure: false,
    sameSite: 'Lax' as const,
  };
}

/** A request context carrying the person's session cookie, or none for an anonymous visitor. */
export async function requestContextFor(person: Pick<Person, 'sessionToken'> | null): Promise<APIRequestContext> {
  return request.newContext({
    baseURL,
    storageState: { cookies: person ? [sessionCookie(person.sessionToken)] : [], origins: [] },
  });
}

// ---- Materials, through the real forms -------------------------------------------------------------

export interface MaterialAnswers {
  title: string;
  summary?: string;
  phases?: string[];
  artefactType?: string;
  kind?: string;
  topics?: string[];
  tags?: string;
  visibility: 'public' | 'councils' | 'organisation';
  licence?: string;
}

export interface FilePart {
  name: string;
  content: Buffer | string;
  contentType?: string;
}

export type FormPart = [name: string, value: string] | [name: string, file: FilePart];

/** A multipart/form-data body in exactly the order given (the upload routes need the file last). */
export function multipartBody(parts: FormPart[]): { body: Buffer; contentType: string } {
  const boundary = `----authz${randomUUID().replace(/-/g, '')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of parts) {
    if (typeof value === 'string') {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.name}"\r\n` +
            `Content-Type: ${value.contentType ?? 'application/octet-stream'}\r\n\r\n`,
        ),
      );
      chunks.push(Buffer.isBuffer(value.content) ? value.content : Buffer.from(value.content));
      chunks.push(Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The upload form's fields, in the form's own order, the file last. */
export function uploadParts(answers: MaterialAnswers, file: FilePart | undefined): FormPart[] {
  const parts: FormPart[] = [
    ['title', answers.title],
    ['summary', answers.summary ?? ''],
  ];
  for (const phase of answers.phases ?? ['discovery']) parts.push(['phases', phase]);
  parts.push(['artefactType', answers.artefactType ?? 'research-plan']);
  parts.push(['kind', answers.kind ?? 'template']);
  for (const topic of answers.topics ?? []) parts.push(['topics', topic]);
  parts.push(['tags', answers.tags ?? '']);
  parts.push(['visibility', answers.visibility]);
  parts.push(['licence', answers.licence ?? 'OGL-UK-3.0']);
  // A form whose file input is left empty still sends the part, with no file name and no bytes.
  parts.push(['file', file ?? { name: '', content: '' }]);
  return parts;
}

export function markdownFile(name: string, text: string): FilePart {
  return { name, content: text, contentType: 'text/markdown' };
}

/** Posts the upload form as the person whose context this is; returns the response (303 expected). */
export async function postUpload(
  context: APIRequestContext,
  answers: MaterialAnswers,
  file: FilePart | undefined,
  origin: string | null = baseURL,
): Promise<APIResponse> {
  const { body, contentType } = multipartBody(uploadParts(answers, file));
  return context.post('/materials/upload', {
    data: body,
    headers: { 'content-type': contentType, ...(origin === null ? {} : { origin }) },
    maxRedirects: 0,
  });
}

const materialLocation = /^\/materials\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/check\?shared=1$/;

/** Shares a material through the upload form and returns its id (from the 303's Location). */
export async function shareMaterial(context: APIRequestContext, answers: MaterialAnswers, file: FilePart): Promise<string> {
  const response = await postUpload(context, answers, file);
  const location = response.headers()['location'] ?? '';
  const id = location.match(materialLocation)?.[1];
  if (response.status() !== 303 || !id) {
    throw new Error(`Sharing '${answers.title}' failed: ${response.status()} ${location} ${(await response.text()).slice(0, 300)}`);
  }
  // Shared as a draft: publish it from its check page, as its sharer would (with a reason, in case
  // the check found something).
  const published = await context.post(`/materials/${id}/check/publish`, {
    form: { reason: 'Seeded for the browser tests' },
    headers: { origin: baseURL },
    maxRedirects: 0,
  });
  if (published.status() !== 303 || published.headers()['location'] !== `/materials/${id}?published=1`) {
    throw new Error(`Publishing '${answers.title}' failed: ${published.status()} ${published.headers()['location'] ?? ''}`);
  }
  return id;
}

/** Withdraws a material through its form (as someone who may). */
export async function withdrawMaterial(context: APIRequestContext, id: string, reason: string): Promise<void> {
  const response = await context.post(`/materials/${id}/withdraw/confirm`, {
    form: { reason },
    headers: { origin: baseURL },
    maxRedirects: 0,
  });
  if (response.status() !== 303 || response.headers()['location'] !== `/materials/${id}?withdrawn=1`) {
    throw new Error(`Withdrawing ${id} failed: ${response.status()} ${response.headers()['location'] ?? ''}`);
  }
}
