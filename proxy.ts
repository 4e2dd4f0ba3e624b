import { NextResponse, type NextRequest } from 'next/server';
import { canSeeMaterial, canSeeMaterialVersion } from '@/lib/materials/can-see-material';
import { services } from '@/lib/runtime';
import { sessionCookieNames, viewerForSessionCookie } from '@/lib/sign-in/viewer-for-session';
import { cacheControlFor } from '@/lib/http/cache-policy';
import { PAGE_ADDRESS_HEADER } from '@/lib/http/page-address';
import { REQUEST_ID_HEADER, requestId } from '@/lib/http/request-id';

/**
 * "Page not found" for a material the viewer may not see, decided before the page renders.
 *
 * Why here: Next.js 16 answers a page that calls notFound() with an empty HTML shell whose content only
 * JavaScript fills in, so without JavaScript the page is blank. An address that matches no route is
 * rendered properly (app/not-found.tsx, status 404). So for a material's pages, when the material is
 * missing or not this viewer's to see, the request is rewritten to such an address.
 *
 * This is not the permission check: every page and domain function still checks for itself
 * (lib/auth/permissions.ts); this only chooses the better-rendered 404 when the answer is already no.
 * Reads cost one small query by primary key, on GET requests for these pages only.
 *
 * For every page it also passes the page's address on to the layout (withPageAddress, below), and a
 * request id to whatever answers. It cannot log the request: it runs before the page and never sees
 * the status it is answered with (see lib/http/observe-request.ts).
 */
export async function proxy(request: NextRequest) {
  if (request.method !== 'GET' && request.method !== 'HEAD') return NextResponse.next({ request: { headers: withoutPageAddress(request) } });
  const page = materialPageIn(request.nextUrl.pathname);
  if (!page) return withPageAddress(request);
  const hub = await services();
  const viewer = await viewerForSessionCookie(hub.db, (name) => request.cookies.get(name)?.value);
  const seen = page.version === undefined ? await canSeeMaterial(hub, viewer, page.id) : await canSeeMaterialVersion(hub, viewer, page.id, page.version);
  if (seen) return withPageAddress(request);
  return NextResponse.rewrite(new URL('/page-not-found', request.url), { request: { headers: withoutPageAddress(request) } });
}

/**
 * The request's headers without any page address the browser sent: only the proxy sets that. With a
 * request id (lib/http/request-id.ts), so a failing page's log line and its form posts can be tied to it.
 */
function withoutPageAddress(request: NextRequest): Headers {
  const headers = new Headers(request.headers);
  headers.delete(PAGE_ADDRESS_HEADER);
  headers.set(REQUEST_ID_HEADER, requestId(request));
  return headers;
}

/**
 * Tells the layout which page is being shown, query string and all (a layout is not given its page's
 * address): the navigation marks the current page, and "Sign in" comes back to this very page, search
 * words included. Set here, never taken from the browser: any such header it sends is replaced.
 */
function withPageAddress(request: NextRequest) {
  const headers = withoutPageAddress(request);
  const { pathname, search } = request.nextUrl;
  headers.set(PAGE_ADDRESS_HEADER, `${pathname}${search}`);
  const response = NextResponse.next({ request: { headers } });
  // Public pages for someone signed out may be kept by their browser (lib/http/cache-policy.ts).
  const signedIn = sessionCookieNames.some((name) => request.cookies.has(name));
  const cacheControl = cacheControlFor({ pathname, search, signedIn });
  if (cacheControl) response.headers.set('Cache-Control', cacheControl);
  return response;
}

/**
 * The material id in /materials/<id> and its pages (edit, replace, withdraw, delete), and the version
 * number in a version's pages (/materials/<id>/versions/<n> and its make-current page): a version
 * the viewer may not see, or that does not exist, is "Page not found" too.
 */
function materialPageIn(pathname: string): { id: string; version?: string } | undefined {
  const version = /^\/materials\/([^/]+)\/versions\/([^/]+)(?:\/make-current)?\/?$/.exec(pathname);
  if (version) return { id: version[1]!, version: version[2]! };
  const match = /^\/materials\/([^/]+)(?:\/(?:edit|replace|withdraw|delete))?\/?$/.exec(pathname);
  const id = match?.[1];
  return id && id !== 'new' && id !== 'upload' ? { id } : undefined;
}

export const config = {
  // Every page, not Next.js's own files, the favicon or the sign-in API.
  matcher: ['/((?!_next/|favicon.ico|api/).*)'],
};
