import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, auditEvents, organisations, sessions, users, verificationTokens } from '@/lib/db/schema';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { createDrizzleAdapter, hashSessionToken } from './drizzle-adapter';
import { loadViewer } from '@/lib/auth/load-viewer';

const inAnHour = () => new Date(Date.now() + 60 * 60 * 1000);
let counter = 0;
const unique = (domain: string) => `person${Date.now().toString(36)}${counter++}@${domain}`;

describe.each(testDrivers)('drizzle adapter (%s)', (driver) => {
  let hub: TestHub;
  let adapter: ReturnType<typeof createDrizzleAdapter>;
  let bristolId: string;
  let cardiffId: string;
  beforeAll(async () => {
    hub = await createTestHub(driver);
    adapter = createDrizzleAdapter(() => hub.services.db);
    const rows = await hub.services.db.select({ id: organisations.id, slug: organisations.slug }).from(organisations);
    bristolId = rows.find((r) => r.slug === 'bristol')!.id;
    cardiffId = rows.find((r) => r.slug === 'cardiff')!.id;
  });
  afterAll(() => hub.close());

  const userRow = async (id: string) => (await hub.services.db.select().from(users).where(eq(users.id, id)))[0];
  const auditFor = (id: string) => hub.services.db.select().from(auditEvents).where(eq(auditEvents.subjectId, id));

  it('creates a user with a verified council address as a member of that council, and records it', async () => {
    const email = unique('Bristol.GOV.uk');
    const user = await adapter.createUser({ email: email.toUpperCase(), emailVerified: new Date(), name: 'Sam Jones' });
    expect(user.email).toBe(email.toLowerCase());
    const row = await userRow(user.id);
    expect(row).toMatchObject({ organisationId: bristolId, role: 'member', isSiteAdmin: false });
    const events = await auditFor(user.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'member.joined_by_email_domain',
      subjectType: 'user',
      organisationId: bristolId,
      actorUserId: user.id,
      actorLabel: 'Sam Jones, Bristol City Council',
    });
    expect(JSON.stringify(events)).not.toContain('@');
    expect(await loadViewer(hub.services.db, user.id)).toEqual({
      kind: 'user',
      userId: user.id,
      name: 'Sam Jones',
      organisation: { id: bristolId, slug: 'bristol', name: 'Bristol City Council' },
      role: 'member',
      isSiteAdmin: false,
    });
  });

  it('does not join anyone whose address is unverified (a Microsoft account) or on no council domain', async () => {
    const fromMicrosoft = await adapter.createUser({ email: unique('bristol.gov.uk'), emailVerified: null, name: 'Someone' });
    expect((await userRow(fromMicrosoft.id))!.organisationId).toBeNull();
    const elsewhere = await adapter.createUser({ email: unique('example.com'), emailVerified: new Date() });
    expect((await userRow(elsewhere.id))!.organisationId).toBeNull();
    const lookAlike = await adapter.createUser({ email: unique('bristol.gov.uk.evil.com'), emailVerified: new Date() });
    expect((await userRow(lookAlike.id))!.organisationId).toBeNull();
    expect(await auditFor(elsewhere.id)).toEqual([]);
  });

  it('refuses to store an address that is not one plain address', async () => {
    await expect(adapter.createUser({ email: '"a@evil.com"@bristol.gov.uk', emailVerified: new Date() })).rejects.toThrow();
    await expect(adapter.createUser({ email: 'a@x.com,b@bristol.gov.uk', emailVerified: new Date() })).rejects.toThrow();
  });

  it('joins on verification; keeps an existing organisation', async () => {
    const user = await adapter.createUser({ email: unique('bristol.gov.uk'), emailVerified: null });
    const verified = await adapter.updateUser({ id: user.id, emailVerified: new Date() });
    expect(verified.emailVerified).toBeInstanceOf(Date);
    expect((await userRow(user.id))!.organisationId).toBe(bristolId);

    const moved = await adapter.createUser({ email: unique('bristol.gov.uk'), emailVerified: null });
    await hub.services.db.update(users).set({ organisationId: cardiffId, role: 'org_admin' }).where(eq(users.id, moved.id));
    await adapter.updateUser({ id: moved.id, emailVerified: new Date() });
    expect(await userRow(moved.id)).toMatchObject({ organisationId: cardiffId, role: 'org_admin' });
  });

  it('on first verification, unlinks Microsoft accounts and ends sessions made before it', async () => {
    // Someone's own Entra tenant claims a council address first…
    const user = await adapter.createUser({ email: unique('bristol.gov.uk'), emailVerified: null, name: 'Impostor' });
    await adapter.linkAccount({
      userId: user.id,
      type: 'oauth',
      provider: 'azure-ad',
      providerAccountId: `attacker-${user.id}`,
      access_token: 'secret-access-token',
      refresh_token: 'secret-refresh-token',
      id_token: 'secret-id-token',
    });
    const [stored] = await hub.services.db.select().from(accounts).where(eq(accounts.userId, user.id));
    expect(stored).toMatchObject({ accessToken: null, refreshToken: null, idToken: null });
    await adapter.createSession({ sessionToken: `attacker-session-${user.id}`, userId: user.id, expires: inAnHour() });
    expect(await adapter.getUserByAccount({ provider: 'azure-ad', providerAccountId: `attacker-${user.id}` })).toMatchObject({ id: user.id });

    // …then the address's owner proves it by email link.
    await adapter.updateUser({ id: user.id, emailVerified: new Date() });
    expect(await adapter.getUserByAccount({ provider: 'azure-ad', providerAccountId: `attacker-${user.id}` })).toBeNull();
    expect(await adapter.getSessionAndUser(`attacker-session-${user.id}`)).toBeNull();
    expect((await auditFor(user.id)).map((e) => e.action).sort()).toEqual([
      'member.joined_by_email_domain',
      'user.accounts_unlinked_on_email_verification',
    ]);

    // Later sign-ins (already verified) leave accounts linked while signed in alone.
    await adapter.linkAccount({ userId: user.id, type: 'oauth', provider: 'azure-ad', providerAccountId: `owner-${user.id}` });
    await adapter.updateUser({ id: user.id, emailVerified: new Date() });
    expect(await adapter.getUserByAccount({ provider: 'azure-ad', providerAccountId: `owner-${user.id}` })).toMatchObject({ id: user.id });
  });

  it('finds users by id, address (any case) and account; refuses ids that are not UUIDs', async () => {
    const email = unique('example.org');
    const user = await adapter.createUser({ email, emailVerified: new Date() });
    expect(await adapter.getUser(user.id)).toMatchObject({ id: user.id, email });
    expect(await adapter.getUserByEmail(email.toUpperCase())).toMatchObject({ id: user.id });
    expect(await adapter.getUserByEmail(`${email}.`)).toMatchObject({ id: user.id });
    expect(await adapter.getUserByEmail(`x,${email}`)).toBeNull();
    expect(await adapter.getUser('not-a-uuid')).toBeNull();
    expect(await adapter.getUser('00000000-0000-4000-8000-000000000000')).toBeNull();
    await adapter.linkAccount({ userId: user.id, type: 'oauth', provider: 'azure-ad', providerAccountId: `acc-${user.id}` });
    expect(await adapter.getUserByAccount({ provider: 'azure-ad', providerAccountId: `acc-${user.id}` })).toMatchObject({ id: user.id });
    await adapter.unlinkAccount({ provider: 'azure-ad', providerAccountId: `acc-${user.id}` });
    expect(await adapter.getUserByAccount({ provider: 'azure-ad', providerAccountId: `acc-${user.id}` })).toBeNull();
    const renamed = await adapter.updateUser({ id: user.id, name: 'Alex Smith' });
    expect(renamed.name).toBe('Alex Smith');
  });

  it('keeps sessions by the hash of their token; updates, reads and deletes them by the token', async () => {
    const user = await adapter.createUser({ email: unique('example.org'), emailVerified: new Date() });
    const token = `session-${user.id}`;
    const expires = inAnHour();
    expect(await adapter.createSession({ sessionToken: token, userId: user.id, expires })).toEqual({ sessionToken: token, userId: user.id, expires });
    const [row] = await hub.services.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(row!.sessionToken).toBe(hashSessionToken(token));
    expect(row!.sessionToken).not.toContain(token);

    const found = await adapter.getSessionAndUser(token);
    expect(found?.session).toEqual({ sessionToken: token, userId: user.id, expires });
    expect(found?.user.id).toBe(user.id);
    expect(await adapter.getSessionAndUser(row!.sessionToken)).toBeNull();

    const later = new Date(expires.getTime() + 60_000);
    expect(await adapter.updateSession({ sessionToken: token, expires: later })).toEqual({ sessionToken: token, userId: user.id, expires: later });
    expect(await adapter.deleteSession(token)).toMatchObject({ userId: user.id });
    expect(await adapter.getSessionAndUser(token)).toBeNull();
    expect(await adapter.deleteSession(token)).toBeNull();
  });

  it('deleting a user ends their sessions and they become anonymous', async () => {
    const user = await adapter.createUser({ email: unique('bristol.gov.uk'), emailVerified: new Date() });
    await adapter.createSession({ sessionToken: `gone-${user.id}`, userId: user.id, expires: inAnHour() });
    await adapter.deleteUser(user.id);
    expect(await adapter.getSessionAndUser(`gone-${user.id}`)).toBeNull();
    expect(await loadViewer(hub.services.db, user.id)).toEqual({ kind: 'anonymous' });
  });

  it('a verification token is used once, even by two requests at the same moment', async () => {
    const identifier = unique('example.org');
    const token = { identifier, token: `hashed-${identifier}`, expires: inAnHour() };
    expect(await adapter.createVerificationToken(token)).toEqual(token);
    const results = await Promise.all([
      adapter.useVerificationToken({ identifier, token: token.token }),
      adapter.useVerificationToken({ identifier, token: token.token }),
    ]);
    expect(results.filter(Boolean)).toEqual([token]);
    expect(await adapter.useVerificationToken({ identifier, token: token.token })).toBeNull();
  });

  it('a token only works with its own address', async () => {
    const identifier = unique('example.org');
    await adapter.createVerificationToken({ identifier, token: `t-${identifier}`, expires: inAnHour() });
    expect(await adapter.useVerificationToken({ identifier: unique('example.org'), token: `t-${identifier}` })).toBeNull();
    expect(await adapter.useVerificationToken({ identifier, token: `t-${identifier}` })).toMatchObject({ identifier });
  });

  it('clears expired tokens when it makes a new one', async () => {
    const old = unique('example.org');
    await hub.services.db.insert(verificationTokens).values({ identifier: old, token: 'old', expires: new Date(Date.now() - 1000) });
    await adapter.createVerificationToken({ identifier: unique('example.org'), token: 'new', expires: inAnHour() });
    expect(await hub.services.db.select().from(verificationTokens).where(eq(verificationTokens.identifier, old))).toEqual([]);
  });
});
