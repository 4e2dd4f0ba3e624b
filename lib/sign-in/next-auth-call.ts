import 'server-only';
import NextAuth, { type NextAuthOptions } from 'next-auth';

/**
 * Calls next-auth's own request handling in-process, the way its Pages Router API handler is called
 * (a plain request object and a response collector), so the hub's form routes can run a next-auth
 * action after doing their own checks: validating the address, rate-limiting, checking Origin.
 * next-auth then does what it always does: creates the token, sends the email through the provider,
 * checks and uses the token, sets and clears the session cookie.
 */
export interface NextAuthCall {
  method: 'GET' | 'POST';
  /** The path after /api/auth/: ['signin', 'email'], ['callback', 'email'], ['csrf'], … */
  action: [string, ...string[]];
  query?: Record<string, string>;
  body?: Record<string, string>;
  /** Cookie values as the browser sent them, decoded. */
  cookies?: Record<string, string>;
}

export interface NextAuthAnswer {
  status: number;
  /** Where next-auth sends the browser, as it wrote it (absolute, on NEXTAUTH_URL, or a provider's). */
  redirect?: string;
  /** Set-Cookie header values, to pass on to the browser. */
  setCookies: string[];
  body: unknown;
}

export async function callNextAuth(options: NextAuthOptions, call: NextAuthCall): Promise<NextAuthAnswer> {
  const headers = new Map<string, string | string[]>();
  const answer: NextAuthAnswer = { status: 200, setCookies: [], body: undefined };
  const res = {
    status(code: number) {
      answer.status = code;
      return res;
    },
    setHeader(name: string, value: string | string[]) {
      headers.set(name.toLowerCase(), value);
      return res;
    },
    getHeader(name: string) {
      return headers.get(name.toLowerCase());
    },
    end() {
      return res;
    },
    send(body: unknown) {
      answer.body = body;
      return res;
    },
    json(body: unknown) {
      answer.body = body;
      return res;
    },
  };
  const req = {
    method: call.method,
    query: { ...call.query, nextauth: call.action },
    body: call.body ?? {},
    cookies: call.cookies ?? {},
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  };
  // Two arguments and a response without `params`: next-auth takes the Pages Router path.
  await (NextAuth as unknown as (req: unknown, res: unknown, options: NextAuthOptions) => Promise<unknown>)(req, res, options);
  const location = headers.get('location');
  if (typeof location === 'string') answer.redirect = location;
  const cookies = headers.get('set-cookie');
  answer.setCookies = cookies === undefined ? [] : Array.isArray(cookies) ? cookies : [cookies];
  return answer;
}

/** A CSRF token and its cookie, as a browser would have fetched them from /api/auth/csrf. */
export async function csrfPair(options: NextAuthOptions): Promise<{ token: string; cookies: Record<string, string> }> {
  const answer = await callNextAuth(options, { method: 'GET', action: ['csrf'] });
  const token = (answer.body as { csrfToken?: unknown } | undefined)?.csrfToken;
  if (typeof token !== 'string') throw new Error('next-auth gave no CSRF token');
  return { token, cookies: parseSetCookies(answer.setCookies) };
}

/** name → decoded value of each Set-Cookie header. */
export function parseSetCookies(setCookies: readonly string[]): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const header of setCookies) {
    const pair = header.split(';', 1)[0] ?? '';
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    cookies[pair.slice(0, eq).trim()] = safeDecode(pair.slice(eq + 1).trim());
  }
  return cookies;
}

/** name → decoded value of a Cookie request header. */
export function parseCookieHeader(header: string | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!(name in cookies)) cookies[name] = safeDecode(part.slice(eq + 1).trim());
  }
  return cookies;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
