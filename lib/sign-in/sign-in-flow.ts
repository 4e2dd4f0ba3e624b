import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import type { AuthConfig } from '@/lib/config';
import type { Database } from '@/lib/db/client';
import { emailAddressProblemMessage, parseEmailAddress } from '@/lib/text/email-address';
import { safeCallbackPath } from './callback-url';
import { clientNetworkAddress } from './client-address';
import { callNextAuth, csrfPair } from './next-auth-call';
import { rateLimitSignIn, tooManySignInRequestsMessage } from './rate-limit-sign-in';

/**
 * The steps of signing in and out, behind the hub's own form routes (app/sign-in/…, app/sign-out).
 *
 * Why not post the forms straight to next-auth: its POST endpoints want a CSRF token that matches a
 * cookie it sets from /api/auth/csrf, which a page rendered on the server cannot set, and which a form
 * without JavaScript cannot fetch. So each form posts to a route of ours that checks the request's
 * Origin (the same CSRF defence as every other form here), validates and rate-limits, and then runs
 * next-auth in-process with a CSRF token and cookie it has just asked next-auth for. next-auth does
 * the rest exactly as it would for its own forms.
 */

export interface SignInDependencies {
  options: NextAuthOptions;
  db: Database;
  auth: Pick<AuthConfig, 'url' | 'email' | 'signInLimits' | 'trustedProxyHops'>;
}

export type EmailSignInOutcome =
  | { kind: 'sent'; address: string }
  | { kind: 'invalid'; message: string }
  | { kind: 'too_many'; message: string }
  | { kind: 'unavailable' }
  | { kind: 'failed'; redirect: string };

/** "Send me a sign-in link": checks the address and the limits, then has next-auth send the link. */
export async function requestEmailSignIn(
  deps: SignInDependencies,
  input: { email: unknown; callbackUrl: unknown; headers: Headers },
): Promise<EmailSignInOutcome> {
  const parsed = parseEmailAddress(input.email);
  if (!parsed.ok) return { kind: 'invalid', message: emailAddressProblemMessage(parsed.problem) };
  if (!deps.auth.email) return { kind: 'unavailable' };
  const decision = await rateLimitSignIn(deps.db, deps.auth.signInLimits, {
    email: parsed.address,
    networkAddress: clientNetworkAddress(input.headers, deps.auth.trustedProxyHops),
  });
  if (!decision.allowed) return { kind: 'too_many', message: tooManySignInRequestsMessage };

  const csrf = await csrfPair(deps.options);
  const answer = await callNextAuth(deps.options, {
    method: 'POST',
    action: ['signin', 'email'],
    body: { email: parsed.address, csrfToken: csrf.token, callbackUrl: safeCallbackPath(input.callbackUrl, deps.auth.url) },
    cookies: csrf.cookies,
  });
  const next = hubRedirect(answer.redirect, deps.auth.url);
  if (next === '/sign-in/check-your-email') return { kind: 'sent', address: parsed.address };
  return { kind: 'failed', redirect: next.startsWith('/sign-in/problem') ? next : '/sign-in/problem?error=EmailSignin' };
}

export interface BrowserAnswer {
  /** A path on this site, or (starting Microsoft sign-in only) Microsoft's sign-in page. */
  redirect: string;
  setCookies: string[];
}

/** The button on the page the emailed link opens: uses the one-time token and starts a session. */
export async function completeEmailSignIn(
  deps: Pick<SignInDependencies, 'options' | 'auth'>,
  input: { token: unknown; email: unknown; callbackUrl: unknown; cookies: Record<string, string> },
): Promise<BrowserAnswer> {
  const parsed = parseEmailAddress(input.email);
  if (typeof input.token !== 'string' || !/^[0-9a-f]{16,128}$/.test(input.token) || !parsed.ok) {
    return { redirect: '/sign-in/problem?error=Verification', setCookies: [] };
  }
  const answer = await callNextAuth(deps.options, {
    method: 'GET',
    action: ['callback', 'email'],
    query: { token: input.token, email: parsed.address, callbackUrl: safeCallbackPath(input.callbackUrl, deps.auth.url) },
    cookies: input.cookies,
  });
  return { redirect: hubRedirect(answer.redirect, deps.auth.url), setCookies: answer.setCookies };
}

/** "Sign in with Microsoft": next-auth's redirect to Microsoft, with its state and PKCE cookies. */
export async function startMicrosoftSignIn(
  deps: Pick<SignInDependencies, 'options' | 'auth'>,
  input: { callbackUrl: unknown; cookies: Record<string, string> },
): Promise<BrowserAnswer> {
  const csrf = await csrfPair(deps.options);
  const answer = await callNextAuth(deps.options, {
    method: 'POST',
    action: ['signin', 'azure-ad'],
    body: { csrfToken: csrf.token, callbackUrl: safeCallbackPath(input.callbackUrl, deps.auth.url) },
    cookies: { ...input.cookies, ...csrf.cookies },
  });
  const redirect = answer.redirect ?? '';
  if (/^https:\/\/login\.microsoftonline\.com\//.test(redirect)) return { redirect, setCookies: answer.setCookies };
  return { redirect: hubRedirect(redirect, deps.auth.url, '/sign-in/problem?error=OAuthSignin'), setCookies: answer.setCookies };
}

/** "Sign out": next-auth deletes the session row and clears the session cookie. */
export async function signOutSession(
  deps: Pick<SignInDependencies, 'options'>,
  input: { cookies: Record<string, string> },
): Promise<{ setCookies: string[] }> {
  const csrf = await csrfPair(deps.options);
  const answer = await callNextAuth(deps.options, {
    method: 'POST',
    action: ['signout'],
    body: { csrfToken: csrf.token, callbackUrl: '/' },
    cookies: { ...input.cookies, ...csrf.cookies },
  });
  return { setCookies: answer.setCookies };
}

/** Error codes next-auth (and the signIn callback) redirect with, which the problem page explains. */
const PROBLEM_CODE = /^[A-Za-z]{1,40}$/;

/**
 * next-auth's redirect, made into a path of the hub's own: its error, verify-request and sign-in
 * pages become the hub's pages, anything else must be a safe path on this site.
 */
export function hubRedirect(redirect: string | undefined, hubUrl: string, fallback = '/'): string {
  if (!redirect) return fallback;
  let url: URL;
  try {
    url = new URL(redirect, hubUrl);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(hubUrl).origin) return fallback;
  const error = url.searchParams.get('error');
  const code = error && PROBLEM_CODE.test(error) ? error : 'Default';
  if (url.pathname === '/api/auth/error' || url.pathname === '/sign-in/problem') return `/sign-in/problem?error=${code}`;
  if (url.pathname === '/api/auth/verify-request' || url.pathname === '/sign-in/check-your-email') return '/sign-in/check-your-email';
  if (url.pathname === '/api/auth/signin' || url.pathname === '/sign-in') return error ? `/sign-in/problem?error=${code}` : '/sign-in';
  return safeCallbackPath(`${url.pathname}${url.search}${url.hash}`, hubUrl);
}
