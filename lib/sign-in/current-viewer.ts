import 'server-only';
import { getServerSession } from 'next-auth';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { loadViewer } from '@/lib/auth/load-viewer';
import { sessionCookieNames } from './viewer-for-session';
import { anonymous, type Viewer } from '@/lib/auth/viewer';
import { services } from '@/lib/runtime';
import { authOptions } from './auth-options';

/**
 * The viewer of the request being handled. next-auth's session (a database row, found by the session
 * cookie) says only who is signed in; the organisation, role and site-admin flag are read from the
 * database now, so a change of role or a removal takes effect on the very next request. An expired
 * session, a signed-out one or a deleted user is anonymous. Read once per request (React `cache`).
 */
export const currentViewer = cache(async (): Promise<Viewer> => {
  // No session cookie: anonymous, without touching the database (and, while `next build`
  // prerenders, reading the cookies is what marks the page as dynamic, before any setting is read).
  const jar = await cookies();
  if (!sessionCookieNames.some((name) => jar.has(name))) return anonymous;
  const session = await getServerSession(authOptions());
  const userId = (session?.user as { id?: unknown } | undefined)?.id;
  if (typeof userId !== 'string') return anonymous;
  return loadViewer((await services()).db, userId);
});

/** The signed-in user's id, or undefined. For pages about the user themselves ("Your account"). */
export async function currentUserId(): Promise<string | undefined> {
  const viewer = await currentViewer();
  return viewer.kind === 'user' ? viewer.userId : undefined;
}

/**
 * For pages only people who are signed in may see: the viewer, or a redirect to the sign-in page that
 * comes back to `returnTo` (a path on this site) afterwards.
 */
export async function requireSignedIn(returnTo: string): Promise<Extract<Viewer, { kind: 'user' }>> {
  const viewer = await currentViewer();
  if (viewer.kind === 'user') return viewer;
  redirect(signInPath(returnTo));
}

/** The sign-in page, coming back to `returnTo` afterwards. */
export function signInPath(returnTo: string): string {
  return returnTo && returnTo !== '/' ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : '/sign-in';
}
