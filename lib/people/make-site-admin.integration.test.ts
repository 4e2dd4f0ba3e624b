import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, users } from '@/lib/db/schema';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { createDrizzleAdapter } from '@/lib/sign-in/drizzle-adapter';
import { loadViewer } from '@/lib/auth/load-viewer';
import { makeSiteAdmin } from './make-site-admin';

describe.each(testDrivers)('makeSiteAdmin (%s)', (driver) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(driver);
  });
  afterAll(() => hub.close());

  it('creates the first site admin, who joins their council when they first sign in by email', async () => {
    const created = await makeSiteAdmin(hub.services.db, { email: 'Sam.Jones@Bristol.gov.uk', name: ' Sam Jones ' }, 'Command line');
    expect(created).toMatchObject({ outcome: 'created', email: 'sam.jones@bristol.gov.uk' });
    if (created.outcome !== 'created') return;
    const [row] = await hub.services.db.select().from(users).where(eq(users.id, created.userId));
    expect(row).toMatchObject({ email: 'sam.jones@bristol.gov.uk', name: 'Sam Jones', isSiteAdmin: true, emailVerified: null, organisationId: null });
    const events = await hub.services.db.select().from(auditEvents).where(eq(auditEvents.subjectId, created.userId));
    expect(events).toMatchObject([{ action: 'user.made_site_admin', actorLabel: 'Command line', actorUserId: null }]);

    // Signing in by email link verifies the address: next-auth calls updateUser with emailVerified.
    await createDrizzleAdapter(() => hub.services.db).updateUser({ id: created.userId, emailVerified: new Date() });
    expect(await loadViewer(hub.services.db, created.userId)).toMatchObject({
      isSiteAdmin: true,
      name: 'Sam Jones',
      organisation: { slug: 'bristol' },
    });

    expect(await makeSiteAdmin(hub.services.db, { email: 'sam.jones@bristol.gov.uk' }, 'Command line')).toMatchObject({
      outcome: 'already',
      renamed: false,
    });
    expect(await makeSiteAdmin(hub.services.db, { email: 'sam.jones@bristol.gov.uk', name: 'Sam J' }, 'Command line')).toMatchObject({
      outcome: 'already',
      renamed: true,
    });
  });

  it('promotes someone who has already signed in', async () => {
    const user = await createDrizzleAdapter(() => hub.services.db).createUser({ email: 'alex@example.org', emailVerified: new Date() });
    expect(await makeSiteAdmin(hub.services.db, { email: 'ALEX@example.org' }, 'Command line')).toMatchObject({ outcome: 'promoted', userId: user.id });
    expect(await loadViewer(hub.services.db, user.id)).toMatchObject({ isSiteAdmin: true });
  });

  it('refuses an address that is not one plain address', async () => {
    expect(await makeSiteAdmin(hub.services.db, { email: 'a@x.com,b@bristol.gov.uk' }, 'Command line')).toEqual({
      outcome: 'invalid',
      message: 'Enter an email address in the correct format, like name@example.gov.uk',
    });
  });
});
