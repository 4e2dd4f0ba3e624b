import 'server-only';
import { config } from '@/lib/config';

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
