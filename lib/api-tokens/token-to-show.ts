import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/viewer';
import { apiTokens } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { hashTokenSecret, looksLikeTokenSecret } from './token-secret';

/**
 * The token a just-made secret belongs to, for the page that shows it once: only when it is the
 * viewer's own, unrevoked token (a cookie from someone else's browser session shows nothing).
 */
export async function tokenToShow(services: Services, viewer: Viewer, secret: string | undefined): Promise<{ name: string; expiresAt: Date; scope: string } | undefined> {
  if (viewer.kind !== 'user' || !secret || !looksLikeTokenSecret(secret)) return undefined;
  const [row] = await services.db
    .select({ name: apiTokens.name, expiresAt: apiTokens.expiresAt, scope: apiTokens.scope })
    .from(apiTokens)
    .where(and(eq(apiTokens.secretHash, hashTokenSecret(secret)), eq(apiTokens.userId, viewer.userId), isNull(apiTokens.revokedAt)));
  return row;
}
