import 'server-only';
import { config } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { assertSameOrigin } from '@/lib/http/check-origin';

/**
 * Small helpers for the sign-in and sign-out form routes (app/sign-in/…, app/sign-out). Each form posts
 * with or without JavaScript and gets a 303 to a page, so the browser follows with a GET.
 */

/** A 303 to `location` (a path on this site, or Microsoft's sign-in page), passing cookies on. */
export function seeOther(location: string, setCookies: readonly string[] = []): Response {
  const headers = new Headers({ location, 'cache-control': 'no-store' });
  for (const cookie of setCookies) headers.append('set-cookie', cookie);
  return new Response(null, { status: 303, headers });
}

/** The Origin check every state-changing form route makes; a plain 403 when it fails. */
export function refuseCrossSite(request: Request): Response | undefined {
  try {
    assertSameOrigin(request);
    return undefined;
  } catch (error) {
    const message = error instanceof AppError ? error.message : 'Forbidden';
    return new Response(message, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
}

const MAX_FORM_BYTES = 16 * 1024;

/** The fields of a small url-encoded or multipart form, as strings; undefined when it is too big or not a form. */
export async function readSmallForm(request: Request): Promise<Record<string, string> | undefined> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_FORM_BYTES) return undefined;
  const text = await readCapped(request, MAX_FORM_BYTES);
  if (text === undefined) return undefined;
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (type.startsWith('multipart/form-data')) {
    try {
      const form = await new Response(text, { headers: { 'content-type': type } }).formData();
      const fields: Record<string, string> = {};
      form.forEach((value, key) => {
        if (typeof value === 'string' && !(key in fields)) fields[key] = value;
      });
      return fields;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The body as text, or undefined once it passes `max` bytes (read no further). */
async function readCapped(request: Request, max: number): Promise<string | undefined> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => undefined);
        return undefined;
      }
      chunks.push(value);
    }
  } catch {
    return undefined;
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * What the person typed (or the address a link went to), kept for the next page only: in an
 * HttpOnly cookie on /sign-in, never in the address bar or the server's logs.
 */
export const SIGN_IN_EMAIL_COOKIE = 'dc-sign-in-email';

export function rememberTypedEmail(value: string): string {
  const secure = config().auth.url.startsWith('https://') ? '; Secure' : '';
  return `${SIGN_IN_EMAIL_COOKIE}=${encodeURIComponent(value.slice(0, 320))}; Path=/sign-in; Max-Age=900; HttpOnly; SameSite=Lax${secure}`;
}

/** The sign-in page, keeping a safe callbackUrl and adding an error code. */
export function signInPage(params: { error?: string; callbackUrl?: string }): string {
  const search = new URLSearchParams();
  if (params.error) search.set('error', params.error);
  if (params.callbackUrl && params.callbackUrl !== '/') search.set('callbackUrl', params.callbackUrl);
  const query = search.toString();
  return query ? `/sign-in?${query}` : '/sign-in';
}
