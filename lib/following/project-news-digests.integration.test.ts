import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { council, person, type Council, type Person } from '@/lib/organisations/testing/fixtures';
import { deleteProject } from '@/lib/projects/delete-project';
import { editProject } from '@/lib/projects/edit-project';
import { registerProject } from '@/lib/projects/register-project';
import { projectAnswers } from '@/lib/projects/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { sinkMailer } from '@/lib/testing/sink-mailer';
import { startSmtpSink, type SinkMessage, type SmtpSink } from '@/lib/testing/smtp-sink';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { follow } from './follow';
import { sendDigests } from './send-digests';
import { mondayMorning } from './testing/fixtures';

// New projects and "a project like yours" in digests, through the real SMTP path to an in-process
// sink, in both parts of the email (plain text and HTML): each reader is told only of what they may
// see when the digest is sent, a project narrowed or deleted before then is left out, and each
// (theirs, yours) pair is told once.

describe.each(testDrivers)('new projects and projects like yours in digests, on %s', (driver) => {
  let hub: TestHub;
  let sink: SmtpSink;
  let bristol: Council;
  let leeds: Council;
  let leedsRegistrar: Person;
  let bristolReader: Person;
  let unattachedReader: Person;
  let bristolProjectId: string;

  const area = { topics: ['waste-recycling'], lgsl: '' };
  // A name with markup in it: the HTML part must show it as words, never as markup.
  const newName = 'Garden waste <b>trial</b> & bins';

  beforeAll(async () => {
    hub = await createTestHub(driver);
    sink = await startSmtpSink();
    hub.services.mail = sinkMailer(sink);
    bristol = await council(hub, 'bristol');
    leeds = await council(hub, 'leeds');
  });
  beforeEach(async () => {
    leedsRegistrar = await person(hub, { organisation: leeds });
    const bristolRegistrar = await person(hub, { organisation: bristol });
    // Bristol's own project is older than the readers' follows: it is not new to them.
    bristolProjectId = (await registerProject(hub.services, bristolRegistrar.viewer, projectAnswers({ ...area, name: 'Bin collections redesign' }))).id;
    bristolReader = await person(hub, { organisation: bristol });
    unattachedReader = await person(hub, { organisation: null });
    await follow(hub.services, bristolReader.viewer, { kind: 'topic', target: 'waste-recycling' });
    await follow(hub.services, unattachedReader.viewer, { kind: 'council', target: 'leeds' });
  });
  afterEach(async () => {
    sink.messages.length = 0;
    for (const table of ['projects', 'follows', 'digests', 'follower_settings']) await hub.services.db.execute(sql.raw(`DELETE FROM ${table}`));
  });
  afterAll(async () => {
    await sink?.stop();
    await hub?.close();
  });

  // Lines end in CRLF on the wire; the tests read them as \n.
  const to = (who: Person) => sink.messages.filter((m) => m.to.includes(who.email.toLowerCase())).map((m) => ({ ...m, text: m.text.replace(/\r\n/g, '\n') }));
  const header = (message: SinkMessage, name: string) =>
    message.raw
      .replace(/\r?\n[ \t]+/g, ' ')
      .split(/\r?\n/)
      .find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      ?.slice(name.length + 1)
      .trim();
  const leedsProject = async (visibility: string, name = newName, extra: Record<string, string | string[]> = {}) =>
    (await registerProject(hub.services, leedsRegistrar.viewer, projectAnswers({ ...area, name, visibility, ...extra }))).id;

  it('tells of a new project in a followed service area and that it is like the reader’s council’s, in text and HTML, with RFC 8058 headers', async () => {
    const id = await leedsProject('public');
    expect(await sendDigests(hub.services, { now: mondayMorning() })).toMatchObject({ claimed: 2, sent: 2, failed: 0 });

    const [digest] = to(bristolReader);
    expect(digest!.subject).toBe('New on Discovery Commons: 1 new project and 1 project like yours from what you follow');
    expect(digest!.text).toContain('Projects like yours: 1 new project at other councils sharing service areas with your council’s');
    expect(digest!.text).toContain(`- ${newName} (Leeds City Council, Discovery), like your “Bin collections redesign”\n  http://hub.test/projects/${id}`);
    expect(digest!.text).toContain(`Bins, waste and recycling: 1 new project\n- ${newName} (Leeds City Council, Discovery)\n  http://hub.test/projects/${id}`);

    // The HTML part says the same, with the name escaped and every link the hub's own.
    expect(digest!.html).toContain('<html lang="en">');
    expect(digest!.html).toContain('<h2>Projects like yours</h2>');
    expect(digest!.html).toContain(`<a href="http://hub.test/projects/${id}">Garden waste &#60;b&#62;trial&#60;/b&#62; &#38; bins</a>`);
    expect(digest!.html).toContain('like your “Bin collections redesign”');
    expect(digest!.html).toContain('<h2><a href="http://hub.test/search?topic=waste-recycling">Bins, waste and recycling</a></h2>');
    expect(digest!.html).not.toContain('<b>trial</b>');
    expect(digest!.html).toContain('<a href="http://hub.test/account/following">');
    const token = /\/unsubscribe\/([A-Za-z0-9_-]{43})/.exec(digest!.text)?.[1];
    expect(digest!.html).toContain(`<a href="http://hub.test/unsubscribe/${token}">Stop these emails</a>`);
    expect(header(digest!, 'List-Unsubscribe')).toBe(`<http://hub.test/unsubscribe/${token}/one-click>`);
    expect(header(digest!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');

    // Someone of no council following Leeds: the new project, and no "like yours" (no council, no projects).
    const [other] = to(unattachedReader);
    expect(other!.subject).toBe('New on Discovery Commons: 1 new project from what you follow');
    expect(other!.text).toContain(`Leeds City Council: 1 new project\n- ${newName} (Leeds City Council, Discovery)`);
    expect(other!.text).not.toContain('Projects like yours');
    expect(other!.html).toContain(`<a href="http://hub.test/projects/${id}">`);
    expect(other!.html).not.toContain('Projects like yours');
  });

  it('each reader is told only of what they may see: a councils-only project is not in the digest of someone of no council', async () => {
    const id = await leedsProject('councils');
    await sendDigests(hub.services, { now: mondayMorning() });
    expect(to(unattachedReader)).toHaveLength(0);
    expect(to(bristolReader)[0]!.text).toContain(`http://hub.test/projects/${id}`);
  });

  it('a project narrowed to its council before sending is gone from other councils’ digests, both parts', async () => {
    const id = await leedsProject('public');
    await editProject(hub.services, leedsRegistrar.viewer, id, projectAnswers({ ...area, name: newName, visibility: 'organisation' }));
    expect(await sendDigests(hub.services, { now: mondayMorning() })).toMatchObject({ sent: 0, empty: 2 });
    expect(sink.messages).toHaveLength(0);
  });

  it('a project deleted before sending is in no digest', async () => {
    const id = await leedsProject('public');
    await deleteProject(hub.services, leedsRegistrar.viewer, id);
    expect(await sendDigests(hub.services, { now: mondayMorning() })).toMatchObject({ sent: 0 });
    expect(sink.messages).toHaveLength(0);
  });

  it('once per pair: a project like two of yours is one item naming both, and the next digest does not tell of it again', async () => {
    const bristolRegistrar = await person(hub, { organisation: bristol });
    await hub.services.db.execute(sql`UPDATE projects SET created_at = now() - interval '1 day'`); // before the readers' follows too
    await registerProject(hub.services, bristolRegistrar.viewer, projectAnswers({ ...area, name: 'Abandoned vehicles' }));
    await hub.services.db.execute(sql`UPDATE projects SET created_at = now() - interval '1 day'`);
    const id = await leedsProject('public');
    await sendDigests(hub.services, { now: mondayMorning() });
    const [first] = to(bristolReader);
    expect(first!.text).toContain(`like your “Abandoned vehicles” and “Bin collections redesign”\n  http://hub.test/projects/${id}`);
    expect(first!.text.match(new RegExp(`projects/${id}`, 'g'))).toHaveLength(2); // "like yours", and new in the service area

    sink.messages.length = 0;
    await sendDigests(hub.services, { now: mondayMorning(1) });
    expect(to(bristolReader)).toHaveLength(0);
  });

  it('shares a service area by LGSL code too; a project sharing none is not “like yours”', async () => {
    // Bristol's project in none of the hub's service areas, only LGSL 524.
    await hub.services.db.execute(sql`UPDATE projects SET topics = '{}', lgsl_codes = '{524}' WHERE id = ${bristolProjectId}`);
    const byCode = await leedsProject('public', 'Missed bins by code', { topics: [], lgsl: '524' });
    const unrelated = await leedsProject('public', 'Parking permits', { topics: ['parking'], lgsl: '' });
    await sendDigests(hub.services, { now: mondayMorning() });
    const [digest] = to(bristolReader);
    expect(digest!.text).toContain(`Missed bins by code (Leeds City Council, Discovery), like your “Bin collections redesign”\n  http://hub.test/projects/${byCode}`);
    expect(digest!.text).not.toContain(unrelated);
    expect(digest!.html).not.toContain(unrelated);
  });
});
