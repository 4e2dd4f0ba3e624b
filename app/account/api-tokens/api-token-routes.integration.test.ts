import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { anonymous, type Viewer } from '@/lib/auth/viewer';
import { addDays, todayInLondon } from '@/lib/text/calendar-days';
import { apiTokens } from '@/lib/db/schema';
import { council, person } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { hashTokenSecret } from '@/lib/api-tokens/token-secret';

// The HTTP rows of the API tokens' permission matrix: the routes the account page's forms post to,
// called as Next.js calls them. The viewer and the services are the test's; the origin check, form
// parsing and the domain's checks are real.
const state = vi.hoisted(() => ({ viewer: { kind: 'anonymous' } as Viewer, hub: undefined as unknown as TestHub }));
vi.mock('@/lib/sign-in/current-viewer', () => ({
  currentViewer: async () => state.viewer,
  signInPath: (returnTo: string) => `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`,
}));
vi.mock('@/lib/runtime', () => ({ services: async () => state.hub.services }));

const { POST: create } = await import('./create/route');
const { POST: copied } = await import('./copied/route');
const { POST: revoke } = await import('./[id]/revoke/route');

const site = 'http://hub.test';
function post(path: string, fields: Record<string, string>, origin: string | null = site) {
  return new Request(`${site}${path}`, {
    method: 'POST',
    headers: { host: 'hub.test', ...(origin ? { origin } : {}), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}
const noParams = { params: Promise.resolve({}) };
function answers(days: number, name = 'Nightly import') {
  const [year, month, day] = addDays(todayInLondon(), days).split('-');
  return { name, scope: 'read', expiresDay: day!, expiresMonth: month!, expiresYear: year! };
}

describe.each(testDrivers)('API token routes on %s', (driver) => {
  let hub: TestHub;
  let owner: Viewer;
  let other: Viewer;
  let admin: Viewer;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    state.hub = hub;
    const bristol = await council(hub, 'bristol');
    owner = (await person(hub, { organisation: bristol })).viewer;
    other = (await person(hub, { organisation: bristol })).viewer;
    admin = (await person(hub, { isSiteAdmin: true })).viewer;
  });
  afterAll(async () => hub?.close());

  async function makeToken(viewer: Viewer): Promise<{ id: string; secret: string }> {
    state.viewer = viewer;
    const response = await create(post('/account/api-tokens/create', answers(30)), noParams);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/account/api-tokens/created');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^dc-new-api-token=dc_[A-Za-z0-9_-]{43}; Path=\/account\/api-tokens; Max-Age=600; HttpOnly; SameSite=Strict/);
    const secret = decodeURIComponent(cookie.split(';')[0]!.split('=')[1]!);
    const [row] = await hub.services.db.select().from(apiTokens).where(eq(apiTokens.secretHash, hashTokenSecret(secret)));
    expect(row).toBeDefined();
    return { id: row!.id, secret };
  }

  it('creates a token for someone signed in, and hands the secret on in a short-lived cookie only', async () => {
    const { secret } = await makeToken(owner);
    state.viewer = owner;
    const forget = await copied(post('/account/api-tokens/copied', {}), noParams);
    expect(forget.status).toBe(303);
    expect(forget.headers.get('set-cookie')).toMatch(/^dc-new-api-token=; Path=\/account\/api-tokens; Max-Age=0/);
    expect(forget.headers.get('set-cookie')).not.toContain(secret);
  });

  it('sends someone signed out to sign in, and refuses a post from another site', async () => {
    state.viewer = anonymous;
    const response = await create(post('/account/api-tokens/create', answers(30)), noParams);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/sign-in?callbackUrl=%2Faccount%2Fapi-tokens');
    state.viewer = owner;
    expect((await create(post('/account/api-tokens/create', answers(30), 'https://evil.test'), noParams)).status).toBe(403);
  });

  it('shows the form again with what to fix for more than a year', async () => {
    state.viewer = owner;
    const response = await create(post('/account/api-tokens/create', answers(366)), noParams);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/account\/api-tokens\?attempt=/);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it.each([
    ['its person', () => owner, 'allowed'],
    ['a site admin', () => admin, 'allowed'],
    ['another member of the same council', () => other, 404],
    ['someone signed out', () => anonymous, 'sign in'],
  ] as const)('revoking: %s → %s', async (_who, viewer, expected) => {
    const { id } = await makeToken(owner);
    state.viewer = viewer();
    const response = await revoke(post(`/account/api-tokens/${id}/revoke`, {}), { params: Promise.resolve({ id }) });
    const [row] = await hub.services.db.select().from(apiTokens).where(eq(apiTokens.id, id));
    if (expected === 'allowed') {
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/account/api-tokens?done=revoked');
      expect(row!.revokedAt).not.toBeNull();
    } else {
      if (expected === 'sign in') expect(response.headers.get('location')).toMatch(/^\/sign-in/);
      else expect(response.status).toBe(expected);
      expect(row!.revokedAt).toBeNull();
    }
  });
});
