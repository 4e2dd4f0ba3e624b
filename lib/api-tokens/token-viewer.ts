import 'server-only';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { loadViewer } from '@/lib/auth/load-viewer';
import type { Viewer } from '@/lib/auth/viewer';
import { apiTokens } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { hashTokenSecret, looksLikeTokenSecret } from './token-secret';
import type { TokenScope } from './token-scope';

export type TokenLookup =
  | { ok: true; tokenId: string; scope: TokenScope; viewer: Extract<Viewer, { kind: 'user' }> }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' };

/** How often last-used is written at most: a busy program makes one write a minute, not one a request. */
const lastUsedEveryMs = 60 * 1000;

/**
 * The person a token acts for, read NOW: the token row by the sha256 of the secret, then the person's
 * live membership, role and site-admin flag (loadViewer, as for the session cookie). A person removed
 * from their council keeps their token but loses that council's access through it on the next request.
 * A token whose person no longer exists is unknown (the row is deleted with them).
 */
export async function viewerForToken(services: Services, secret: string, now: Date = new Date()): Promise<TokenLookup> {
  if (!looksLikeTokenSecret(secret)) return { ok: false, reason: 'unknown' };
  const [row] = await services.db
    .select({ id: apiTokens.id, userId: apiTokens.userId, scope: apiTokens.scope, expiresAt: apiTokens.expiresAt, revokedAt: apiTokens.revokedAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(eq(apiTokens.secretHash, hashTokenSecret(secret)));
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revokedAt) return { ok: false, reason: 'revoked' };
  if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  const viewer = await loadViewer(services.db, row.userId);
  if (viewer.kind !== 'user') return { ok: false, reason: 'unknown' };
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= lastUsedEveryMs) await touchLastUsed(services, row.id, now);
  return { ok: true, tokenId: row.id, scope: row.scope as TokenScope, viewer };
}

/** One conditional update: of many requests in the same minute (even in several processes), one writes. */
async function touchLastUsed(services: Services, tokenId: string, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - lastUsedEveryMs);
  await services.db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, cutoff))));
}
