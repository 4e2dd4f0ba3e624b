import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuthConfig } from '@/lib/config';
import { openDatabase } from '@/lib/db/client';
import { auditEvents, organisations, sessions, signInRequests, users, verificationTokens } from '@/lib/db/schema';
import { testDrivers } from '@/lib/testing/databases';
import { linkIn, startSmtpSink, type SmtpSink } from '@/lib/testing/smtp-sink';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { syncVocabularies } from '@/lib/taxonomy/sync-vocabularies';
import { createAuthOptions } from './auth-options';
import { safeCallbackPath } from './callback-url';
import { createDrizzleAdapter } from './drizzle-adapter';
import { loadViewer } from '@/lib/auth/load-viewer';
import { callNextAuth, csrfPair, parseSetCookies } from './next-auth-call';
import { completeEmailSignIn, hubRedirect, requestEmailSignIn, signOutSession, type SignInDependencies } from './sign-in-flow';

/**
 * The real email sign-in, end to end in-process: the hub's request step, next-auth's email provider
 * sending through nodemailer to an SMTP sink on loopback, the emailed link, next-auth's callback,
 * the session cookie and database session, reading the session back, signing out.
 * (Without NEXTAUTH_URL set, next-auth's address is http://localhost:3000, as configured here.)
 */
const hubUrl = 'http://localhost:3000';
const secret = 'test-secret-that-is-at-least-32-characters-long';
let counter = 0;
const unique = (domain: string) => `sam${Date.now().toString(36)}${counter++}@${domain}`;

function authSettings(sink: SmtpSink, limits = { perAddress: 5, perNetworkAddress: 20, windowMinutes: 15 }): AuthConfig {
  return {
    url: hubUrl,
    secret,
    email: { transport: 'smtp', smtp: { host: '127.0.0.1', port: sink.port, secure: false, from: 'Discovery Commons <no-reply@hub.test>' } },
    entra: null,
    signInLimits: limits,
    trustedProxyHops: 1,
  };
}

