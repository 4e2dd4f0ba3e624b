import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import { users } from '@/lib/db/schema';
import { council, person, type Council, type Person } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { startSmtpSink, type SmtpSink } from '@/lib/testing/smtp-sink';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { addLinkEvidence } from './add-link-evidence';
import { confirmCommitment } from './confirm-commitment';
import { recordCommitment } from './record-commitment';
import { sendCommitmentReminders } from './send-commitment-reminders';
import { commitmentAnswers, dueIn } from './testing/fixtures';
import { updateCommitment } from './update-commitment';
import { sinkMailer } from '@/lib/testing/sink-mailer';

// Reminders go through the real SMTP path to an in-process sink. "Now" is passed in, so the days
// pass without waiting.

const day = 24 * 60 * 60 * 1000;

describe.each(testDrivers)('commitment reminders, on %s', (driver) => {
  let hub: TestHub;
  let sink: SmtpSink;
  let bristol: Council;
  let contact: Person;
  let recorder: Viewer;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    sink = await startSmtpSink();
    hub.services.mail = sinkMailer(sink);
    bristol = await council(hub, 'bristol');
    recorder = (await person(hub, { organisation: bristol })).viewer;
    contact = await person(hub, { organisation: bristol, name: 'Kim Lee' });
  });
  afterEach(async () => {
    sink.messages.length = 0;
    await hub.services.db.execute(sql`DELETE FROM commitments`);
  });
  afterAll(async () => {
    await sink?.stop();
    await hub?.close();
  });

  const to = (email: string) => sink.messages.filter((m) => m.to.includes(email.toLowerCase()));
  const at = (daysFromNow: number) => new Date(Date.now() + daysFromNow * day);

  it('reminds the contact two weeks before and on the day, once each however often it runs', async () => {
    const { id } = await recordCommitment(hub.services, recorder, commitmentAnswers({ ...dueIn(20), description: 'Share our Discovery report', contact: contact.id }));

    expect(await sendCommitmentReminders(hub.services, { now: at(0) })).toEqual({ sent: 0, decided: 0 });
    expect(await sendCommitmentReminders(hub.services, { now: at(6) })).toEqual({ sent: 1, decided: 1 });
    const [early] = to(contact.email);
    expect(early!.subject).toMatch(/^Coming up by \d+ \w+ \d{4}: Share our Discovery report$/);
    expect(early!.text).toContain(`http://hub.test/commitments/${id}`);
    expect(early!.text).toContain('Bristol City Council said it would do this by');

    // Run again that day, the next day, and by two workers at once: nothing more.
    expect(await sendCommitmentReminders(hub.services, { now: at(6) })).toEqual({ sent: 0, decided: 0 });
    const both = await Promise.all([sendCommitmentReminders(hub.services, { now: at(7) }), sendCommitmentReminders(hub.services, { now: at(7) })]);
    expect(both.reduce((sum, r) => sum + r.sent, 0)).toBe(0);

    expect(await sendCommitmentReminders(hub.services, { now: at(20) })).toEqual({ sent: 1, decided: 1 });
    expect(await sendCommitmentReminders(hub.services, { now: at(21) })).toEqual({ sent: 0, decided: 0 });
    expect(to(contact.email).map((m) => m.subject.split(':')[0])).toEqual([expect.stringMatching(/^Coming up by/), 'Due now']);
    // Only the contact is written to.
    expect(sink.messages).toHaveLength(2);
  });

  it('a failure after deciding (a crash, a mail server down) never sends it again: the decision is the row, committed before sending', async () => {
    await recordCommitment(hub.services, recorder, commitmentAnswers({ ...dueIn(10), contact: contact.id }));
    const working = hub.services.mail;
    hub.services.mail = { hubUrl: 'http://hub.test', send: () => Promise.reject(new Error('the worker died here')) };
    try {
      expect(await sendCommitmentReminders(hub.services, { now: at(0) })).toEqual({ sent: 0, decided: 1 });
    } finally {
      hub.services.mail = working;
    }
    expect(await sendCommitmentReminders(hub.services, { now: at(0) })).toEqual({ sent: 0, decided: 0 });
    expect(to(contact.email)).toHaveLength(0);
  });

  it('kept commitments are not reminded; a new date is reminded again; a contact who left is not written to', async () => {
    const kept = await recordCommitment(hub.services, recorder, commitmentAnswers({ ...dueIn(5), contact: contact.id, description: 'Kept one' }));
    await addLinkEvidence(hub.services, recorder, kept.id, { url: 'https://example.org', title: 'Done' });
    await confirmCommitment(hub.services, recorder, kept.id);
    const moved = await recordCommitment(hub.services, recorder, commitmentAnswers({ ...dueIn(3), contact: contact.id, description: 'Moved one' }));

    expect(await sendCommitmentReminders(hub.services, { now: at(0) })).toEqual({ sent: 1, decided: 1 });
    await updateCommitment(hub.services, recorder, moved.id, commitmentAnswers({ ...dueIn(30), contact: contact.id, description: 'Moved one' }));
    expect(await sendCommitmentReminders(hub.services, { now: at(0) })).toEqual({ sent: 0, decided: 0 });
    expect(await sendCommitmentReminders(hub.services, { now: at(17) })).toEqual({ sent: 1, decided: 1 });
    expect(to(contact.email).every((m) => m.subject.endsWith('Moved one'))).toBe(true);

    const leaver = await person(hub, { organisation: bristol });
    await recordCommitment(hub.services, recorder, commitmentAnswers({ ...dueIn(2), contact: leaver.id }));
    await hub.services.db.update(users).set({ organisationId: null }).where(eq(users.id, leaver.id));
    expect(await sendCommitmentReminders(hub.services, { now: at(0) })).toEqual({ sent: 0, decided: 1 });
    expect(to(leaver.email)).toHaveLength(0);
    const rows = await queryRows<{ n: number }>(hub.services.db, sql`SELECT count(*)::int AS n FROM commitment_reminders`);
    expect(rows[0]!.n).toBe(2);
  });
});
