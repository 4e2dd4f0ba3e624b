import 'server-only';
import { viewerForToken } from '@/lib/api-tokens/token-viewer';
import type { TokenScope } from '@/lib/api-tokens/token-scope';
import type { Viewer } from '@/lib/auth/viewer';
import { services } from '@/lib/runtime';
import { currentViewer } from '@/lib/sign-in/current-viewer';
import { ApiProblem } from './problem';

/** Who is asking, and how: the token (its id and scope) when the request carried one. */
export interface ApiCaller {
  viewer: Viewer;
  token?: { id: string; scope: TokenScope };
}

/** The query parameters programs commonly put tokens in; a token there is refused, never used. */
export const tokenQueryParameters = ['token', 'access_token', 'api_key', 'apikey', 'key'] as const;

const realm = 'Bearer realm="Discovery Commons API"';

function refusedToken(detail: string, error?: 'invalid_token' | 'invalid_request'): ApiProblem {
  const challenge = error ? `${realm}, error="${error}", error_description="${detail.replace(/["\\]/g, '')}"` : realm;
  return new ApiProblem('unauthorised', detail, [], { 'www-authenticate': challenge });
}

/**
 * A token in the address would be kept in server logs, browser history and Referer headers, so it
 * is refused (400) before anything else, whether or not it is a real token. Headers only.
 */
export function refuseTokenInAddress(url: URL): void {
  const found = tokenQueryParameters.find((name) => url.searchParams.has(name));
  if (found) {
    throw new ApiProblem('bad-request', 'Send your API token in the Authorization header (Authorization: Bearer <token>), never in the web address.', [
      { parameter: found, message: 'Tokens are not accepted in the web address' },
    ]);
  }
}

/**
 * Who is asking the API: the one place a request becomes a caller, so every route sees the same rules.
 *
 * - `Authorization: Bearer <token>`: the token's person with their LIVE membership, role and
 *   site-admin flag, read now on every request (lib/api-tokens/token-viewer.ts): a person removed from
 *   their council loses that access through their tokens at once. A request carrying a token never
 *   falls back to the cookie.
 * - Any other Authorization header, or a token that is unknown, expired or revoked: 401 with
 *   `WWW-Authenticate` (RFC 6750), never quietly anonymous: a program that thinks it is signed in
 *   would otherwise get less than it expects and not know.
 * - No Authorization header: the session cookie (a person using the API from their signed-in
 *   browser) or anonymous, exactly as the pages.
 */
export async function apiCaller(request: Request): Promise<ApiCaller> {
  const header = request.headers.get('authorization');
  if (header === null) return { viewer: await currentViewer() };
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match) throw refusedToken('Send your API token as Authorization: Bearer <token>.');
  const found = await viewerForToken(await services(), match[1]!);
  if (!found.ok) {
    const why = { unknown: 'This API token is not one the hub knows.', expired: 'This API token has expired. Make a new one on your account page.', revoked: 'This API token has been revoked. Make a new one on your account page.' };
    throw refusedToken(why[found.reason], 'invalid_token');
  }
  return { viewer: found.viewer, token: { id: found.tokenId, scope: found.scope } };
}

/** The viewer alone, for the read operations (see apiCaller). */
export async function apiViewer(request: Request): Promise<Viewer> {
  return (await apiCaller(request)).viewer;
}

/** A caller a write accepts: a live read and write token's person. */
export type ApiWriter = ApiCaller & { token: { id: string; scope: 'read-write' } };

/**
 * Who is asking to change something: ONLY a live token sent in the Authorization header. The session
 * cookie is never read here, so a page on another site cannot make a signed-in person's browser write
 * through the API (cross-site request forgery): a request without Authorization is refused with 401,
 * whatever cookies it carries. Refused tokens are refused as for reads (apiCaller).
 */
export async function apiWriterIdentity(request: Request): Promise<ApiCaller> {
  if (request.headers.get('authorization') === null) {
    throw refusedToken(
      'Changing things through the API needs a read and write API token, sent as Authorization: Bearer <token>. Signing in to the website (its cookie) is not accepted for API writes. Make a token on your account page.',
    );
  }
  return apiCaller(request);
}

/**
 * A read-only token may not write (403 with the RFC 6750 `insufficient_scope` challenge). Checked
 * after the request is counted against the token: the token is real, only its scope is too narrow.
 */
export function requireWriteScope(caller: ApiCaller): ApiWriter {
  if (caller.token?.scope === 'read-write') return caller as ApiWriter;
  const detail = 'This API token is read only. Make a read and write token on your account page to change things through the API.';
  throw new ApiProblem('forbidden', detail, [], { 'www-authenticate': `${realm}, error="insufficient_scope", scope="read-write", error_description="${detail}"` });
}
