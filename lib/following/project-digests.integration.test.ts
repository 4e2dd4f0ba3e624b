import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { council, person, type Council, type Person } from '@/lib/organisations/testing/fixtures';
import { deleteProject } from '@/lib/projects/delete-project';
import { editProject } from '@/lib/projects/edit-project';
import { postProjectUpdate } from '@/lib/projects/post-project-update';
import { registerProject } from '@/lib/projects/register-project';
import { projectAnswers } from '@/lib/projects/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { sinkMailer } from '@/lib/testing/sink-mailer';
import { startSmtpSink, type SmtpSink } from '@/lib/testing/smtp-sink';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { buildDigests } from './build-digests';
import { follow } from './follow';
import { sendDigests } from './send-digests';
import { mondayMorning } from './testing/fixtures';

// Followed projects in digests, through the real SMTP path to an in-process sink: each reader gets the
// new updates of a project they may see when the digest is sent, and nothing of one narrowed or deleted.

describe.each(testDrivers)('followed projects in digests, on %s', (driver) => {
  let hub: TestHub;
  let sink: SmtpSink;
  let bristol: Council;
  let leeds: Council;
  let registrar: Person;
  let bristolReader: Person;
  let leedsReader: Person;
  let projectId: string;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    sink = await startSmtpSink();
    hub.services.mail = sinkMailer(sink);
    bristol = await council(hub, 'bristol');
    leeds = await council(hub, 'leeds');
    registrar = await person(hub, { organisation: bristol });
  });
  beforeEach(async () => {
    bristolReader = await person(hub, { organisation: bristol });
    leedsReader = await person(hub, { organisation: leeds });
    projectId = (await registerProject(hub.services, registrar.viewer, projectAnswers({ name: 'Bin collections redesign', visibility: 'councils' }))).id;
    for (const reader of [bristolReader, leedsReader]) await follow(hub.services, reader.viewer, { kind: 'project', target: projectId });
    await postProjectUpdate(hub.services, registrar.viewer, projectId, { body: 'We finished twelve interviews with residents.', phase: 'alpha' });
  });
  afterEach(async () => {
    sink.messages.length = 0;
    await hub.services.db.execute(sql`DELETE FROM projects`);
    await hub.services.db.execute(sql`DELETE FROM follows`);
    await hub.services.db.execute(sql`DELETE FROM digests`);
    await hub.services.db.execute(sql`DELETE FROM follower_settings`);
  });
  afterAll(async () => {
    await sink?.stop();
    await hub?.close();
  });

  const to = (who: Person) => sink.messages.filter((m) => m.to.includes(who.email.toLowerCase()));

  it('a new update, with its phase move, is in each follower’s digest with a link to the project', async () => {
    expect(await sendDigests(hub.services, { now: mondayMorning() })).toMatchObject({ claimed: 2, sent: 2, failed: 0 });
    for (const reader of [bristolReader, leedsReader]) {
      const [digest] = to(reader);
      expect(digest!.subject).toBe('New on Discovery Commons: 1 project update from what you follow');
      expect(digest!.text).toContain('Bin collections redesign (project): 1 new update');
      expect(digest!.text).toContain('Moved to alpha. We finished twelve interviews with residents.');
      expect(digest!.text).toContain(`http://hub.test/projects/${projectId}`);
    }
  });

  it('a project narrowed to its council before sending vanishes from other councils’ digests at once', async () => {
    await editProject(hub.services, registrar.viewer, projectId, projectAnswers({ name: 'Bin collections redesign', visibility: 'organisation' }));
    await sendDigests(hub.services, { now: mondayMorning() });
    expect(to(leedsReader)).toHaveLength(0);
    expect(to(bristolReader)[0]!.text).toContain('We finished twelve interviews with residents.');
  });

  it('a deleted project vanishes from every digest at once', async () => {
    await deleteProject(hub.services, registrar.viewer, projectId);
    expect(await sendDigests(hub.services, { now: mondayMorning() })).toMatchObject({ sent: 0 });
    expect(sink.messages).toHaveLength(0);
  });

  it('followers of a project who see the same things share one query', async () => {
    const another = await person(hub, { organisation: leeds });
    await follow(hub.services, another.viewer, { kind: 'project', target: projectId });
    const from = new Date(Date.now() - 60_000);
    const upTo = new Date(Date.now() + 60_000);
    const readers = [leedsReader, another].map((r, i) => ({ digestId: `d${i}`, userId: r.viewer.kind === 'user' ? r.viewer.userId : '', coversFrom: from, coversTo: upTo }));
    const { built, queries } = await buildDigests(hub.services, readers);
    expect(queries.projectUpdates).toBe(1);
    expect(built.map((d) => d.sections[0]?.updates?.total)).toEqual([1, 1]);
  });
});
