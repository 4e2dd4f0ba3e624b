import { NextResponse, type NextRequest } from 'next/server';
import { canSeeMaterial } from '@/lib/materials/can-see-material';
import { services } from '@/lib/runtime';
import { viewerForSessionCookie } from '@/lib/sign-in/viewer-for-session';

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
 */
export async function proxy(request: NextRequest) {
  if (request.method !== 'GET' && request.method !== 'HEAD') return NextResponse.next();
  const id = materialIdIn(request.nextUrl.pathname);
  if (!id) return NextResponse.next();
  const hub = await services();
  const viewer = await viewerForSessionCookie(hub.db, (name) => request.cookies.get(name)?.value);
  if (await canSeeMaterial(hub, viewer, id)) return NextResponse.next();
  return NextResponse.rewrite(new URL('/page-not-found', request.url));
}

/** The material id in /materials/<id> and its pages (edit, replace, withdraw, delete). */
function materialIdIn(pathname: string): string | undefined {
  const match = /^\/materials\/([^/]+)(?:\/(?:edit|replace|withdraw|delete))?\/?$/.exec(pathname);
  const id = match?.[1];
  return id && id !== 'new' && id !== 'upload' ? id : undefined;
}

export const config = {
  matcher: ['/materials/:id', '/materials/:id/(edit|replace|withdraw|delete)'],
};
