import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '@/lib/auth/viewer';
import { feedback } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { council, person } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { FEEDBACK_MAX_LENGTH, FEEDBACK_PER_HOUR, FEEDBACK_PER_NETWORK_PER_HOUR, tooMuchFeedbackMessage } from './feedback-rules';
import { listFeedback } from './list-feedback';
import { sendFeedback } from './send-feedback';

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe.each(testDrivers)('feedback on %s', (driver) => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await createTestHub(driver);
  });
  afterAll(async () => hub?.close());

  it('anyone sends it; only site admins read it, newest first, with the reply address', async () => {
    const sent = await sendFeedback(hub.services, anonymous, { message: '  Search is good.\r\nFilters are hidden.  ', replyEmail: ' Reader@Example.com ' }, { networkAddress: '192.0.2.1' });
    const admin = await person(hub, { isSiteAdmin: true });
    const { items, total } = await listFeedback(hub.services, admin.viewer);
    expect(total).toBeGreaterThanOrEqual(1);
    expect(items[0]).toMatchObject({ id: sent.id, message: 'Search is good.\nFilters are hidden.', replyEmail: 'reader@example.com' });

    const bristol = await council(hub, 'bristol');
    const orgAdmin = await person(hub, { organisation: bristol, role: 'org_admin' });
    expect((await refusal(listFeedback(hub.services, orgAdmin.viewer))).code).toBe('forbidden');
    expect((await refusal(listFeedback(hub.services, anonymous))).code).toBe('unauthenticated');
  });

  it('refuses an empty or over-long message and a malformed address, field by field', async () => {
    const empty = await refusal(sendFeedback(hub.services, anonymous, { message: '   ', replyEmail: 'not an address' }, { networkAddress: '192.0.2.2' }));
    expect(empty.code).toBe('validation');
    expect(empty.fieldErrors.map((e) => e.field)).toEqual(['message', 'replyEmail']);
    expect(empty.fieldErrors[0]!.message).toBe('Enter your feedback');
    const long = await refusal(sendFeedback(hub.services, anonymous, { message: 'a'.repeat(FEEDBACK_MAX_LENGTH + 1) }, { networkAddress: '192.0.2.2' }));
    expect(long.fieldErrors[0]!.message).toBe(`Your feedback must be ${FEEDBACK_MAX_LENGTH} characters or fewer`);
  });

  it('limits each network address an hour, and keeps only a one-way code of it', async () => {
    const from = { networkAddress: '198.51.100.7' };
    for (let i = 0; i < FEEDBACK_PER_NETWORK_PER_HOUR; i++) await sendFeedback(hub.services, anonymous, { message: `note ${i}` }, from);
    const refused = await refusal(sendFeedback(hub.services, anonymous, { message: 'one too many' }, from));
    expect(refused.fieldErrors).toEqual([{ field: 'message', message: tooMuchFeedbackMessage }]);
    // Another network is not held back; an hour later this one may send again.
    await sendFeedback(hub.services, anonymous, { message: 'from elsewhere' }, { networkAddress: '198.51.100.8' });
    await sendFeedback(hub.services, anonymous, { message: 'later' }, from, new Date(Date.now() + 61 * 60_000));
    const rows = await hub.services.db.select({ networkHash: feedback.networkHash }).from(feedback);
    expect(rows.every((row) => row.networkHash === null || /^[0-9a-f]{64}$/.test(row.networkHash))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('198.51.100');
  });

  it('limits everyone together an hour, and deletes feedback older than a year', async () => {
    const old = new Date(Date.now() - 400 * 24 * 3600_000);
    const { id: oldId } = await sendFeedback(hub.services, anonymous, { message: 'from long ago' }, { networkAddress: null }, old);
    const later = new Date(Date.now() + 3 * 3600_000); // a fresh hour, clear of the tests above
    await hub.services.db.insert(feedback).values(
      Array.from({ length: FEEDBACK_PER_HOUR }, (_, i) => ({ message: `flood ${i}`, networkHash: `n${i}`, createdAt: later })),
    );
    const refused = await refusal(sendFeedback(hub.services, anonymous, { message: 'one more' }, { networkAddress: '203.0.113.9' }, later));
    expect(refused.fieldErrors[0]!.message).toBe(tooMuchFeedbackMessage);
    // The next feedback that is kept clears out what is more than a year old.
    await sendFeedback(hub.services, anonymous, { message: 'next day' }, { networkAddress: '203.0.113.9' }, new Date(later.getTime() + 2 * 3600_000));
    const ids = (await hub.services.db.select({ id: feedback.id }).from(feedback)).map((row) => row.id);
    expect(ids).not.toContain(oldId);
  });
});
