import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiToken } from '@/lib/api-tokens/create-api-token';
import { revokeApiToken } from '@/lib/api-tokens/revoke-api-token';
import { callApi } from '@/lib/api/testing/call-api';
import { anonymous, type Viewer } from '@/lib/auth/viewer';
import { addDays, todayInLondon } from '@/lib/text/calendar-days';
import { council, person } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';

// The API's rate limits over HTTP, with small limits: RateLimit headers on every answer, then 429
// with Retry-After, checked against the OpenAPI document. Windows are counted from 1970, so a window
// a century long runs until 2070: the test never sees one end, whatever day it runs.
const state = vi.hoisted(() => ({ viewer: { kind: 'anonymous' } as Viewer, hub: undefined as unknown as TestHub }));
vi.mock('@/lib/sign-in/current-viewer', () => ({ currentViewer: async () => state.viewer }));
vi.mock('@/lib/runtime', () => ({ services: async () => state.hub.services }));
vi.mock('@/lib/api/rate-limit-settings', () => ({
  apiRateLimitSettings: () => ({ limits: { perToken: 3, perNetworkAddress: 2, windowSeconds: 100 * 365 * 24 * 3600 }, trustedProxyHops: 1 }),
}));

const { GET: vocabularies } = await import('./vocabularies/route');
const { GET: councils } = await import('./councils/route');
const { PATCH: changeMaterial } = await import('./materials/[id]/route');

describe.each(testDrivers)('API rate limits over HTTP on %s', (driver) => {
  let hub: TestHub;
  let secret: string;
  let revokedSecret: string;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    state.hub = hub;
    const bristol = await council(hub, 'bristol');
    const member = await person(hub, { organisation: bristol });
    const [year, month, day] = addDays(todayInLondon(), 30).split('-');
    secret = (await createApiToken(hub.services, member.viewer, { name: 'Busy', scope: 'read', expiresDay: day!, expiresMonth: month!, expiresYear: year! })).secret;
    const revoked = await createApiToken(hub.services, member.viewer, { name: 'Gone', scope: 'read-write', expiresDay: day!, expiresMonth: month!, expiresYear: year! });
    await revokeApiToken(hub.services, member.viewer, revoked.id);
    revokedSecret = revoked.secret;
  });
  afterAll(async () => hub?.close());

  it('limits each network address, with RateLimit headers on every answer and 429 with Retry-After past the limit', async () => {
    state.viewer = anonymous;
    const from = (address: string) => ({ 'x-forwarded-for': address });
    const first = await callApi(vocabularies, '/api/v1/vocabularies', { headers: from('192.0.2.10') });
    expect(first.response.status).toBe(200);
    expect(first.response.headers.get('ratelimit-policy')).toBe('"per-address";q=2;w=3153600000');
    expect(first.response.headers.get('ratelimit')).toMatch(/^"per-address";r=1;t=\d+$/);
    expect((await callApi(councils, '/api/v1/councils', { headers: from('192.0.2.10') })).response.status).toBe(200);
    const refused = await callApi(vocabularies, '/api/v1/vocabularies', { headers: from('192.0.2.10') });
    expect(refused.response.status).toBe(429);
    expect(refused.response.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.response.headers.get('ratelimit')).toMatch(/^"per-address";r=0;t=\d+$/);
    expect(refused.body).toMatchObject({ status: 429, title: 'Too many requests' });
    // Another address, and a token from the same address, have their own allowance.
    expect((await callApi(vocabularies, '/api/v1/vocabularies', { headers: from('198.51.100.20') })).response.status).toBe(200);
    const withToken = await callApi(vocabularies, '/api/v1/vocabularies', { headers: { ...from('192.0.2.10'), authorization: `Bearer ${secret}` } });
    expect(withToken.response.status).toBe(200);
    expect(withToken.response.headers.get('ratelimit-policy')).toBe('"per-token";q=3;w=3153600000');
  });

  it('limits each token wherever it is used from', async () => {
    const statuses = [];
    for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      statuses.push((await callApi(vocabularies, '/api/v1/vocabularies', { headers: { 'x-forwarded-for': address, authorization: `Bearer ${secret}` } })).response.status);
    }
    // One use in the test above, two here, then refused.
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('counts refused token attempts (revoked, unknown, a write without a token) against the network address', async () => {
    const from = { 'x-forwarded-for': '192.0.2.99' };
    const revoked = await callApi(vocabularies, '/api/v1/vocabularies', { headers: { ...from, authorization: `Bearer ${revokedSecret}` } });
    expect(revoked.response.status).toBe(401);
    expect(revoked.response.headers.get('ratelimit')).toMatch(/^"per-address";r=1;t=\d+$/);
    const id = crypto.randomUUID();
    const noToken = await callApi(changeMaterial, `/api/v1/materials/${id}`, {
      method: 'PATCH',
      params: { id },
      headers: { ...from, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'x' }),
    });
    expect(noToken.response.status).toBe(401);
    expect(noToken.response.headers.get('ratelimit')).toMatch(/^"per-address";r=0;t=\d+$/);
    // Past the limit, even a guess gets 429, and so does a good token's owner from that address without it.
    const guess = await callApi(vocabularies, '/api/v1/vocabularies', { headers: { ...from, authorization: `Bearer dc_${'x'.repeat(43)}` } });
    expect(guess.response.status).toBe(429);
    expect(Number(guess.response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await callApi(vocabularies, '/api/v1/vocabularies', { headers: from })).response.status).toBe(429);
  });
});
