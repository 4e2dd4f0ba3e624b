import 'server-only';
import { and, eq, gt } from 'drizzle-orm';
import { loadViewer } from '@/lib/auth/load-viewer';
import { anonymous, type Viewer } from '@/lib/auth/viewer';
import type { Database } from '@/lib/db/client';
import { sessions } from '@/lib/db/schema';
import { hashSessionToken } from './drizzle-adapter';

/** next-auth's session cookie, on http and (with the __Secure- prefix) on https. */
export const sessionCookieNames = ['next-auth.session-token', '__Secure-next-auth.session-token'] as const;

/**
 * The viewer a session cookie belongs to, read from the database now (the session row, then the live
 * viewer): for the proxy, which decides some answers before a page renders (proxy.ts). Pages use
 * currentViewer (current-viewer.ts), which goes through next-auth and also keeps the session alive.
 */
export async function viewerForSessionCookie(db: Database, readCookie: (name: string) => string | undefined): Promise<Viewer> {
  const token = sessionCookieNames.map(readCookie).find(Boolean);
  if (!token) return anonymous;
  const [session] = await db
    .select({ userId: sessions.userId })
    .from(sessions)
    .where(and(eq(sessions.sessionToken, hashSessionToken(token)), gt(sessions.expires, new Date())));
  return session ? loadViewer(db, session.userId) : anonymous;
}
