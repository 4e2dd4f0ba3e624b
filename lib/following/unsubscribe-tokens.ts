import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { followerSettings, unsubscribeTokens } from '@/lib/db/schema';
import type { Queryable } from '@/lib/db/transaction';
import type { Services } from '@/lib/services';

/**
 * One-click unsubscribe links (RFC 8058): each digest carries a fresh token that turns that person's
 * digests off, without signing in. The token is 32 random bytes; only its SHA-256 is stored. It works
 * once and for `unsubscribeTokenDays` days. A forged, expired or used token changes nothing and says
 * which it was, in plain words.
 */
export const unsubscribeTokenDays = 60;

export type TokenState = 'valid' | 'unknown' | 'expired' | 'used';

const tokenShape = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export async function makeUnsubscribeToken(db: Queryable, userId: string, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.insert(unsubscribeTokens).values({
    tokenHash: hashOf(token),
    userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + unsubscribeTokenDays * 24 * 60 * 60 * 1000),
  });
  return token;
}

/** What a token is, without using it (the GET page shows the button only for a valid one). */
export async function checkUnsubscribeToken(services: Services, token: unknown, now = new Date()): Promise<TokenState> {
  if (typeof token !== 'string' || !tokenShape.test(token)) return 'unknown';
  const [row] = await services.db.select().from(unsubscribeTokens).where(eq(unsubscribeTokens.tokenHash, hashOf(token)));
  return stateOf(row, now);
}

/**
 * Uses a token: turns the person's digests off and marks the token used, in one transaction (the row
 * is locked, so two clicks at once unsubscribe once). Anything but a valid token changes nothing.
 */
export async function unsubscribeWithToken(services: Services, token: unknown, now = new Date()): Promise<TokenState> {
  if (typeof token !== 'string' || !tokenShape.test(token)) return 'unknown';
  return services.db.transaction(async (tx) => {
    const [row] = await tx.select().from(unsubscribeTokens).where(eq(unsubscribeTokens.tokenHash, hashOf(token))).for('update');
    const state = stateOf(row, now);
    if (state !== 'valid' || !row) return state;
    await tx.update(unsubscribeTokens).set({ usedAt: now }).where(eq(unsubscribeTokens.id, row.id));
    await tx
      .insert(followerSettings)
      .values({ userId: row.userId, frequency: 'off' })
      .onConflictDoUpdate({ target: followerSettings.userId, set: { frequency: sql`'off'` } });
    return 'valid';
  });
}

function stateOf(row: { usedAt: Date | null; expiresAt: Date } | undefined, now: Date): TokenState {
  if (!row) return 'unknown';
  if (row.usedAt) return 'used';
  if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'valid';
}
