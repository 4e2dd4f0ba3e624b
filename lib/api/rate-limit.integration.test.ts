import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@/lib/db/query-rows';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { countApiRequest } from './rate-limit';

const limits = { perToken: 3, perNetworkAddress: 2, windowSeconds: 60 };
// A fixed moment 15 seconds into a window, so the window's end is known.
const start = new Date(Math.floor(Date.UTC(2026, 11, 3, 9, 0, 0) / 60_000) * 60_000 + 15_000);

describe.each(testDrivers)('API rate limits on %s', (driver) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(driver);
  });
  afterAll(async () => hub?.close());

  it('counts per token and per network address, each with its own limit, and refuses past it with Retry-After', async () => {
    const token = { tokenId: crypto.randomUUID(), networkAddress: '192.0.2.1' };
    const address = { networkAddress: '192.0.2.1' };
    const seen = [];
    for (let i = 0; i < 4; i += 1) seen.push(await countApiRequest(hub.services.db, limits, token, start));
    expect(seen.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(seen[0]!.headers).toEqual({ 'ratelimit-policy': '"per-token";q=3;w=60', ratelimit: '"per-token";r=2;t=45' });
    expect(seen[3]!.headers).toEqual({ 'ratelimit-policy': '"per-token";q=3;w=60', ratelimit: '"per-token";r=0;t=45', 'retry-after': '45' });
    // The same network address without a token has its own count.
    const first = await countApiRequest(hub.services.db, limits, address, start);
    const second = await countApiRequest(hub.services.db, limits, address, start);
    const third = await countApiRequest(hub.services.db, limits, address, start);
    expect([first.allowed, second.allowed, third.allowed]).toEqual([true, true, false]);
    expect(third.headers).toMatchObject({ 'ratelimit-policy': '"per-address";q=2;w=60', 'retry-after': '45' });
    // Another address is not held back by this one.
    expect((await countApiRequest(hub.services.db, limits, { networkAddress: '198.51.100.7' }, start)).allowed).toBe(true);
  });

  it('starts again in the next window, and deletes windows that are over', async () => {
    const caller = { networkAddress: '203.0.113.9' };
    await countApiRequest(hub.services.db, limits, caller, start);
    await countApiRequest(hub.services.db, limits, caller, start);
    expect((await countApiRequest(hub.services.db, limits, caller, start)).allowed).toBe(false);
    const later = new Date(start.getTime() + 120_000);
    const again = await countApiRequest(hub.services.db, limits, caller, later);
    expect(again.allowed).toBe(true);
    const [old] = await queryRows<{ n: number }>(hub.services.db, sql`SELECT count(*)::int AS n FROM api_rate_limit_windows WHERE window_start < ${new Date(start.getTime() + 60_000).toISOString()}`);
    expect(Number(old!.n)).toBe(0);
  });

  it('lets parallel requests through exactly up to the limit', async () => {
    const caller = { tokenId: crypto.randomUUID(), networkAddress: null };
    const decisions = await Promise.all(Array.from({ length: 8 }, () => countApiRequest(hub.services.db, { ...limits, perToken: 5 }, caller, start)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
  });
});
