import 'server-only';
import type { AppError } from '@/lib/errors';

/**
 * The answers form routes give. Forms post with or without JavaScript and get a 303, so the browser
 * follows with a GET; what a person reads is always on a page, never in these responses, except for
 * refusals no page of ours would cause (a forged or broken post), which get a short plain message.
 */

/**
 * 303 to `location`: a path on this site, sent as it is (relative). Behind a proxy, or when the server
 * listens on another name than the browser used, an absolute URL built from request.url could send the
 * browser to a host where its session cookie does not apply. Sign-in may also send people to Microsoft
 * (`external: true`). Cookies are passed on (sign-in and sign-out set them).
 */
export function seeOther(location: string, options: { setCookies?: readonly string[]; external?: boolean } = {}): Response {
  const onThisSite = location.startsWith('/') && !location.startsWith('//');
  if (!onThisSite && !(options.external && location.startsWith('https://'))) {
    throw new Error('seeOther takes a path on this site');
  }
  const headers = new Headers({ location, 'cache-control': 'no-store' });
  for (const cookie of options.setCookies ?? []) headers.append('set-cookie', cookie);
  return new Response(null, { status: 303, headers });
}

/** A refusal as short plain text with its status (403 for a cross-site post, 404, 413, …). */
export function plainError(error: AppError): Response {
  return new Response(error.message, {
    status: error.status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}
