import 'server-only';
import { sql } from 'drizzle-orm';
import type { ApiConfig } from '@/lib/config';
import type { Database } from '@/lib/db/client';
import { queryRows } from '@/lib/db/query-rows';

export type RateLimits = ApiConfig['rateLimits'];

export interface RateLimitDecision {
  allowed: boolean;
  /** The headers every API answer carries (IETF draft-ietf-httpapi-ratelimit-headers), and Retry-After when refused. */
  headers: Record<string, string>;
}

/**
 * Counts one API request against its bucket and says whether it is within the limit. A fixed window
 * (`windowSeconds`, 60 by default) counted in Postgres with a single upsert: every web instance shares
 * the count (an in-process counter would give each instance its own allowance, and forget it on every
 * restart), at the cost of one small write a request. A fixed window lets a program make up to twice
 * the limit across a window's edge; for a hub's API that is acceptable, and it keeps the write to one
 * row. Requests with a token count against the token; all others against their network address
 * (IPv6: one /64). When the window turns over, older windows are deleted as the first request of the
 * new one is counted.
 */
export async function countApiRequest(
  db: Database,
  limits: RateLimits,
  caller: { tokenId?: string; networkAddress: string | null },
  now: Date = new Date(),
): Promise<RateLimitDecision> {
  const [bucket, policy, limit] = caller.tokenId
    ? [`token:${caller.tokenId}`, 'per-token', limits.perToken]
    : [`address:${caller.networkAddress ?? 'unknown'}`, 'per-address', limits.perNetworkAddress];
  const windowMs = limits.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`INSERT INTO api_rate_limit_windows (bucket, window_start, count) VALUES (${bucket}, ${windowStart.toISOString()}, 1)
        ON CONFLICT (bucket, window_start) DO UPDATE SET count = api_rate_limit_windows.count + 1
        RETURNING count::int AS count`,
  );
  const count = Number(row?.count ?? 1);
  if (count === 1) await db.execute(sql`DELETE FROM api_rate_limit_windows WHERE window_start < ${new Date(windowStart.getTime() - windowMs).toISOString()}`);
  const resetSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  const allowed = count <= limit;
  const headers: Record<string, string> = {
    'ratelimit-policy': `"${policy}";q=${limit};w=${limits.windowSeconds}`,
    ratelimit: `"${policy}";r=${Math.max(0, limit - count)};t=${resetSeconds}`,
  };
  if (!allowed) headers['retry-after'] = String(resetSeconds);
  return { allowed, headers };
}
