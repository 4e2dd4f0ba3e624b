import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInLondon } from '@/lib/text/calendar-days';
import { queryRows } from '@/lib/db/query-rows';
import { apiTokens, users } from '@/lib/db/schema';
import { council, outcomeOf, person, refusal, type Council, type Person } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { anonymous } from '@/lib/auth/viewer';
import { createApiToken } from './create-api-token';
import { listApiTokens } from './list-api-tokens';
import { revokeApiToken } from './revoke-api-token';
import { hashTokenSecret } from './token-secret';
import { viewerForToken } from './token-viewer';

/** The three boxes of the expiry date input for the day `days` from today (London). */
function expiresIn(days: number) {
  const [year, month, day] = addDays(todayInLondon(), days).split('-');
  return { expiresDay: String(Number(day)), expiresMonth: String(Number(month)), expiresYear: year };
}

describe.each(testDrivers)('personal API tokens, on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let sam: Person;
  let kim: Person;
  let admin: Person;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    bristol = await council(hub, 'bristol');
    sam = await person(hub, { organisation: bristol, name: 'Sam Jones' });
    kim = await person(hub, { organisation: bristol });
    admin = await person(hub, { isSiteAdmin: true });
  });
  afterAll(async () => hub?.close());

  it('creates a token whose secret is shown once and stored only as its sha256', async () => {
    const created = await createApiToken(hub.services, sam.viewer, { name: 'Nightly import', scope: 'read', ...expiresIn(90) });
    expect(created.secret).toMatch(/^dc_[A-Za-z0-9_-]{43}$/);
    const [row] = await hub.services.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row!.secretHash).toBe(hashTokenSecret(created.secret));
    const dump = JSON.stringify(await queryRows(hub.services.db, sql`SELECT to_jsonb(t) AS row FROM api_tokens t`));
    expect(dump).not.toContain(created.secret);
    const events = await queryRows<{ action: string; after: unknown }>(hub.services.db, sql`SELECT action, after FROM audit_events WHERE subject_id = ${created.id}`);
    expect(events.map((e) => e.action)).toEqual(['api_token.created']);
    expect(JSON.stringify(events)).not.toContain(created.secret);
    expect(JSON.stringify(events)).not.toContain(row!.secretHash);

    const listed = await listApiTokens(hub.services, sam.viewer);
    expect(listed.find((t) => t.id === created.id)).toMatchObject({ name: 'Nightly import', scope: 'read', state: 'active', lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    expect((await listApiTokens(hub.services, kim.viewer)).map((t) => t.id)).not.toContain(created.id);
    expect(await listApiTokens(hub.services, anonymous)).toEqual([]);
  });

  it.each([
    ['no name', { name: '', scope: 'read', ...expiresIn(30) }, 'name', 'Enter a name for the token'],
    ['no scope', { name: 'x', scope: 'admin', ...expiresIn(30) }, 'scope', 'Choose what the token may do'],
    ['no date', { name: 'x', scope: 'read' }, 'expiresDay', 'Enter the date the token stops working'],
    ['a date in the past', { name: 'x', scope: 'read', ...expiresIn(-1) }, 'expiresDay', 'The date must be today or in the future'],
    ['more than a year', { name: 'x', scope: 'read', ...expiresIn(366) }, 'expiresDay', 'The date must be no more than a year from today'],
  ])('refuses %s beside its field, writing nothing', async (_case, fields, field, message) => {
    const before = await queryRows<{ n: number }>(hub.services.db, sql`SELECT count(*)::int AS n FROM api_tokens`);
    const error = await refusal(() => createApiToken(hub.services, sam.viewer, fields));
    expect(error.code).toBe('validation');
    expect(error.fieldErrors?.[0]?.field).toBe(field);
    expect(error.fieldErrors?.[0]?.message).toContain(message);
    expect(await queryRows(hub.services.db, sql`SELECT count(*)::int AS n FROM api_tokens`)).toEqual(before);
  });

  it('accepts exactly a year, and the database itself refuses more than a year', async () => {
    const created = await createApiToken(hub.services, sam.viewer, { name: 'A year', scope: 'read-write', ...expiresIn(365) });
    expect(created.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(366 * 24 * 3600 * 1000);
    await expect(
      hub.services.db.insert(apiTokens).values({ userId: sam.id, name: 'x', scope: 'read', secretHash: 'h-too-long', secretPrefix: 'dc_x', expiresAt: new Date(Date.now() + 400 * 24 * 3600 * 1000) }),
    ).rejects.toThrow();
  });

  it('only a signed-in person makes tokens', async () => {
    expect(await outcomeOf(() => createApiToken(hub.services, anonymous, { name: 'x', scope: 'read', ...expiresIn(1) }))).toBe('unauthenticated');
  });

  it('acts for its person with their live membership, and stops when revoked, expired or unknown', async () => {
    const created = await createApiToken(hub.services, kim.viewer, { name: 'Live', scope: 'read', ...expiresIn(10) });
    const found = await viewerForToken(hub.services, created.secret);
    expect(found).toMatchObject({ ok: true, scope: 'read', viewer: { kind: 'user', userId: kim.id, organisation: { id: bristol.id } } });
    // Last used is written, then not again within the minute.
    const [first] = await hub.services.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(first!.lastUsedAt).not.toBeNull();
    await viewerForToken(hub.services, created.secret, new Date(first!.lastUsedAt!.getTime() + 30_000));
    const [second] = await hub.services.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(second!.lastUsedAt).toEqual(first!.lastUsedAt);
    await viewerForToken(hub.services, created.secret, new Date(first!.lastUsedAt!.getTime() + 61_000));
    const [third] = await hub.services.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(third!.lastUsedAt!.getTime()).toBeGreaterThan(first!.lastUsedAt!.getTime());

    // Removed from their council: the token still names them, but without the council's access.
    await hub.services.db.update(users).set({ organisationId: null }).where(eq(users.id, kim.id));
    const after = await viewerForToken(hub.services, created.secret);
    expect(after).toMatchObject({ ok: true, viewer: { kind: 'user', userId: kim.id, organisation: null } });
    await hub.services.db.update(users).set({ organisationId: bristol.id }).where(eq(users.id, kim.id));

    expect(await viewerForToken(hub.services, created.secret, new Date(created.expiresAt.getTime() + 1))).toEqual({ ok: false, reason: 'expired' });
    expect(await viewerForToken(hub.services, 'dc_' + 'A'.repeat(43))).toEqual({ ok: false, reason: 'unknown' });
    expect(await viewerForToken(hub.services, 'not a token')).toEqual({ ok: false, reason: 'unknown' });

    // Someone else may not revoke it (told it is not there); its person may.
    expect(await outcomeOf(() => revokeApiToken(hub.services, sam.viewer, created.id))).toBe('not_found');
    await revokeApiToken(hub.services, kim.viewer, created.id);
    expect(await viewerForToken(hub.services, created.secret)).toEqual({ ok: false, reason: 'revoked' });
    expect((await listApiTokens(hub.services, kim.viewer)).find((t) => t.id === created.id)?.state).toBe('revoked');
  });

  it('site admins may revoke anyone’s token, but never see it', async () => {
    const created = await createApiToken(hub.services, sam.viewer, { name: 'Leaked', scope: 'read', ...expiresIn(10) });
    expect((await listApiTokens(hub.services, admin.viewer)).map((t) => t.id)).not.toContain(created.id);
    expect(await outcomeOf(() => revokeApiToken(hub.services, anonymous, created.id))).toBe('unauthenticated');
    expect(await outcomeOf(() => revokeApiToken(hub.services, admin.viewer, created.id))).toBe('allowed');
    expect(await viewerForToken(hub.services, created.secret)).toEqual({ ok: false, reason: 'revoked' });
    expect(await outcomeOf(() => revokeApiToken(hub.services, sam.viewer, 'not-a-uuid'))).toBe('not_found');
  });

  it('a deleted person’s tokens go with them', async () => {
    const leaving = await person(hub, { organisation: bristol });
    const created = await createApiToken(hub.services, leaving.viewer, { name: 'Gone', scope: 'read', ...expiresIn(10) });
    await hub.services.db.delete(users).where(eq(users.id, leaving.id));
    expect(await viewerForToken(hub.services, created.secret)).toEqual({ ok: false, reason: 'unknown' });
  });
});
