import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@/lib/db/query-rows';
import { AppError } from '@/lib/errors';
import { council, person, type Person } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { follow } from './follow';
import { listFollows } from './list-follows';
import { setDigestFrequency } from './set-digest-frequency';
import { publishedMaterial } from './testing/fixtures';
import { unfollow } from './unfollow';

// Bad input and edges of following: each refused with a clear message and nothing changed; saved
// searches kept as their validated query string; what is new counted from the last visit.

describe.each(testDrivers)('following rules, on %s', (driver) => {
  let hub: TestHub;
  let reader: Person;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    reader = await person(hub, { organisation: await council(hub, 'leeds') });
  });
  afterEach(async () => {
    await hub.services.db.execute(sql`DELETE FROM follows`);
    await hub.services.db.execute(sql`DELETE FROM follower_settings`);
    await hub.services.db.execute(sql`DELETE FROM materials`);
  });
  afterAll(async () => hub?.close());

  const follows = () => queryRows<{ kind: string; target: string; name: string | null }>(hub.services.db, sql`SELECT kind, target, name FROM follows ORDER BY created_at`);
  async function refusal(attempt: () => Promise<unknown>): Promise<AppError> {
    try {
      await attempt();
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    throw new Error('it was not refused');
  }

  it.each([
    { what: 'a council that does not exist', input: { kind: 'council', target: 'atlantis' }, code: 'not_found', message: 'There is nothing to follow there' },
    { what: 'a service area that does not exist', input: { kind: 'topic', target: 'dragons' }, code: 'not_found', message: 'There is nothing to follow there' },
    { what: 'a kind the hub does not have', input: { kind: 'project', target: 'x' }, code: 'validation', message: 'Choose what to follow' },
    { what: 'a search with no name', input: { kind: 'search', target: 'q=bins', name: '   ' }, code: 'validation', message: 'Give this search a name, so you know it in your emails' },
    { what: 'a search with a very long name', input: { kind: 'search', target: 'q=bins', name: 'x'.repeat(101) }, code: 'validation', message: 'The name must be 100 characters or fewer' },
    { what: 'a search URL far too long', input: { kind: 'search', target: `q=${'a'.repeat(2001)}`, name: 'Long' }, code: 'validation', message: 'That search is too long to follow' },
  ])('$what: $code, nothing followed', async ({ input, code, message }) => {
    const error = await refusal(() => follow(hub.services, reader.viewer, input));
    expect(error.code).toBe(code);
    expect(error.fieldErrors[0]?.message ?? error.message).toBe(message);
    expect(await follows()).toEqual([]);
  });

  it('keeps a search as its validated query string: page, sort and unknown parameters dropped, so the same search is one follow', async () => {
    await follow(hub.services, reader.viewer, { kind: 'search', target: '/search?q=bins&topic=waste-recycling&page=3&sort=newest&evil=%22x', name: 'Bins' });
    await follow(hub.services, reader.viewer, { kind: 'search', target: 'topic=waste-recycling&q=bins&topic=not-a-topic', name: 'Bins, renamed' });
    expect(await follows()).toEqual([{ kind: 'search', target: 'q=bins&topic=waste-recycling', name: 'Bins, renamed' }]);
  });

  it('following again changes nothing; unfollowing twice is "not found" the second time', async () => {
    const first = await follow(hub.services, reader.viewer, { kind: 'council', target: 'bristol' });
    const again = await follow(hub.services, reader.viewer, { kind: 'council', target: 'bristol' });
    expect(again.id).toBe(first.id);
    await unfollow(hub.services, reader.viewer, first.id);
    expect((await refusal(() => unfollow(hub.services, reader.viewer, first.id))).code).toBe('not_found');
    expect((await refusal(() => unfollow(hub.services, reader.viewer, 'not-an-id'))).code).toBe('not_found');
  });

  it('a frequency that is not daily, weekly or off is refused', async () => {
    const error = await refusal(() => setDigestFrequency(hub.services, reader.viewer, 'hourly'));
    expect(error.fieldErrors).toEqual([{ field: 'frequency', message: 'Choose how often to get emails' }]);
  });

  it('counts what is new since the last visit, as the viewer may see it', async () => {
    const bristol = await council(hub, 'bristol');
    await follow(hub.services, reader.viewer, { kind: 'council', target: 'bristol' });
    const first = await listFollows(hub.services, reader.viewer, { markVisit: true });
    expect(first.follows.map((f) => [f.label, f.newSinceLastVisit])).toEqual([['Bristol City Council', null]]);
    await publishedMaterial(hub, { organisationId: bristol.id, visibility: 'public' });
    await publishedMaterial(hub, { organisationId: bristol.id, visibility: 'organisation' });
    const second = await listFollows(hub.services, reader.viewer, { markVisit: true });
    expect(second.follows.map((f) => f.newSinceLastVisit)).toEqual([1]);
    expect(second.lastVisitAt).not.toBeNull();
    const third = await listFollows(hub.services, reader.viewer);
    expect(third.follows.map((f) => f.newSinceLastVisit)).toEqual([0]);
  });
});
