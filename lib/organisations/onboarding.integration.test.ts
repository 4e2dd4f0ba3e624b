import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '@/lib/auth/viewer';
import { adminRequests, auditEvents, contactMessages, materials, users } from '@/lib/db/schema';
import { listAccountMaterials } from '@/lib/materials/list-account-materials';
import { listOrganisationMaterials } from '@/lib/materials/list-organisation-materials';
import { setDisplayName } from '@/lib/people/set-display-name';
import { testDrivers } from '@/lib/testing/databases';
import { startSmtpSink, type SmtpSink } from '@/lib/testing/smtp-sink';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { askToBecomeAdmin } from './ask-to-become-admin';
import { contactMessagesPerHour, contactOrganisationAdmins } from './contact-organisation-admins';
import { decideAdminRequest } from './decide-admin-request';
import { getOwnAdminRequest } from './get-own-admin-request';
import { getOwnJoinRequest } from './get-own-join-request';
import { leaveOrganisation } from './leave-organisation';
import { listSiteRequests } from './list-site-requests';
import { listOrganisationAdmins } from './organisation-admins';
import { requestToJoin } from './request-to-join';
import { council, liveViewer, outcomeOf, person, refusal } from './testing/fixtures';
import { sinkMailer } from '@/lib/testing/sink-mailer';

// Onboarding (issue 14): a council's first admin through the site admins' queue, leaving and joining,
// writing to a council's admins, people's names, and finding one's own and one's council's materials.
// Emails go through the real SMTP path to an in-process sink.

