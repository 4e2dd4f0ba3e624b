import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { anonymous, type Viewer } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import { followerSettings } from '@/lib/db/schema';
import { follow } from '@/lib/following/follow';
import { makeUnsubscribeToken } from '@/lib/following/unsubscribe-tokens';
import { council, person, type Person } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';

// The HTTP rows of following: the route handlers the forms post to, called as Next.js calls them, for
// each kind of viewer. The viewer and the services are the test's; everything else (origin check,
// form parsing, the domain's checks) is real.
const state = vi.hoisted(() => ({ viewer: { kind: 'anonymous' } as Viewer, hub: undefined as unknown as TestHub }));
vi.mock('@/lib/sign-in/current-viewer', () => ({
  currentViewer: async () => state.viewer,
  signInPath: (returnTo: string) => `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`,
}));
vi.mock('@/lib/runtime', () => ({ services: async () => state.hub.services }));

const { POST: followRoute } = await import('./follow/route');
const { POST: unfollowRoute } = await import('./[id]/unfollow/route');
const { POST: frequencyRoute } = await import('../account/following/frequency/route');
const { POST: oneClick } = await import('../unsubscribe/[token]/one-click/route');

const site = 'http://hub.test';
const noParams = { params: Promise.resolve({}) };

function post(path: string, fields: Record<string, string>, options: { origin?: string | null; body?: string } = {}) {
  const origin = options.origin === undefined ? site : options.origin;
  return new Request(`${site}${path}`, {
    method: 'POST',
    headers: { host: 'hub.test', ...(origin ? { origin } : {}), 'content-type': 'application/x-www-form-urlencoded' },
    body: options.body ?? new URLSearchParams(fields).toString(),
  });
}

