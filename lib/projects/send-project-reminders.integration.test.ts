import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/viewer';
import { users } from '@/lib/db/schema';
import { council, person, type Council, type Person } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { sinkMailer } from '@/lib/testing/sink-mailer';
import { startSmtpSink, type SmtpSink } from '@/lib/testing/smtp-sink';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { postProjectUpdate } from './post-project-update';
import { registerProject } from './register-project';
import { sendProjectReminders } from './send-project-reminders';
import { setProjectStatus } from './set-project-status';
import { projectAnswers } from './testing/fixtures';

// Quiet-project reminders through the real SMTP path to an in-process sink. "Now" is passed in, so
// the days pass without waiting.

const day = 24 * 60 * 60 * 1000;

describe.each(testDrivers)('quiet project reminders, on %s', (driver) => {
  let hub: TestHub;
  let sink: SmtpSink;
  let bristol: Council;
  let contact: Person;
  let registrar: Viewer;
  let admin: Viewer;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    sink = await startSmtpSink();
    hub.services.mail = sinkMailer(sink);
    bristol = await council(hub, 'bristol');
    registrar = (await person(hub, { organisation: bristol })).viewer;
    admin = (await person(hub, { organisation: bristol, role: 'org_admin' })).viewer;
    contact = await person(hub, { organisation: bristol, name: 'Kim Lee' });
  });
  afterEach(async () => {
    sink.messages.length = 0;
    await hub.services.db.execute(sql`DELETE FROM projects`);
  });
  afterAll(async () => {
    await sink?.stop();
    await hub?.close();
  });

  const to = (email: string) => sink.messages.filter((m) => m.to.includes(email.toLowerCase()));
  const at = (daysFromNow: number) => new Date(Date.now() + daysFromNow * day);

  it('reminds the contact at 90 days without an update and again at 180, once each however often it runs', async () => {
    const { id } = await registerProject(hub.services, registrar, projectAnswers({ name: 'Bins redesign', contact: contact.id }));

    expect(await sendProjectReminders(hub.services, { now: at(89) })).toEqual({ sent: 0, decided: 0 });
    expect(await sendProjectReminders(hub.services, { now: at(90) })).toEqual({ sent: 1, decided: 1 });
    const [first] = to(contact.email);
    expect(first!.subject).toBe('No update for 90 days: Bins redesign');
    expect(first!.text).toContain(`http://hub.test/projects/${id}`);

    expect(await sendProjectReminders(hub.services, { now: at(91) })).toEqual({ sent: 0, decided: 0 });
    const both = await Promise.all([sendProjectReminders(hub.services, { now: at(120) }), sendProjectReminders(hub.services, { now: at(120) })]);
    expect(both.reduce((sum, r) => sum + r.decided, 0)).toBe(0);

    expect(await sendProjectReminders(hub.services, { now: at(181) })).toEqual({ sent: 1, decided: 1 });
    expect(await sendProjectReminders(hub.services, { now: at(300) })).toEqual({ sent: 0, decided: 0 });
    expect(to(contact.email).map((m) => m.subject)).toEqual(['No update for 90 days: Bins redesign', 'No update for 181 days: Bins redesign']);
    expect(sink.messages).toHaveLength(2);
  });

  it('an update starts the count again; paused and finished projects are not reminded; a contact who left is not written to', async () => {
    const { id } = await registerProject(hub.services, registrar, projectAnswers({ name: 'Updated one', contact: contact.id }));
    const paused = await registerProject(hub.services, registrar, projectAnswers({ name: 'Paused one', contact: contact.id }));
    await setProjectStatus(hub.services, admin, paused.id, { status: 'paused' });

    expect(await sendProjectReminders(hub.services, { now: at(95) })).toEqual({ sent: 1, decided: 1 });
    await postProjectUpdate(hub.services, registrar, id, { body: 'Back at it' }, { now: at(100) });
    expect(await sendProjectReminders(hub.services, { now: at(150) })).toEqual({ sent: 0, decided: 0 });
    expect(await sendProjectReminders(hub.services, { now: at(190) })).toEqual({ sent: 1, decided: 1 });
    expect(to(contact.email).map((m) => m.subject)).toEqual(['No update for 95 days: Updated one', 'No update for 90 days: Updated one']);

    const leaver = await person(hub, { organisation: bristol });
    await registerProject(hub.services, registrar, projectAnswers({ name: 'Leaver’s', contact: leaver.id }));
    await hub.services.db.update(users).set({ organisationId: null }).where(eq(users.id, leaver.id));
    expect(await sendProjectReminders(hub.services, { now: at(91) })).toEqual({ sent: 0, decided: 1 });
    expect(to(leaver.email)).toHaveLength(0);
  });
});