describe.each(testDrivers)('onboarding on %s', (driver) => {
  let hub: TestHub;
  let sink: SmtpSink;
  let siteAdminEmail: string;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    sink = await startSmtpSink();
    hub.services.mail = sinkMailer(sink);
    siteAdminEmail = (await person(hub, { isSiteAdmin: true, name: 'Sita Admin' })).email;
  });
  afterEach(() => {
    sink.messages.length = 0;
  });
  afterAll(async () => {
    await sink?.stop();
    await hub?.close();
  });

  const actions = async (organisationId: string) =>
    (await hub.services.db.select().from(auditEvents).where(eq(auditEvents.organisationId, organisationId))).map((e) => e.action);

  describe("a council's first admin", () => {
    it('a member of a council with no admin asks; a site admin sees the evidence and approves; the member is told', async () => {
      const camden = await council(hub, 'camden');
      const asker = await person(hub, { organisation: camden, name: 'Cam Member' });
      await hub.services.db.update(users).set({ email: `cam.${asker.id.slice(0, 8)}@camden.gov.uk`, emailVerified: new Date() }).where(eq(users.id, asker.id));
      const other = await person(hub, { organisation: camden, name: 'Other Camden' });
      const siteAdmin = await person(hub, { isSiteAdmin: true, name: 'Queue Admin' });
      expect(await listOrganisationAdmins(hub.services, anonymous, 'camden')).toEqual({ names: [], hasAdmin: false });

      const since = Date.now();
      const asked = await askToBecomeAdmin(hub.services, asker.viewer, { message: ' I run digital services. ' });
      const told = await sink.waitForMessageTo(siteAdminEmail, { since });
      expect(told.subject).toBe('London Borough of Camden: a member asks to become its organisation admin');
      expect(told.text).toContain('Cam Member asks to become the first organisation admin of London Borough of Camden');
      expect(told.text).toContain('http://hub.test/admin/requests');
      expect(await getOwnAdminRequest(hub.services, asker.viewer)).toMatchObject({ id: asked.id, status: 'pending' });

      // Asking twice, or as a member of another council, or with no council, is refused.
      expect((await refusal(() => askToBecomeAdmin(hub.services, asker.viewer, {}))).message).toMatch(/already asked/);
      expect(await outcomeOf(() => askToBecomeAdmin(hub.services, anonymous, {}))).toBe('forbidden');
      expect(await outcomeOf(async () => askToBecomeAdmin(hub.services, (await person(hub)).viewer, {}))).toBe('forbidden');

      // Only site admins see the queue and decide.
      expect(await outcomeOf(() => listSiteRequests(hub.services, other.viewer))).toBe('forbidden');
      expect(await outcomeOf(() => decideAdminRequest(hub.services, other.viewer, { requestId: asked.id, decision: 'approve' }))).toBe('forbidden');
      const queue = await listSiteRequests(hub.services, siteAdmin.viewer);
      const mine = queue.adminRequests.find((r) => r.id === asked.id);
      expect(mine).toMatchObject({
        organisation: { slug: 'camden', hasAdmin: false },
        requester: { name: 'Cam Member', emailVerified: true },
        otherMembers: { count: 1, names: ['Other Camden'] },
        message: 'I run digital services.',
      });
      expect(mine!.requester.onOrganisationDomain).toBe(mine!.organisation.emailDomains.includes('camden.gov.uk'));

      const decidedAt = Date.now();
      const decided = await decideAdminRequest(hub.services, siteAdmin.viewer, { requestId: asked.id, decision: 'approve' });
      expect(decided).toMatchObject({ status: 'approved', requesterName: 'Cam Member' });
      expect(await liveViewer(hub, asker.id)).toMatchObject({ role: 'org_admin' });
      const email = (await hub.services.db.select({ email: users.email }).from(users).where(eq(users.id, asker.id)))[0]!.email;
      expect((await sink.waitForMessageTo(email, { since: decidedAt })).subject).toBe('You are now an organisation admin of London Borough of Camden');
      expect(await listOrganisationAdmins(hub.services, anonymous, 'camden')).toEqual({ names: ['Cam Member'], hasAdmin: true });
      expect(await actions(camden.id)).toEqual(expect.arrayContaining(['admin_request.created', 'admin_request.approved', 'member.role_changed']));
      expect((await refusal(() => decideAdminRequest(hub.services, siteAdmin.viewer, { requestId: asked.id, decision: 'refuse' }))).message).toMatch(/already been decided/);

      // Now that it has an admin, nobody else asks: the admin promotes people.
      expect((await refusal(async () => askToBecomeAdmin(hub.services, await liveViewer(hub, other.id), {}))).message).toMatch(/has an organisation admin/);
    });

    it('someone who left before the decision is not made an admin', async () => {
      const york = await council(hub, 'york');
      const asker = await person(hub, { organisation: york });
      const siteAdmin = await person(hub, { isSiteAdmin: true });
      const asked = await askToBecomeAdmin(hub.services, asker.viewer, {});
      // Leaving cancels their request; a site admin deciding a moment later is told.
      await leaveOrganisation(hub.services, asker.viewer);
      const [row] = await hub.services.db.select().from(adminRequests).where(eq(adminRequests.id, asked.id));
      expect(row!.status).toBe('cancelled');
      expect((await refusal(() => decideAdminRequest(hub.services, siteAdmin.viewer, { requestId: asked.id, decision: 'approve' }))).message).toMatch(/already been decided/);
      expect(await liveViewer(hub, asker.id)).toMatchObject({ organisation: null, role: 'member' });
    });
  });

  describe('joining a council with no admin', () => {
    it('site admins are emailed and see the request in their queue; with an admin, they are not', async () => {
      const kent = await council(hub, 'kent');
      const asker = await person(hub, { name: 'Kent Asker' });
      const since = Date.now();
      const request = await requestToJoin(hub.services, asker.viewer, { organisation: 'kent' });
      expect(request.organisationHasAdmin).toBe(false);
      expect((await sink.waitForMessageTo(siteAdminEmail, { since })).subject).toBe('Kent County Council: a request to join is waiting for a site admin');
      expect(await getOwnJoinRequest(hub.services, asker.viewer)).toMatchObject({ status: 'pending', organisationHasAdmin: false });
      const siteAdmin = await person(hub, { isSiteAdmin: true });
      expect((await listSiteRequests(hub.services, siteAdmin.viewer)).joinRequests).toContainEqual(
        expect.objectContaining({ id: request.id, requesterName: 'Kent Asker', organisation: expect.objectContaining({ slug: 'kent' }) }),
      );

      await person(hub, { organisation: kent, role: 'org_admin' });
      sink.messages.length = 0;
      const second = await person(hub);
      await requestToJoin(hub.services, second.viewer, { organisation: 'kent' });
      expect(sink.messages).toEqual([]);
      expect((await listSiteRequests(hub.services, siteAdmin.viewer)).joinRequests.some((r) => r.id === request.id)).toBe(false);
    });
  });

  describe('leaving', () => {
    it('a member leaves, and may then ask to join another council', async () => {
      const leeds = await council(hub, 'leeds');
      await person(hub, { organisation: leeds, role: 'org_admin' });
      const member = await person(hub, { organisation: leeds, name: 'Leaving Lee' });
      expect(await leaveOrganisation(hub.services, member.viewer)).toEqual({ organisation: { slug: 'leeds', name: 'Leeds City Council', type: 'council' } });
      const after = await liveViewer(hub, member.id);
      expect(after).toMatchObject({ organisation: null });
      const [event] = await hub.services.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, member.id), eq(auditEvents.action, 'member.left')));
      expect(event).toMatchObject({ organisationId: leeds.id, before: { member: 'Leaving Lee', organisation: 'Leeds City Council', role: 'member' } });
      // Leaving twice: they belong to nothing now.
      expect(await outcomeOf(() => leaveOrganisation(hub.services, after))).toBe('forbidden');
      expect(await outcomeOf(() => leaveOrganisation(hub.services, anonymous))).toBe('forbidden');
      expect(await outcomeOf(() => requestToJoin(hub.services, after, { organisation: 'bristol' }))).toBe('allowed');
    });

    it('the last admin stays while others belong; a sole member (admin or not) may go', async () => {
      const brighton = await council(hub, 'brighton-and-hove');
      const admin = await person(hub, { organisation: brighton, role: 'org_admin' });
      const member = await person(hub, { organisation: brighton });
      expect((await refusal(() => leaveOrganisation(hub.services, admin.viewer))).message).toMatch(/only organisation admin/);
      await leaveOrganisation(hub.services, member.viewer);
      // Now the admin is the only one there: they may leave, and the council has nobody.
      await leaveOrganisation(hub.services, admin.viewer);
      expect(await liveViewer(hub, admin.id)).toMatchObject({ organisation: null, role: 'member' });
      expect(await listOrganisationAdmins(hub.services, anonymous, 'brighton-and-hove')).toEqual({ names: [], hasAdmin: false });
    });
  });

  describe("writing to a council's admins", () => {
    it('stored, emailed to each admin with the sender as Reply-To, limited per sender', async () => {
      const manchester = await council(hub, 'manchester');
      const admins = [await person(hub, { organisation: manchester, role: 'org_admin' }), await person(hub, { organisation: manchester, role: 'org_admin' })];
      const sender = await person(hub, { name: 'Writing Wren' });
      expect(await outcomeOf(() => contactOrganisationAdmins(hub.services, anonymous, 'manchester', { message: 'Hello' }))).toBe('forbidden');
      expect((await refusal(() => contactOrganisationAdmins(hub.services, sender.viewer, 'manchester', { message: '   ' }))).fieldErrors).toEqual([
        { field: 'message', message: 'Enter your message' },
      ]);
      expect(await outcomeOf(() => contactOrganisationAdmins(hub.services, sender.viewer, 'no-such-council', { message: 'Hi' }))).toBe('not_found');

      const since = Date.now();
      expect(await contactOrganisationAdmins(hub.services, sender.viewer, 'manchester', { message: 'Can we reuse your persona template?' })).toEqual({ admins: 2 });
      const received = await sink.waitForMessageTo(admins[0]!.email, { since });
      expect(received.to.sort()).toEqual(admins.map((a) => a.email.toLowerCase()).sort());
      expect(received.subject).toBe('A message for the admins of Manchester City Council');
      expect(received.text).toContain('Writing Wren wrote to the organisation admins of Manchester City Council');
      expect(received.text).toContain('Can we reuse your persona template?');
      expect(received.raw).toMatch(new RegExp(`^Reply-To: ${sender.email.replace(/[.]/g, '\\.')}`, 'mi'));
      expect(await hub.services.db.select().from(contactMessages).where(eq(contactMessages.senderId, sender.id))).toHaveLength(1);

      for (let i = 1; i < contactMessagesPerHour; i += 1) await contactOrganisationAdmins(hub.services, sender.viewer, 'manchester', { message: `Again ${i}` });
      expect((await refusal(() => contactOrganisationAdmins(hub.services, sender.viewer, 'manchester', { message: 'One too many' }))).message).toMatch(
        /sent 5 messages in the last hour/,
      );
      expect(await hub.services.db.select().from(contactMessages).where(eq(contactMessages.senderId, sender.id))).toHaveLength(contactMessagesPerHour);
    });

    it('a council with no admin says so and takes no message', async () => {
      const sender = await person(hub);
      expect((await refusal(() => contactOrganisationAdmins(hub.services, sender.viewer, 'aberdeen', { message: 'Hello?' }))).message).toMatch(
        /no organisation admin yet/,
      );
      expect(await hub.services.db.select().from(contactMessages).where(eq(contactMessages.senderId, sender.id))).toEqual([]);
    });
  });

  describe('names', () => {
    it('people set their name by the one rule for names; the change is logged', async () => {
      const bristol = await council(hub, 'bristol');
      const someone = await person(hub, { organisation: bristol, name: '' });
      for (const [name, message] of [
        ['', 'Enter your name'],
        ['A'.repeat(101), 'Your name must be 100 characters or fewer'],
        ['Sam\u202eJones', 'Your name must not contain line breaks, tabs or other control characters'],
        ['sam@bristol.gov.uk', 'Your name must not contain an email address'],
        ['Sam https://evil.example', 'Your name must not contain a web address'],
      ]) {
        expect((await refusal(() => setDisplayName(hub.services, someone.viewer, { name }))).fieldErrors).toEqual([{ field: 'name', message }]);
      }
      expect(await outcomeOf(() => setDisplayName(hub.services, anonymous, { name: 'Nobody' }))).toBe('forbidden');
      expect(await setDisplayName(hub.services, someone.viewer, { name: '  Sam   Jones ' })).toEqual({ name: 'Sam Jones' });
      expect(await liveViewer(hub, someone.id)).toMatchObject({ name: 'Sam Jones' });
      const [event] = await hub.services.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, someone.id), eq(auditEvents.action, 'user.name_changed')));
      expect(event).toMatchObject({ actorLabel: 'Sam Jones, Bristol City Council', after: { name: 'Sam Jones' } });
    });
  });

  describe('finding materials', () => {
    async function material(title: string, organisationId: string, createdBy: string | null, visibility: string, status = 'published') {
      const [row] = await hub.services.db
        .insert(materials)
        .values({ title, visibility, status, organisationId, createdBy, phases: ['discovery'], artefactType: 'playbook', kind: 'guidance', licence: 'OGL-UK-3.0' })
        .returning({ id: materials.id });
      return row!.id;
    }

    it("the account lists one's own and one's council's materials in every state; a council's page what the viewer may see", async () => {
      const edinburgh = await council(hub, 'edinburgh');
      const glasgow = await council(hub, 'glasgow');
      const author = await person(hub, { organisation: edinburgh });
      const colleague = await person(hub, { organisation: edinburgh });
      const outsider = await person(hub, { organisation: glasgow });
      const ids = {
        mineWithdrawn: await material('Mine withdrawn', edinburgh.id, author.id, 'public', 'withdrawn'),
        minePrivate: await material('Mine private', edinburgh.id, author.id, 'organisation'),
        colleagues: await material('Colleague councils', edinburgh.id, colleague.id, 'councils'),
        public: await material('Colleague public', edinburgh.id, colleague.id, 'public'),
      };
      const account = await listAccountMaterials(hub.services, author.viewer);
      expect(account.yours.map((m) => m.title).sort()).toEqual(['Mine private', 'Mine withdrawn']);
      expect(account.yourCouncils.map((m) => [m.title, m.status, m.visibility]).sort()).toEqual([
        ['Colleague councils', 'published', 'councils'],
        ['Colleague public', 'published', 'public'],
        ['Mine private', 'published', 'organisation'],
        ['Mine withdrawn', 'withdrawn', 'public'],
      ]);
      expect(await listAccountMaterials(hub.services, anonymous)).toEqual({ yours: [], yourCouncils: [] });

      const pageFor = async (viewer: typeof anonymous) => (await listOrganisationMaterials(hub.services, viewer, 'edinburgh')).items.map((m) => m.id).sort();
      expect(await pageFor(anonymous)).toEqual([ids.public]);
      expect(await pageFor(outsider.viewer)).toEqual([ids.colleagues, ids.public].sort());
      expect(await pageFor(colleague.viewer)).toEqual([ids.minePrivate, ids.colleagues, ids.public].sort());

      // After leaving, the author no longer sees what they shared that only the council may see.
      await leaveOrganisation(hub.services, author.viewer);
      const afterLeaving = await listAccountMaterials(hub.services, await liveViewer(hub, author.id));
      expect(afterLeaving).toEqual({ yours: [], yourCouncils: [] });
    });
  });
});