describe.each(testDrivers)('following routes on %s', (driver) => {
  let hub: TestHub;
  let reader: Person;
  let other: Person;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    state.hub = hub;
    const leeds = await council(hub, 'leeds');
    reader = await person(hub, { organisation: leeds });
    other = await person(hub, { organisation: leeds });
  });
  beforeEach(() => {
    state.viewer = anonymous;
  });
  afterEach(async () => {
    await hub.services.db.execute(sql`DELETE FROM follows`);
    await hub.services.db.execute(sql`DELETE FROM follower_settings`);
  });
  afterAll(async () => hub?.close());

  const followCount = async () => Number((await queryRows<{ n: number }>(hub.services.db, sql`SELECT count(*)::int AS n FROM follows`))[0]!.n);
  const frequencyOf = async (userId: string) => (await hub.services.db.select().from(followerSettings).where(eq(followerSettings.userId, userId)))[0]?.frequency;

  const followRows: { who: 'anonymous' | 'reader'; fields: Record<string, string>; status: number; location?: RegExp; follows: number }[] = [
    { who: 'anonymous', fields: { kind: 'council', target: 'bristol', returnTo: '/organisations/bristol' }, status: 303, location: /^\/sign-in\?callbackUrl=/, follows: 0 },
    { who: 'reader', fields: { kind: 'council', target: 'bristol', returnTo: '/organisations/bristol' }, status: 303, location: /^\/organisations\/bristol$/, follows: 1 },
    { who: 'reader', fields: { kind: 'topic', target: 'waste-recycling', returnTo: '//evil.example/x' }, status: 303, location: /^\/account\/following$/, follows: 1 },
    { who: 'reader', fields: { kind: 'search', target: 'q=bins', name: 'Bins', returnTo: '/account/following?saved=search' }, status: 303, location: /^\/account\/following\?saved=search$/, follows: 1 },
    // Bad input: a council that does not exist, a made-up kind, a search with no name.
    { who: 'reader', fields: { kind: 'council', target: 'no-such-council' }, status: 404, follows: 0 },
    { who: 'reader', fields: { kind: 'project', target: 'x' }, status: 303, location: /^\/following\/new\?attempt=/, follows: 0 },
    { who: 'reader', fields: { kind: 'search', target: 'q=bins', name: '  ' }, status: 303, location: /^\/following\/new\?attempt=/, follows: 0 },
  ];
  it.each(followRows)('$who follows $fields.kind "$fields.target" → $status', async ({ who, fields, status, location, follows }) => {
    state.viewer = who === 'anonymous' ? anonymous : reader.viewer;
    const response = await followRoute(post('/following/follow', fields), noParams);
    expect(response.status).toBe(status);
    if (location) expect(response.headers.get('location')).toMatch(location);
    expect(await followCount()).toBe(follows);
  });

  it('a follow posted from another site is refused', async () => {
    state.viewer = reader.viewer;
    const response = await followRoute(post('/following/follow', { kind: 'council', target: 'bristol' }, { origin: 'https://evil.example' }), noParams);
    expect(response.status).toBe(403);
    expect(await followCount()).toBe(0);
  });

  it.each([
    { who: 'anonymous', status: 303, location: /^\/sign-in/, left: 1 },
    { who: 'someone else', status: 404, location: null, left: 1 },
    { who: 'the follower', status: 303, location: /^\/account\/following$/, left: 0 },
  ] as const)('$who unfollows → $status', async ({ who, status, location, left }) => {
    const { id } = await follow(hub.services, reader.viewer, { kind: 'council', target: 'bristol' });
    state.viewer = who === 'anonymous' ? anonymous : who === 'someone else' ? other.viewer : reader.viewer;
    const response = await unfollowRoute(post(`/following/${id}/unfollow`, { returnTo: '/account/following' }), { params: Promise.resolve({ id }) });
    expect(response.status).toBe(status);
    if (location) expect(response.headers.get('location')).toMatch(location);
    expect(await followCount()).toBe(left);
  });

  it('frequency: saved for oneself; anything else comes back with a message', async () => {
    state.viewer = reader.viewer;
    const bad = await frequencyRoute(post('/account/following/frequency', { frequency: 'hourly' }), noParams);
    expect(bad.headers.get('location')).toMatch(/^\/account\/following\?attempt=/);
    const good = await frequencyRoute(post('/account/following/frequency', { frequency: 'daily' }), noParams);
    expect(good.headers.get('location')).toBe('/account/following?saved=frequency');
    expect(await frequencyOf(reader.id)).toBe('daily');
  });

  it('RFC 8058 one-click: a mail provider posts without signing in or an Origin; it works once; forged links change nothing', async () => {
    await follow(hub.services, reader.viewer, { kind: 'council', target: 'bristol' });
    const token = await makeUnsubscribeToken(hub.services.db, reader.id);
    const click = (t: string, body = 'List-Unsubscribe=One-Click') =>
      oneClick(post(`/unsubscribe/${t}/one-click`, {}, { origin: null, body }), { params: Promise.resolve({ token: t }) });

    const forged = await click('A'.repeat(43));
    expect(forged.status).toBe(404);
    expect(await frequencyOf(reader.id)).toBe('weekly');

    const first = await click(token);
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('You are unsubscribed from Discovery Commons digests.');
    expect(await frequencyOf(reader.id)).toBe('off');

    const again = await click(token);
    expect(await again.text()).toBe('This unsubscribe link has already been used.');
  });

  it('the button on the unsubscribe page (no JavaScript, not signed in) lands on a page saying what happened', async () => {
    await follow(hub.services, reader.viewer, { kind: 'council', target: 'bristol' });
    const token = await makeUnsubscribeToken(hub.services.db, reader.id);
    const response = await oneClick(post(`/unsubscribe/${token}/one-click`, { from: 'page' }, { origin: site }), { params: Promise.resolve({ token }) });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/unsubscribe/done?result=valid');
    const reused = await oneClick(post(`/unsubscribe/${token}/one-click`, { from: 'page' }), { params: Promise.resolve({ token }) });
    expect(reused.headers.get('location')).toBe('/unsubscribe/done?result=used');
  });
});
