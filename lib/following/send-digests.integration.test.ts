import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '@/lib/db/query-rows';
import { followerSettings, materials } from '@/lib/db/schema';
import { council, person, type Council, type Person } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { sinkMailer } from '@/lib/testing/sink-mailer';
import { startSmtpSink, type SinkMessage, type SmtpSink } from '@/lib/testing/smtp-sink';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { buildDigests } from './build-digests';
import { follow } from './follow';
import { claimDigests, claimLeaseMinutes, sendDigests } from './send-digests';
import { setDigestFrequency } from './set-digest-frequency';
import { mondayMorning, publishedMaterial } from './testing/fixtures';
import { checkUnsubscribeToken, unsubscribeWithToken } from './unsubscribe-tokens';

// Digests through the real SMTP path to an in-process sink. "Now" is passed in (a Monday morning in
// the coming weeks), so periods pass without waiting.

describe.each(testDrivers)('digests, on %s', (driver) => {
  let hub: TestHub;
  let sink: SmtpSink;
  let bristol: Council;
  let leeds: Council;
  let leedsReader: Person;
  let bristolReader: Person;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    sink = await startSmtpSink();
    hub.services.mail = sinkMailer(sink);
    bristol = await council(hub, 'bristol');
    leeds = await council(hub, 'leeds');
  });
  beforeEach(async () => {
    leedsReader = await person(hub, { organisation: leeds });
    bristolReader = await person(hub, { organisation: bristol });
    for (const reader of [leedsReader, bristolReader]) await follow(hub.services, reader.viewer, { kind: 'council', target: 'bristol' });
  });
  afterEach(async () => {
    sink.messages.length = 0;
    await hub.services.db.execute(sql`DELETE FROM materials`);
    await hub.services.db.execute(sql`DELETE FROM follows`);
    await hub.services.db.execute(sql`DELETE FROM digests`);
    await hub.services.db.execute(sql`DELETE FROM follower_settings`);
  });
  afterAll(async () => {
    await sink?.stop();
    await hub?.close();
  });

  const to = (who: Person) => sink.messages.filter((m) => m.to.includes(who.email.toLowerCase()));
  const header = (message: SinkMessage, name: string) =>
    message.raw
      .replace(/\r?\n[ \t]+/g, ' ')
      .split(/\r?\n/)
      .find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      ?.slice(name.length + 1)
      .trim();
  const tokenIn = (message: SinkMessage) => /\/unsubscribe\/([A-Za-z0-9_-]{43})/.exec(message.text)?.[1];

  it('lists for each reader only what they may see when it is sent, with RFC 8058 headers', async () => {
    const open = await publishedMaterial(hub, { organisationId: bristol.id, visibility: 'public', title: 'Bristol bins discovery report' });
    const ownOnly = await publishedMaterial(hub, { organisationId: bristol.id, visibility: 'organisation', title: 'Bristol draft personas' });
    await publishedMaterial(hub, { organisationId: leeds.id, title: 'Leeds journey map' });

    expect(await sendDigests(hub.services, { now: mondayMorning() })).toMatchObject({ claimed: 2, sent: 2, failed: 0 });
    const [leedsDigest] = to(leedsReader);
    const [bristolDigest] = to(bristolReader);
    expect(leedsDigest!.subject).toBe('New on Discovery Commons: 1 material from what you follow');
    expect(leedsDigest!.text).toContain(`http://hub.test/materials/${open}`);
    expect(leedsDigest!.text).not.toContain(ownOnly);
    expect(leedsDigest!.text).not.toContain('Bristol draft personas');
    expect(leedsDigest!.text).not.toContain('Leeds journey map');
    expect(bristolDigest!.text).toContain(`http://hub.test/materials/${ownOnly}`);
    expect(bristolDigest!.text).toContain('http://hub.test/account/following');

    const token = tokenIn(leedsDigest!);
    expect(header(leedsDigest!, 'List-Unsubscribe')).toBe(`<http://hub.test/unsubscribe/${token}/one-click>`);
    expect(header(leedsDigest!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
  });

  it('a material withdrawn or narrowed before sending is left out at once', async () => {
    const withdrawn = await publishedMaterial(hub, { organisationId: bristol.id, title: 'Soon withdrawn' });
    const narrowed = await publishedMaterial(hub, { organisationId: bristol.id, title: 'Soon narrowed' });
    const kept = await publishedMaterial(hub, { organisationId: bristol.id, title: 'Still there' });
    await hub.services.db.update(materials).set({ status: 'withdrawn' }).where(eq(materials.id, withdrawn));
    await hub.services.db.update(materials).set({ visibility: 'organisation' }).where(eq(materials.id, narrowed));

    await sendDigests(hub.services, { now: mondayMorning() });
    const [leedsDigest] = to(leedsReader);
    expect(leedsDigest!.text).toContain(kept);
    expect(leedsDigest!.text).not.toContain(withdrawn);
    expect(leedsDigest!.text).not.toContain(narrowed);
    // The council's own member still sees the narrowed one; nobody sees the withdrawn one.
    expect(to(bristolReader)[0]!.text).toContain(narrowed);
    expect(to(bristolReader)[0]!.text).not.toContain(withdrawn);
  });

  it('sends each period once however often it runs, and the next period starts where the last ended', async () => {
    await publishedMaterial(hub, { organisationId: bristol.id, title: 'First week' });
    const monday = mondayMorning();
    expect((await sendDigests(hub.services, { now: monday })).sent).toBe(2);
    // Again, an hour later, and by two workers at once: nothing more.
    expect((await sendDigests(hub.services, { now: new Date(monday.getTime() + 3_600_000) })).claimed).toBe(0);
    const both = await Promise.all([sendDigests(hub.services, { now: monday }), sendDigests(hub.services, { now: monday })]);
    expect(both.reduce((sum, r) => sum + r.sent, 0)).toBe(0);
    expect(sink.messages).toHaveLength(2);

    // Tuesday: weekly readers get nothing new until next Monday.
    expect((await sendDigests(hub.services, { now: new Date(monday.getTime() + 86_400_000) })).claimed).toBe(0);
    const second = await publishedMaterial(hub, { organisationId: bristol.id, title: 'Second week', publishedAt: new Date(monday.getTime() + 2 * 86_400_000) });
    await sendDigests(hub.services, { now: mondayMorning(1) });
    const latest = to(leedsReader).at(-1)!;
    expect(latest.text).toContain(second);
    expect(latest.text).not.toContain('First week');
  });

  it('nothing new: no email, and the period is done', async () => {
    expect(await sendDigests(hub.services, { now: mondayMorning() })).toMatchObject({ claimed: 2, sent: 0, empty: 2 });
    expect(sink.messages).toHaveLength(0);
  });

  it('daily readers get one a day; "off" gets none', async () => {
    await setDigestFrequency(hub.services, leedsReader.viewer, 'daily');
    await setDigestFrequency(hub.services, bristolReader.viewer, 'off');
    await publishedMaterial(hub, { organisationId: bristol.id });
    const tuesday = new Date(mondayMorning().getTime() + 86_400_000);
    expect(await sendDigests(hub.services, { now: tuesday })).toMatchObject({ claimed: 1, sent: 1 });
    expect(to(bristolReader)).toHaveLength(0);
    // Before 7am the next day nothing new starts.
    expect((await sendDigests(hub.services, { now: new Date(tuesday.getTime() + 18 * 3_600_000) })).claimed).toBe(0);
  });

  it('a failed send is released and sent by the retry, once', async () => {
    await publishedMaterial(hub, { organisationId: bristol.id });
    const working = hub.services.mail;
    hub.services.mail = { hubUrl: 'http://hub.test', send: () => Promise.reject(new Error('the mail server went away')) };
    const monday = mondayMorning();
    try {
      expect(await sendDigests(hub.services, { now: monday })).toMatchObject({ claimed: 2, sent: 0, failed: 2 });
    } finally {
      hub.services.mail = working;
    }
    expect(await sendDigests(hub.services, { now: new Date(monday.getTime() + 60_000) })).toMatchObject({ claimed: 2, sent: 2 });
    expect(await sendDigests(hub.services, { now: new Date(monday.getTime() + 120_000) })).toMatchObject({ claimed: 0 });
    expect(to(leedsReader)).toHaveLength(1);
  });

  it('a worker that died after claiming: taken again once its lease has passed, sent once', async () => {
    await publishedMaterial(hub, { organisationId: bristol.id });
    const monday = mondayMorning();
    expect(await claimDigests(hub.services, monday)).toHaveLength(2); // …and then the worker died
    expect((await sendDigests(hub.services, { now: new Date(monday.getTime() + 60_000) })).claimed).toBe(0);
    const later = new Date(monday.getTime() + (claimLeaseMinutes + 1) * 60_000);
    expect(await sendDigests(hub.services, { now: later })).toMatchObject({ claimed: 2, sent: 2 });
    expect(await sendDigests(hub.services, { now: new Date(later.getTime() + (claimLeaseMinutes + 1) * 60_000) })).toMatchObject({ claimed: 0 });
    expect(to(leedsReader)).toHaveLength(1);
    const [row] = await queryRows<{ attempts: number }>(hub.services.db, sql`SELECT attempts FROM digests WHERE user_id = ${leedsReader.id}`);
    expect(Number(row!.attempts)).toBe(2);
  });

  it('one-click unsubscribe: works once without signing in; forged, used and expired tokens change nothing', async () => {
    await publishedMaterial(hub, { organisationId: bristol.id });
    const monday = mondayMorning();
    await sendDigests(hub.services, { now: monday });
    const token = tokenIn(to(leedsReader)[0]!)!;
    const frequency = async () => (await hub.services.db.select().from(followerSettings).where(eq(followerSettings.userId, leedsReader.id)))[0]!.frequency;

    expect(await unsubscribeWithToken(hub.services, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBe('unknown');
    expect(await unsubscribeWithToken(hub.services, '../../etc')).toBe('unknown');
    expect(await unsubscribeWithToken(hub.services, token, new Date(monday.getTime() + 61 * 86_400_000))).toBe('expired');
    expect(await frequency()).toBe('weekly');

    expect(await checkUnsubscribeToken(hub.services, token)).toBe('valid');
    expect(await unsubscribeWithToken(hub.services, token)).toBe('valid');
    expect(await frequency()).toBe('off');
    expect(await unsubscribeWithToken(hub.services, token)).toBe('used');
    expect(await checkUnsubscribeToken(hub.services, token)).toBe('used');

    // Only the hash is kept.
    const stored = await queryRows<{ token_hash: string }>(hub.services.db, sql`SELECT token_hash FROM unsubscribe_tokens`);
    expect(stored.every((row) => row.token_hash !== token && /^[0-9a-f]{64}$/.test(row.token_hash))).toBe(true);

    await publishedMaterial(hub, { organisationId: bristol.id, publishedAt: new Date(monday.getTime() + 86_400_000) });
    await sendDigests(hub.services, { now: mondayMorning(1) });
    expect(to(leedsReader)).toHaveLength(1);
  });

  it('followers of the same thing who see the same things share one search', async () => {
    const more = await Promise.all([1, 2, 3].map(() => person(hub, { organisation: leeds })));
    for (const reader of more) await follow(hub.services, reader.viewer, { kind: 'council', target: 'bristol' });
    await publishedMaterial(hub, { organisationId: bristol.id });
    const from = new Date(Date.now() - 60_000);
    const until = new Date(Date.now() + 60_000);
    const readers = [...more, leedsReader, bristolReader];
    const { built, queries } = await buildDigests(
      hub.services,
      readers.map((reader, i) => ({ digestId: String(i), userId: reader.id, coversFrom: from, coversTo: until })),
    );
    // Four Leeds members share one search; Bristol's member sees differently and has their own. So
    // too for the new projects in what they follow, and for projects like their council's.
    expect(queries).toEqual({ materialSearches: 2, newProjects: 2, projectUpdates: 0, similarProjects: 2 });
    expect(built.every((digest) => digest.sections.length === 1)).toBe(true);
  });
});
