import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, joinRequests, materials, materialVersions, users } from '@/lib/db/schema';
import { getMaterial } from '@/lib/materials/get-material';
import { searchMaterials } from '@/lib/search';
import { emptySearchQuery } from '@/lib/search/search-params';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { cancelJoinRequest } from './cancel-join-request';
import { changeMemberRole } from './change-member-role';
import { decideJoinRequest } from './decide-join-request';
import { getOwnJoinRequest } from './get-own-join-request';
import { listAuditEvents } from './list-audit-events';
import { listJoinRequests } from './list-join-requests';
import { listMembers } from './list-members';
import { removeMember } from './remove-member';
import { requestToJoin } from './request-to-join';
import { council, liveViewer, person, refusal, type Council } from './testing/fixtures';

describe.each(testDrivers)('joining, roles and removal on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let leeds: Council;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    bristol = await council(hub, 'bristol');
    leeds = await council(hub, 'leeds');
  });
  afterAll(async () => hub?.close());

  async function auditFor(subjectId: string) {
    return hub.services.db.select().from(auditEvents).where(eq(auditEvents.subjectId, subjectId));
  }

  describe('asking to join', () => {
    it('approve: the person joins as a member, on their very next request', async () => {
      const admin = await person(hub, { organisation: bristol, role: 'org_admin', name: 'Alex Admin' });
      const asker = await person(hub, { name: 'Sam Jones' });
      const request = await requestToJoin(hub.services, asker.viewer, { organisation: 'bristol', message: '  I lead the housing Discovery.  ' });
      expect(request).toMatchObject({ status: 'pending', message: 'I lead the housing Discovery.', organisation: { slug: 'bristol' } });
      expect(await getOwnJoinRequest(hub.services, asker.viewer)).toMatchObject({ id: request.id, status: 'pending' });

      const pending = await listJoinRequests(hub.services, admin.viewer, 'bristol');
      const mine = pending.find((r) => r.id === request.id);
      expect(mine).toMatchObject({ requester: { userId: asker.id, name: 'Sam Jones', email: asker.email }, message: 'I lead the housing Discovery.' });

      const decided = await decideJoinRequest(hub.services, admin.viewer, { requestId: request.id, decision: 'approve' });
      expect(decided).toEqual({ id: request.id, status: 'approved', requesterId: asker.id, requesterName: 'Sam Jones' });

      const viewer = await liveViewer(hub, asker.id);
      expect(viewer).toMatchObject({ organisation: { id: bristol.id }, role: 'member' });
      expect((await listJoinRequests(hub.services, admin.viewer, 'bristol')).some((r) => r.id === request.id)).toBe(false);
      expect(await getOwnJoinRequest(hub.services, viewer)).toMatchObject({ status: 'approved' });
      const [row] = await hub.services.db.select().from(joinRequests).where(eq(joinRequests.id, request.id));
      expect(row).toMatchObject({ status: 'approved', decidedBy: admin.id });
      expect(row!.decidedAt).toBeInstanceOf(Date);

      const events = [...(await auditFor(request.id)), ...(await auditFor(asker.id))].map((e) => ({
        action: e.action,
        actor: e.actorLabel,
        organisationId: e.organisationId,
        before: e.before,
        after: e.after,
      }));
      expect(events).toEqual([
        {
          action: 'join_request.created',
          actor: 'Sam Jones',
          organisationId: bristol.id,
          before: null,
          after: { requester: 'Sam Jones', status: 'pending', message: 'I lead the housing Discovery.' },
        },
        {
          action: 'join_request.approved',
          actor: 'Alex Admin, Bristol City Council',
          organisationId: bristol.id,
          before: { requester: 'Sam Jones', status: 'pending' },
          after: { requester: 'Sam Jones', status: 'approved' },
        },
        {
          action: 'member.added',
          actor: 'Alex Admin, Bristol City Council',
          organisationId: bristol.id,
          before: { member: 'Sam Jones', organisation: null, role: null },
          after: { member: 'Sam Jones', organisation: 'Bristol City Council', role: 'member' },
        },
      ]);
    });

    it('refuse: the person stays without an organisation and may ask again', async () => {
      const admin = await person(hub, { organisation: bristol, role: 'org_admin' });
      const asker = await person(hub);
      const request = await requestToJoin(hub.services, asker.viewer, { organisation: 'bristol' });
      await decideJoinRequest(hub.services, admin.viewer, { requestId: request.id, decision: 'refuse' });
      const viewer = await liveViewer(hub, asker.id);
      expect(viewer).toMatchObject({ organisation: null });
      expect(await getOwnJoinRequest(hub.services, viewer)).toMatchObject({ id: request.id, status: 'refused' });
      const again = await requestToJoin(hub.services, viewer, { organisation: 'leeds' });
      expect(await getOwnJoinRequest(hub.services, viewer)).toMatchObject({ id: again.id, status: 'pending' });
      expect((await auditFor(request.id)).map((e) => e.action)).toEqual(['join_request.created', 'join_request.refused']);
    });

    it('one pending request at a time; cancelling frees the person to ask elsewhere', async () => {
      const asker = await person(hub);
      const first = await requestToJoin(hub.services, asker.viewer, { organisation: 'bristol' });
      const second = await refusal(() => requestToJoin(hub.services, asker.viewer, { organisation: 'leeds' }));
      expect(second.code).toBe('validation');
      expect(second.message).toContain('already asked to join Bristol City Council');

      await cancelJoinRequest(hub.services, asker.viewer, { requestId: first.id });
      expect((await refusal(() => cancelJoinRequest(hub.services, asker.viewer, { requestId: first.id }))).code).toBe('validation');
      await requestToJoin(hub.services, asker.viewer, { organisation: 'leeds' });
      expect((await auditFor(first.id)).map((e) => [e.action, e.before, e.after])).toEqual([
        ['join_request.created', null, { requester: asker.name, status: 'pending', message: '' }],
        ['join_request.cancelled', { status: 'pending' }, { status: 'cancelled' }],
      ]);
    });

    it('two requests sent at once still make only one pending request', async () => {
      const asker = await person(hub);
      const results = await Promise.allSettled([
        requestToJoin(hub.services, asker.viewer, { organisation: 'bristol' }),
        requestToJoin(hub.services, asker.viewer, { organisation: 'leeds' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rows = await hub.services.db.select().from(joinRequests).where(eq(joinRequests.userId, asker.id));
      expect(rows.filter((r) => r.status === 'pending')).toHaveLength(1);
    });

    it('checks the answers: an unknown organisation and an over-long message are field errors', async () => {
      const asker = await person(hub);
      const unknown = await refusal(() => requestToJoin(hub.services, asker.viewer, { organisation: 'atlantis' }));
      expect(unknown.fieldErrors).toEqual([{ field: 'organisation', message: 'Select an organisation from the list' }]);
      const empty = await refusal(() => requestToJoin(hub.services, asker.viewer, { organisation: '' }));
      expect(empty.fieldErrors[0]?.field).toBe('organisation');
      const long = await refusal(() => requestToJoin(hub.services, asker.viewer, { organisation: 'bristol', message: 'x'.repeat(1001) }));
      expect(long.fieldErrors).toEqual([{ field: 'message', message: 'Your message must be 1000 characters or fewer' }]);
    });

    it('only pending requests are decided', async () => {
      const admin = await person(hub, { organisation: bristol, role: 'org_admin' });
      const asker = await person(hub);
      const request = await requestToJoin(hub.services, asker.viewer, { organisation: 'bristol' });
      await decideJoinRequest(hub.services, admin.viewer, { requestId: request.id, decision: 'refuse' });
      for (const decision of ['approve', 'refuse'] as const) {
        const error = await refusal(() => decideJoinRequest(hub.services, admin.viewer, { requestId: request.id, decision }));
        expect(error.code).toBe('validation');
      }
      const cancelled = await requestToJoin(hub.services, asker.viewer, { organisation: 'bristol' });
      await cancelJoinRequest(hub.services, asker.viewer, { requestId: cancelled.id });
      expect((await refusal(() => decideJoinRequest(hub.services, admin.viewer, { requestId: cancelled.id, decision: 'approve' }))).code).toBe(
        'validation',
      );
      expect(await liveViewer(hub, asker.id)).toMatchObject({ organisation: null });
    });

    it('a decision must be approve or refuse', async () => {
      const admin = await person(hub, { organisation: bristol, role: 'org_admin' });
      const { id } = await requestToJoin(hub.services, (await person(hub)).viewer, { organisation: 'bristol' });
      expect((await refusal(() => decideJoinRequest(hub.services, admin.viewer, { requestId: id, decision: 'maybe' }))).code).toBe('validation');
    });

    it('is not approved if the person has meanwhile joined another organisation; refusing still works', async () => {
      const admin = await person(hub, { organisation: bristol, role: 'org_admin' });
      const asker = await person(hub);
      const request = await requestToJoin(hub.services, asker.viewer, { organisation: 'bristol' });
      await hub.services.db.update(users).set({ organisationId: leeds.id }).where(eq(users.id, asker.id));
      const error = await refusal(() => decideJoinRequest(hub.services, admin.viewer, { requestId: request.id, decision: 'approve' }));
      expect(error.code).toBe('validation');
      expect(error.message).toContain('already belongs to another organisation');
      expect(await liveViewer(hub, asker.id)).toMatchObject({ organisation: { id: leeds.id } });
      await decideJoinRequest(hub.services, admin.viewer, { requestId: request.id, decision: 'refuse' });
    });

    it('someone who already belongs to an organisation cannot ask to join another', async () => {
      const member = await person(hub, { organisation: leeds });
      expect((await refusal(() => requestToJoin(hub.services, member.viewer, { organisation: 'bristol' }))).code).toBe('forbidden');
      // Even with a stale viewer that still says "no organisation", the live row decides.
      const stale = { ...member.viewer, organisation: null } as typeof member.viewer;
      expect((await refusal(() => requestToJoin(hub.services, stale, { organisation: 'bristol' }))).code).toBe('forbidden');
    });
  });

  describe('roles: an organisation keeps at least one organisation admin', () => {
    it('the only admin cannot demote or remove themself; with a second admin they can', async () => {
      const rotherham = await council(hub, 'rotherham');
      const only = await person(hub, { organisation: rotherham, role: 'org_admin' });
      const demote = await refusal(() => changeMemberRole(hub.services, only.viewer, 'rotherham', { userId: only.id, role: 'member' }));
      expect(demote.code).toBe('validation');
      expect(demote.message).toContain('at least one organisation admin');
      expect((await refusal(() => removeMember(hub.services, only.viewer, 'rotherham', { userId: only.id }))).code).toBe('validation');

      const member = await person(hub, { organisation: rotherham });
      const promoted = await changeMemberRole(hub.services, only.viewer, 'rotherham', { userId: member.id, role: 'org_admin' });
      expect(promoted).toMatchObject({ role: 'org_admin', changed: true });
      expect(await liveViewer(hub, member.id)).toMatchObject({ role: 'org_admin' });

      await changeMemberRole(hub.services, only.viewer, 'rotherham', { userId: only.id, role: 'member' });
      const demoted = await liveViewer(hub, only.id);
      expect(demoted).toMatchObject({ role: 'member', organisation: { id: rotherham.id } });
      // Demoted, on the very next request they no longer manage it.
      expect((await refusal(() => listJoinRequests(hub.services, demoted, 'rotherham'))).code).toBe('forbidden');

      const newAdmin = await liveViewer(hub, member.id);
      expect((await refusal(() => removeMember(hub.services, newAdmin, 'rotherham', { userId: member.id }))).code).toBe('validation');
      const events = await auditFor(member.id);
      expect(events.map((e) => [e.action, e.before, e.after])).toEqual([
        ['member.role_changed', { member: member.name, role: 'member' }, { member: member.name, role: 'org_admin' }],
      ]);
    });

    it('two admins demoting each other at the same moment leave one admin', async () => {
      const york = await council(hub, 'york');
      const a = await person(hub, { organisation: york, role: 'org_admin' });
      const b = await person(hub, { organisation: york, role: 'org_admin' });
      const results = await Promise.allSettled([
        changeMemberRole(hub.services, a.viewer, 'york', { userId: b.id, role: 'member' }),
        changeMemberRole(hub.services, b.viewer, 'york', { userId: a.id, role: 'member' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const admins = (await listMembers(hub.services, a.viewer, 'york')).filter((m) => m.role === 'org_admin');
      expect(admins).toHaveLength(1);
    });

    it('a site admin may leave an organisation without an admin', async () => {
      const bath = await council(hub, 'bath-and-north-east-somerset');
      const only = await person(hub, { organisation: bath, role: 'org_admin' });
      const site = await person(hub, { isSiteAdmin: true, name: 'Site Admin' });
      await changeMemberRole(hub.services, site.viewer, bath.slug, { userId: only.id, role: 'member' });
      expect(await liveViewer(hub, only.id)).toMatchObject({ role: 'member' });
      await changeMemberRole(hub.services, site.viewer, bath.slug, { userId: only.id, role: 'org_admin' });
      await removeMember(hub.services, site.viewer, bath.slug, { userId: only.id });
      expect(await liveViewer(hub, only.id)).toMatchObject({ organisation: null, role: 'member' });
    });

    it('changing to the role someone already has changes nothing and logs nothing', async () => {
      const admin = await person(hub, { organisation: bristol, role: 'org_admin' });
      const member = await person(hub, { organisation: bristol });
      const result = await changeMemberRole(hub.services, admin.viewer, 'bristol', { userId: member.id, role: 'member' });
      expect(result.changed).toBe(false);
      expect(await auditFor(member.id)).toEqual([]);
    });

    it('refuses a role that does not exist', async () => {
      const admin = await person(hub, { organisation: bristol, role: 'org_admin' });
      const member = await person(hub, { organisation: bristol });
      for (const role of ['site_admin', 'owner', '']) {
        const error = await refusal(() => changeMemberRole(hub.services, admin.viewer, 'bristol', { userId: member.id, role }));
        expect(error.code).toBe('validation');
      }
      expect(await liveViewer(hub, member.id)).toMatchObject({ role: 'member', isSiteAdmin: false });
    });
  });

  describe('removal takes effect on the very next request', () => {
    it("a removed member's next page view, download and search are refused the council's private materials", async () => {
      const admin = await person(hub, { organisation: bristol, role: 'org_admin' });
      const member = await person(hub, { organisation: bristol, name: 'Leaving Person' });
      const materialId = await privateMaterial(bristol.id, 'Bristol private rough sleeping research');

      const search = async (viewer: typeof member.viewer) =>
        (await searchMaterials(hub.services, viewer, { ...emptySearchQuery(), text: 'rough sleeping research' })).hits.map((h) => h.id);
      expect(await getMaterial(hub.services, member.viewer, materialId)).toBeDefined();
      expect(await search(member.viewer)).toContain(materialId);

      const removed = await removeMember(hub.services, admin.viewer, 'bristol', { userId: member.id });
      expect(removed).toEqual({ name: 'Leaving Person' });

      const next = await liveViewer(hub, member.id);
      expect(next).toMatchObject({ kind: 'user', organisation: null, role: 'member' });
      expect(await getMaterial(hub.services, next, materialId)).toBeUndefined(); // page and download
      expect(await search(next)).not.toContain(materialId);
      expect((await listMembers(hub.services, admin.viewer, 'bristol')).some((m) => m.userId === member.id)).toBe(false);
      expect((await refusal(() => listMembers(hub.services, next, 'bristol'))).code).toBe('forbidden');

      expect((await auditFor(member.id)).map((e) => [e.action, e.organisationId, e.before, e.after])).toEqual([
        [
          'member.removed',
          bristol.id,
          { member: 'Leaving Person', organisation: 'Bristol City Council', role: 'member' },
          { member: 'Leaving Person', organisation: null, role: null },
        ],
      ]);
    });
  });

  describe('email addresses', () => {
    it("are shown only to the organisation's own admins and site admins", async () => {
      const hull = await council(hub, 'kingston-upon-hull');
      const admin = await person(hub, { organisation: hull, role: 'org_admin' });
      const member = await person(hub, { organisation: hull });
      const site = await person(hub, { isSiteAdmin: true });

      const asMember = await listMembers(hub.services, member.viewer, hull.slug);
      expect(asMember).toHaveLength(2);
      expect(JSON.stringify(asMember)).not.toContain('@');
      expect(asMember.every((m) => !('email' in m))).toBe(true);
      expect(asMember.find((m) => m.userId === member.id)?.isYou).toBe(true);

      for (const viewer of [admin.viewer, site.viewer]) {
        const members = await listMembers(hub.services, viewer, hull.slug);
        expect(members.map((m) => m.email).sort()).toEqual([admin.email, member.email].sort());
      }
      // Admins first.
      expect(asMember[0]?.role).toBe('org_admin');
    });

    it('a name that is an email address is never shown as one', async () => {
      const admin = await person(hub, { organisation: bristol, role: 'org_admin' });
      const member = await person(hub, { organisation: bristol, name: 'sam.jones@bristol.gov.uk' });
      const colleague = await person(hub, { organisation: bristol });
      const members = await listMembers(hub.services, colleague.viewer, 'bristol');
      expect(JSON.stringify(members)).not.toContain('@');
      await changeMemberRole(hub.services, admin.viewer, 'bristol', { userId: member.id, role: 'org_admin' });
      expect(JSON.stringify(await auditFor(member.id))).not.toContain('@');
    });

    it('are never written to the audit log, even when typed into a message', async () => {
      const admin = await person(hub, { organisation: leeds, role: 'org_admin' });
      const asker = await person(hub);
      const request = await requestToJoin(hub.services, asker.viewer, {
        organisation: 'leeds',
        message: `Please add me: reach me at ${asker.email} or sam@example.org`,
      });
      await decideJoinRequest(hub.services, admin.viewer, { requestId: request.id, decision: 'approve' });
      await changeMemberRole(hub.services, admin.viewer, 'leeds', { userId: asker.id, role: 'org_admin' });
      await removeMember(hub.services, admin.viewer, 'leeds', { userId: asker.id });

      const everything = await hub.services.db.select().from(auditEvents);
      expect(everything.length).toBeGreaterThan(0);
      const text = JSON.stringify(everything);
      expect(text).not.toContain('@');
      const log = await listAuditEvents(hub.services, admin.viewer, { organisation: 'leeds' });
      expect(JSON.stringify(log)).not.toContain('@');
      // The log keeps the message's words but not the addresses in it.
      expect((await auditFor(request.id))[0]!.after).toMatchObject({ message: expect.stringContaining('[email address removed]') });
    });
  });

  async function privateMaterial(organisationId: string, title: string): Promise<string> {
    const [m] = await hub.services.db
      .insert(materials)
      .values({
        title,
        visibility: 'organisation',
        organisationId,
        phases: ['discovery'],
        artefactType: 'playbook',
        kind: 'guidance',
        licence: 'OGL-UK-3.0',
        topics: ['housing'],
      })
      .returning({ id: materials.id });
    await hub.services.db.insert(materialVersions).values({
      materialId: m!.id,
      versionNumber: 1,
      fileName: 'research.txt',
      format: 'txt',
      contentType: 'text/plain',
      sizeBytes: 10,
      sha256: 'x'.repeat(64),
      storageKey: `materials/2026/01/${randomUUID()}`,
    });
    return m!.id;
  }
});
