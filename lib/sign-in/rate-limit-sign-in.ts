import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { AuthConfig } from '@/lib/config';
import type { Database } from '@/lib/db/client';
import { signInRequests } from '@/lib/db/schema';

export type SignInLimits = AuthConfig['signInLimits'];

export type SignInRateDecision =
  | { allowed: true }
  | { allowed: false; reason: 'address' | 'network_address'; retryAfterMinutes: number };

/** The message people see when they are over either limit. */
export const tooManySignInRequestsMessage = 'You have asked for too many sign-in links. Wait 15 minutes, then try again.';

/** Any constant: serialises the count-then-insert below across every web instance. */
const SIGN_IN_LOCK = 4242101;

/**
 * Counts email sign-in requests and records this one if it is within the limits: at most
 * `perAddress` links to one address and `perNetworkAddress` requests from one network address in
 * the last `windowMinutes`. Over either limit nothing is recorded and nothing must be sent, so a
 * flood against one mailbox neither fills it nor keeps its owner out for longer than the window.
 *
 * The address is stored only as its SHA-256 (the limit needs equality, not the address). The count
 * and the insert run under a transaction-level advisory lock, so parallel requests cannot all slip
 * in under the limit.
 */
export async function rateLimitSignIn(
  db: Database,
  limits: SignInLimits,
  request: { email: string; networkAddress: string | null },
  now: Date = new Date(),
): Promise<SignInRateDecision> {
  const emailHash = hashEmailForRateLimit(request.email);
  const windowStart = new Date(now.getTime() - limits.windowMinutes * 60_000);
  const refused = (reason: 'address' | 'network_address'): SignInRateDecision => ({
    allowed: false,
    reason,
    retryAfterMinutes: limits.windowMinutes,
  });
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SIGN_IN_LOCK})`);
    const [byAddress] = await tx
      .select({ count: sql<number>`count(*)::int`.mapWith(Number) })
      .from(signInRequests)
      .where(and(eq(signInRequests.emailHash, emailHash), gte(signInRequests.createdAt, windowStart)));
    if ((byAddress?.count ?? 0) >= limits.perAddress) return refused('address');
    if (request.networkAddress) {
      const [byNetwork] = await tx
        .select({ count: sql<number>`count(*)::int`.mapWith(Number) })
        .from(signInRequests)
        .where(and(eq(signInRequests.ip, request.networkAddress), gte(signInRequests.createdAt, windowStart)));
      if ((byNetwork?.count ?? 0) >= limits.perNetworkAddress) return refused('network_address');
    }
    await tx.insert(signInRequests).values({ emailHash, ip: request.networkAddress, createdAt: now });
    // Rows older than a day count for nothing: drop them as we go.
    await tx.delete(signInRequests).where(lt(signInRequests.createdAt, new Date(now.getTime() - 24 * 60 * 60_000)));
    return { allowed: true };
  });
}

export function hashEmailForRateLimit(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}