describe.each(testDrivers)('email sign-in through next-auth (%s)', (driver) => {
  let hub: TestHub;
  let sink: SmtpSink;
  let deps: SignInDependencies;
  const headers = (ip = '192.0.2.10') => new Headers({ 'x-forwarded-for': ip });

  beforeAll(async () => {
    hub = await createTestHub(driver);
    sink = await startSmtpSink();
    const auth = authSettings(sink);
    deps = {
      options: createAuthOptions({ settings: { auth, environment: 'test', dataDir: os.tmpdir() }, secret, getDb: () => hub.services.db }),
      db: hub.services.db,
      auth,
    };
  });
  afterAll(async () => {
    await sink.stop();
    await hub.close();
  });
  beforeEach(async () => {
    await hub.services.db.delete(signInRequests);
  });

  /** Asks for a link and returns its parts, as a person reading the email would click it. */
  async function emailedLink(email: string, callbackUrl: unknown = '/') {
    const since = Date.now();
    const outcome = await requestEmailSignIn(deps, { email, callbackUrl, headers: headers() });
    expect(outcome).toMatchObject({ kind: 'sent' });
    const message = await sink.waitForMessageTo(email.toLowerCase().replace(/\.$/, ''), { since });
    const link = new URL(linkIn(message)!);
    return { message, link, token: link.searchParams.get('token'), email: link.searchParams.get('email'), callbackUrl: link.searchParams.get('callbackUrl') };
  }

  async function signIn(email: string, callbackUrl: unknown = '/') {
    const link = await emailedLink(email, callbackUrl);
    const answer = await completeEmailSignIn(deps, { ...link, cookies: {} });
    return { ...answer, link, cookies: parseSetCookies(answer.setCookies) };
  }

  it('sends a plain email with a one-time link, signs in, joins the council, and signs out', async () => {
    const address = unique('bristol.gov.uk');
    const { message, link, token } = await emailedLink(address.replace('sam', 'Sam').toUpperCase(), '/search?q=journey+maps');

    expect(message.subject).toBe('Sign in to Discovery Commons');
    expect(message.from).toBe('no-reply@hub.test');
    expect(message.text).toContain('The link works once and expires in 15 minutes.');
    expect(message.text).toContain('If you did not ask for this, ignore this email.');
    expect(link.origin + link.pathname).toBe(`${hubUrl}/sign-in/link`);
    expect(link.searchParams.get('email')).toBe(address);
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    // next-auth stores the token hashed; the email holds the only copy of the token itself.
    const stored = await hub.services.db.select().from(verificationTokens).where(eq(verificationTokens.identifier, address));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token).not.toBe(token);
    expect(stored[0]!.expires.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(stored[0]!.expires.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);

    // No user until the link is used.
    expect(await hub.services.db.select().from(users).where(eq(users.email, address))).toEqual([]);
    const answer = await completeEmailSignIn(deps, {
      token,
      email: link.searchParams.get('email'),
      callbackUrl: link.searchParams.get('callbackUrl'),
      cookies: {},
    });
    expect(answer.redirect).toBe('/search?q=journey+maps');
    const cookies = parseSetCookies(answer.setCookies);
    const sessionToken = cookies['next-auth.session-token'];
    expect(sessionToken).toBeTruthy();
    expect(answer.setCookies.find((c) => c.startsWith('next-auth.session-token='))).toMatch(/HttpOnly/i);
    expect(answer.setCookies.find((c) => c.startsWith('next-auth.session-token='))).toMatch(/SameSite=Lax/i);

    const [user] = await hub.services.db.select().from(users).where(eq(users.email, address));
    expect(user!.emailVerified).toBeInstanceOf(Date);
    const [bristol] = await hub.services.db.select().from(organisations).where(eq(organisations.slug, 'bristol'));
    expect(user!.organisationId).toBe(bristol!.id);
    const events = await hub.services.db.select().from(auditEvents).where(eq(auditEvents.subjectId, user!.id));
    expect(events.map((e) => e.action)).toEqual(['member.joined_by_email_domain']);

    // The session next-auth reads back says who, and nothing else.
    const session = await callNextAuth(deps.options, { method: 'GET', action: ['session'], cookies: { 'next-auth.session-token': sessionToken! } });
    expect(session.body).toEqual({ user: { id: user!.id }, expires: expect.any(String) });
    expect(await loadViewer(hub.services.db, user!.id)).toMatchObject({ kind: 'user', organisation: { slug: 'bristol' }, role: 'member' });

    // The link works once.
    const again = await completeEmailSignIn(deps, {
      token,
      email: link.searchParams.get('email'),
      callbackUrl: link.searchParams.get('callbackUrl'),
      cookies: {},
    });
    expect(again.redirect).toBe('/sign-in/problem?error=Verification');
    expect(again.setCookies.filter((c) => c.includes('session-token'))).toEqual([]);

    // Signing out deletes the session row and clears the cookie.
    const out = await signOutSession(deps, { cookies: { 'next-auth.session-token': sessionToken! } });
    expect(out.setCookies.find((c) => c.startsWith('next-auth.session-token='))).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect(await hub.services.db.select().from(sessions).where(eq(sessions.userId, user!.id))).toEqual([]);
    const after = await callNextAuth(deps.options, { method: 'GET', action: ['session'], cookies: { 'next-auth.session-token': sessionToken! } });
    expect(after.body).toEqual({});
  });

  it('signs in someone on no council domain without an organisation', async () => {
    const address = unique('example.com');
    const { cookies } = await signIn(address);
    expect(cookies['next-auth.session-token']).toBeTruthy();
    const [user] = await hub.services.db.select().from(users).where(eq(users.email, address));
    expect(user!.organisationId).toBeNull();
    expect(await loadViewer(hub.services.db, user!.id)).toMatchObject({ kind: 'user', organisation: null });
  });

  it('a session survives a restart: fresh options and adapter, the same database', async () => {
    const address = unique('bristol.gov.uk');
    const { cookies } = await signIn(address);
    const restarted = createAuthOptions({
      settings: { auth: deps.auth as AuthConfig, environment: 'test', dataDir: os.tmpdir() },
      secret,
      getDb: () => hub.services.db,
    });
    const session = await callNextAuth(restarted, { method: 'GET', action: ['session'], cookies: { 'next-auth.session-token': cookies['next-auth.session-token']! } });
    expect((session.body as { user?: { id?: string } }).user?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['https://evil.example/phish', '/'],
    ['//evil.example/phish', '/'],
    ['/\\evil.example/phish', '/'],
    ['javascript:alert(1)', '/'],
    [`${hubUrl}.evil.example/`, '/'],
    [`${hubUrl}/materials/new?x=1`, '/materials/new?x=1'],
    ['/materials/new', '/materials/new'],
  ])('after signing in with callbackUrl %j, goes to %s', async (callbackUrl, expected) => {
    const { redirect } = await signIn(unique('example.com'), callbackUrl);
    expect(redirect).toBe(expected);
  });

  it('the mail server down: the request says it failed (the problem page), and the same address gets its link once the server is back', async () => {
    // A port nothing listens on: the mail server is down.
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const downPort = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const auth: AuthConfig = {
      ...authSettings(sink),
      email: { transport: 'smtp', smtp: { host: '127.0.0.1', port: downPort, secure: false, from: 'Discovery Commons <no-reply@hub.test>' } },
    };
    const down: SignInDependencies = {
      ...deps,
      auth,
      options: createAuthOptions({ settings: { auth, environment: 'test', dataDir: os.tmpdir() }, secret, getDb: () => hub.services.db }),
    };
    const address = unique('bristol.gov.uk');
    // The route sends the person to "We could not send your sign-in email" (app/sign-in/problem).
    expect(await requestEmailSignIn(down, { email: address, callbackUrl: '/', headers: headers() })).toEqual({
      kind: 'failed',
      redirect: '/sign-in/problem?error=EmailSignin',
    });

    // Back up: asking again works, and the link signs them in.
    const { cookies } = await signIn(address);
    expect(cookies['next-auth.session-token']).toBeTruthy();
  });

  it('refuses a hostile address before anything is recorded or sent', async () => {
    const before = sink.messages.length;
    for (const email of ['a@x.com,b@bristol.gov.uk', '"a@evil.com"@bristol.gov.uk', 'sam@bristol.g\u043ev.uk', 'Sam <sam@bristol.gov.uk>', '']) {
      expect(await requestEmailSignIn(deps, { email, callbackUrl: '/', headers: headers() })).toMatchObject({ kind: 'invalid' });
    }
    expect(await hub.services.db.select().from(signInRequests)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sink.messages.length).toBe(before);
  });

  it("next-auth's own email step refuses a hostile address too (the strict normaliser)", async () => {
    const before = sink.messages.length;
    const csrf = await csrfPair(deps.options);
    const answer = await callNextAuth(deps.options, {
      method: 'POST',
      action: ['signin', 'email'],
      body: { email: 'a@x.com,b@bristol.gov.uk', csrfToken: csrf.token, callbackUrl: '/' },
      cookies: csrf.cookies,
    });
    expect(hubRedirect(answer.redirect, hubUrl)).toBe('/sign-in/problem?error=EmailSignin');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sink.messages.length).toBe(before);
  });

  it('over the limit, says so and sends nothing', async () => {
    const auth = { ...deps.auth, signInLimits: { perAddress: 2, perNetworkAddress: 20, windowMinutes: 15 } };
    const limited = { ...deps, auth };
    const address = unique('bristol.gov.uk');
    expect(await requestEmailSignIn(limited, { email: address, callbackUrl: '/', headers: headers() })).toMatchObject({ kind: 'sent' });
    expect(await requestEmailSignIn(limited, { email: address, callbackUrl: '/', headers: headers() })).toMatchObject({ kind: 'sent' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sent = sink.messages.filter((m) => m.to.includes(address)).length;
    expect(sent).toBe(2);
    expect(await requestEmailSignIn(limited, { email: address.toUpperCase(), callbackUrl: '/', headers: headers() })).toEqual({
      kind: 'too_many',
      message: 'You have asked for too many sign-in links. Wait 15 minutes, then try again.',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.messages.filter((m) => m.to.includes(address)).length).toBe(2);
  });

  it('refuses an expired link, a link for another address and a made-up token', async () => {
    const expired = await emailedLink(unique('example.com'));
    await hub.services.db
      .update(verificationTokens)
      .set({ expires: new Date(Date.now() - 1000) })
      .where(eq(verificationTokens.identifier, expired.email!));
    expect(await completeEmailSignIn(deps, { ...expired, cookies: {} })).toMatchObject({ redirect: '/sign-in/problem?error=Verification' });

    const other = await emailedLink(unique('example.com'));
    expect(await completeEmailSignIn(deps, { ...other, email: unique('bristol.gov.uk'), cookies: {} })).toMatchObject({
      redirect: '/sign-in/problem?error=Verification',
    });
    expect(await completeEmailSignIn(deps, { ...other, token: 'f'.repeat(64), cookies: {} })).toMatchObject({
      redirect: '/sign-in/problem?error=Verification',
    });
    expect(await completeEmailSignIn(deps, { ...other, token: "' OR 1=1 --", cookies: {} })).toMatchObject({
      redirect: '/sign-in/problem?error=Verification',
    });
    // The genuine link still works after all that.
    expect((await completeEmailSignIn(deps, { ...other, cookies: {} })).redirect).toBe('/');
  });

  it('the signIn callback refuses addresses the strict parser refuses', async () => {
    const signIn = deps.options.callbacks!.signIn!;
    const call = (email: string) =>
      signIn({ user: { id: email, email }, account: { provider: 'email', type: 'email', providerAccountId: email } } as never);
    expect(await call('sam@bristol.gov.uk')).toBe(true);
    expect(await call('"a@evil.com"@bristol.gov.uk')).toBe(false);
    expect(await call('a@x.com,b@bristol.gov.uk')).toBe(false);
  });
});

describe('the redirect callback and next-auth redirects', () => {
  const options = createAuthOptions({
    settings: {
      auth: { url: hubUrl, secret, email: { transport: 'log' }, entra: null, signInLimits: { perAddress: 5, perNetworkAddress: 20, windowMinutes: 15 }, trustedProxyHops: 1 },
      environment: 'test',
      dataDir: os.tmpdir(),
    },
    secret,
    getDb: () => {
      throw new Error('no database in this test');
    },
  });
  const redirect = (url: string) => options.callbacks!.redirect!({ url, baseUrl: hubUrl });

  it.each([
    ['https://evil.example', `${hubUrl}/`],
    ['//evil.example', `${hubUrl}/`],
    ['/\\evil.example', `${hubUrl}/`],
    ['/\\/evil.example', `${hubUrl}/`],
    ['\\\\evil.example', `${hubUrl}/`],
    ['javascript:alert(document.cookie)', `${hubUrl}/`],
    ['JaVaScRiPt:alert(1)', `${hubUrl}/`],
    ['data:text/html,<script>alert(1)</script>', `${hubUrl}/`],
    ['/%0a/evil.example', `${hubUrl}/%0a/evil.example`],
    ['/\t/evil.example', `${hubUrl}/`],
    [' //evil.example', `${hubUrl}/`],
    ['http://localhost:3001/', `${hubUrl}/`],
    ['https://localhost:3000/', `${hubUrl}/`],
    ['http://localhost:3000@evil.example/', `${hubUrl}/`],
    ['/..//evil.example', `${hubUrl}/`],
    ['/api/auth/signout', `${hubUrl}/`],
    ['/sign-in?callbackUrl=/x', `${hubUrl}/`],
    ['/search?q=a#results', `${hubUrl}/search?q=a#results`],
    [`${hubUrl}/account`, `${hubUrl}/account`],
  ])('%j → %s', async (url, expected) => {
    expect(await redirect(url)).toBe(expected);
  });

  it('makes next-auth pages into the hub pages', () => {
    expect(hubRedirect(`${hubUrl}/api/auth/error?error=Verification`, hubUrl)).toBe('/sign-in/problem?error=Verification');
    expect(hubRedirect(`${hubUrl}/api/auth/error?error=<script>`, hubUrl)).toBe('/sign-in/problem?error=Default');
    expect(hubRedirect(`${hubUrl}/api/auth/verify-request?provider=email&type=email`, hubUrl)).toBe('/sign-in/check-your-email');
    expect(hubRedirect(`${hubUrl}/api/auth/signin?csrf=true`, hubUrl)).toBe('/sign-in');
    expect(hubRedirect('https://evil.example/', hubUrl)).toBe('/');
    expect(safeCallbackPath(undefined, hubUrl)).toBe('/');
  });

  it('writes the link to the log when no mail server is configured', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const email = options.providers.find((p) => p.id === 'email') as unknown as {
        options: { sendVerificationRequest(p: { identifier: string; url: string }): Promise<void> };
      };
      await email.options.sendVerificationRequest({
        identifier: 'sam@bristol.gov.uk',
        url: `${hubUrl}/api/auth/callback/email?callbackUrl=${encodeURIComponent(`${hubUrl}/`)}&token=abc&email=sam%40bristol.gov.uk`,
      });
      expect(log).toHaveBeenCalledWith(
        `[sign-in] Email sign-in link for sam@bristol.gov.uk: ${hubUrl}/sign-in/link?token=abc&email=sam%40bristol.gov.uk&callbackUrl=http%3A%2F%2Flocalhost%3A3000%2F`,
      );
    } finally {
      log.mockRestore();
    }
  });
});

describe('sessions on the embedded database survive closing and reopening it', () => {
  it('signs in, closes PGlite, reopens the folder, and the session is still there', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-auth-restart-'));
    const dataDir = path.join(folder, 'pglite');
    try {
      let database = await openDatabase({ driver: 'pglite', dataDir });
      await database.migrate();
      await syncVocabularies(database.db);
      const adapter = createDrizzleAdapter(() => database.db);
      const user = await adapter.createUser({ email: 'sam@bristol.gov.uk', emailVerified: new Date() });
      await adapter.createSession({ sessionToken: 'survives', userId: user.id, expires: new Date(Date.now() + 60_000) });
      await database.close();

      database = await openDatabase({ driver: 'pglite', dataDir });
      const reopened = createDrizzleAdapter(() => database.db);
      expect(await reopened.getSessionAndUser('survives')).toMatchObject({ user: { id: user.id, email: 'sam@bristol.gov.uk' } });
      expect(await loadViewer(database.db, user.id)).toMatchObject({ organisation: { slug: 'bristol' } });
      const count = await database.db.execute(sql`SELECT count(*)::int AS n FROM sessions`);
      expect(count).toBeTruthy();
      await database.close();
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
