import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signInRequests } from '@/lib/db/schema';
import { queryRows } from '@/lib/db/query-rows';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { clientNetworkAddress, networkOf } from './client-address';
import { hashEmailForRateLimit, rateLimitSignIn } from './rate-limit-sign-in';

const limits = { perAddress: 5, perNetworkAddress: 20, windowMinutes: 15 };
const minutes = (n: number) => n * 60_000;

describe.each(testDrivers)('rateLimitSignIn (%s)', (driver) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(driver);
  });
  afterAll(() => hub.close());
  beforeEach(async () => {
    await hub.services.db.delete(signInRequests);
  });

  const ask = (email: string, networkAddress: string | null, now = new Date()) =>
    rateLimitSignIn(hub.services.db, limits, { email, networkAddress }, now);

  it('allows five links to one address in 15 minutes, then refuses without recording', async () => {
    for (let i = 0; i < 5; i++) expect(await ask('sam@bristol.gov.uk', `192.0.2.${i}`)).toEqual({ allowed: true });
    expect(await ask('sam@bristol.gov.uk', '192.0.2.99')).toEqual({ allowed: false, reason: 'address', retryAfterMinutes: 15 });
    expect(await ask('SAM@Bristol.gov.uk', '192.0.2.98')).toMatchObject({ allowed: false, reason: 'address' });
    const rows = await queryRows<{ count: number }>(hub.services.db, sql`SELECT count(*)::int AS count FROM sign_in_requests`);
    expect(rows[0]!.count).toBe(5);
    // Someone else is not affected.
    expect(await ask('alex@bristol.gov.uk', '192.0.2.1')).toEqual({ allowed: true });
  });

  it('stores a hash of the address, never the address', async () => {
    await ask('sam@bristol.gov.uk', '192.0.2.1');
    const rows = await hub.services.db.select().from(signInRequests);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.emailHash).toBe(hashEmailForRateLimit('sam@bristol.gov.uk'));
    expect(rows[0]!.emailHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain('bristol');
  });

  it('allows twenty requests from one network address in 15 minutes, whatever the addresses', async () => {
    for (let i = 0; i < 20; i++) expect(await ask(`person${i}@bristol.gov.uk`, '198.51.100.7')).toEqual({ allowed: true });
    expect(await ask('person99@bristol.gov.uk', '198.51.100.7')).toMatchObject({ allowed: false, reason: 'network_address' });
    expect(await ask('person99@bristol.gov.uk', '198.51.100.8')).toEqual({ allowed: true });
  });

  it('counts only the last 15 minutes', async () => {
    const start = new Date('2030-01-01T09:00:00Z');
    for (let i = 0; i < 5; i++) await ask('sam@bristol.gov.uk', '192.0.2.1', new Date(start.getTime() + minutes(i)));
    expect(await ask('sam@bristol.gov.uk', '192.0.2.1', new Date(start.getTime() + minutes(14)))).toMatchObject({ allowed: false });
    // 15 minutes after the first request, that one no longer counts.
    expect(await ask('sam@bristol.gov.uk', '192.0.2.1', new Date(start.getTime() + minutes(15) + 1))).toEqual({ allowed: true });
    expect(await ask('sam@bristol.gov.uk', '192.0.2.1', new Date(start.getTime() + minutes(15) + 2))).toMatchObject({ allowed: false });
  });

  it('lets exactly the limit through when requests arrive together', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => ask('sam@bristol.gov.uk', `203.0.113.${i}`)));
    expect(answers.filter((a) => a.allowed)).toHaveLength(5);
  });

  it('limits by address alone when there is no network address', async () => {
    for (let i = 0; i < 5; i++) expect(await ask('sam@bristol.gov.uk', null)).toEqual({ allowed: true });
    expect(await ask('sam@bristol.gov.uk', null)).toMatchObject({ allowed: false, reason: 'address' });
  });
});

describe('clientNetworkAddress', () => {
  const headers = (xff: string) => new Headers({ 'x-forwarded-for': xff });

  it('takes the entry the trusted proxy added, ignoring what the client wrote before it', () => {
    expect(clientNetworkAddress(headers('203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientNetworkAddress(headers('6.6.6.6, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientNetworkAddress(headers('6.6.6.6, 203.0.113.9, 10.0.0.2'), 2)).toBe('203.0.113.9');
    expect(clientNetworkAddress(headers('203.0.113.9'), 0)).toBe('203.0.113.9');
    expect(clientNetworkAddress(headers('203.0.113.9'), 3)).toBe('203.0.113.9');
  });

  it('gives null without a usable address', () => {
    expect(clientNetworkAddress(new Headers(), 1)).toBeNull();
    expect(clientNetworkAddress(headers('not-an-address'), 1)).toBeNull();
  });

  it('groups IPv6 addresses by /64 and unwraps IPv4-mapped ones', () => {
    expect(networkOf('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:db8:1:2::ffff')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(networkOf('[2001:db8:1:2::5]:443')).toBe('2001:db8:1:2::/64');
    expect(networkOf('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(networkOf('192.0.2.1:5000')).toBe('192.0.2.1');
    expect(networkOf('::1')).toBe('0:0:0:0::/64');
  });
});
