import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Viewer } from '@/lib/auth/viewer';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { addPublicBody } from './add-public-body';
import { cancelJoinRequest } from './cancel-join-request';
import { changeMemberRole } from './change-member-role';
import { decideJoinRequest } from './decide-join-request';
import { getOrganisation } from './get-organisation';
import { getOrganisationSettings } from './get-organisation-settings';
import { listAuditEvents } from './list-audit-events';
import { listJoinRequests } from './list-join-requests';
import { listMembers } from './list-members';
import { listOrganisations } from './list-organisations';
import { removeMember } from './remove-member';
import { requestToJoin } from './request-to-join';
import { council, outcomeOf, person, type Council, type Outcome } from './testing/fixtures';
import { updateEmailDomains } from './update-email-domains';

// The authorisation matrix for the organisation verbs: every verb, aimed at Bristol, tried by
// each kind of viewer. Every attempt gets fresh people and fresh requests, so no row depends on another.
// Leeds is the other council: its member and its admin must be refused all of Bristol's data.

const who = [
  'anonymous',
  'signed in, no organisation',
  'member of another council',
  'admin of another council',
  'member',
  'organisation admin',
  'site admin',
] as const;
type Who = (typeof who)[number];

const A: Outcome = 'allowed';
const F: Outcome = 'forbidden';
const N: Outcome = 'not_found';

describe.each(testDrivers)('organisation verbs: who may do what, on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let leeds: Council;
  let domainCounter = 0;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    bristol = await council(hub, 'bristol');
    leeds = await council(hub, 'leeds');
  });
  afterAll(async () => hub?.close());

  async function viewerFor(kind: Who): Promise<Viewer> {
    switch (kind) {
      case 'anonymous':
        return anonymous;
      case 'signed in, no organisation':
        return (await person(hub)).viewer;
      case 'member of another council':
        return (await person(hub, { organisation: leeds })).viewer;
      case 'admin of another council':
        return (await person(hub, { organisation: leeds, role: 'org_admin' })).viewer;
      case 'member':
        return (await person(hub, { organisation: bristol })).viewer;
      case 'organisation admin':
        return (await person(hub, { organisation: bristol, role: 'org_admin' })).viewer;
      case 'site admin':
        return (await person(hub, { isSiteAdmin: true })).viewer;
    }
  }

  /** A fresh pending request from a fresh person to join Bristol. */
  async function pendingRequestToBristol() {
    const asker = await person(hub);
    const request = await requestToJoin(hub.services, asker.viewer, { organisation: 'bristol', message: 'Hello' });
    return { asker, request };
  }

  const verbs: Record<string, { expected: Outcome[]; attempt: (viewer: Viewer) => Promise<unknown> }> = {
    //                                   anon no-org other  o-adm  member admin  site
    'ask to join Bristol': { expected: [F, A, F, F, F, F, A], attempt: (v) => requestToJoin(hub.services, v, { organisation: 'bristol' }) },
    "cancel someone else's request": {
      expected: [F, N, N, N, N, N, N],
      attempt: async (v) => cancelJoinRequest(hub.services, v, { requestId: (await pendingRequestToBristol()).request.id }),
    },
    "list Bristol's join requests": { expected: [F, F, F, F, F, A, A], attempt: (v) => listJoinRequests(hub.services, v, 'bristol') },
    'approve a request to join Bristol': {
      expected: [F, N, N, N, N, A, A],
      attempt: async (v) => decideJoinRequest(hub.services, v, { requestId: (await pendingRequestToBristol()).request.id, decision: 'approve' }),
    },
    'refuse a request to join Bristol': {
      expected: [F, N, N, N, N, A, A],
      attempt: async (v) => decideJoinRequest(hub.services, v, { requestId: (await pendingRequestToBristol()).request.id, decision: 'refuse' }),
    },
    "list Bristol's members": { expected: [F, F, F, F, A, A, A], attempt: (v) => listMembers(hub.services, v, 'bristol') },
    'make a Bristol member an organisation admin': {
      expected: [F, F, F, F, F, A, A],
      attempt: async (v) => changeMemberRole(hub.services, v, 'bristol', { userId: (await person(hub, { organisation: bristol })).id, role: 'org_admin' }),
    },
    'remove a Bristol member': {
      expected: [F, F, F, F, F, A, A],
      attempt: async (v) => removeMember(hub.services, v, 'bristol', { userId: (await person(hub, { organisation: bristol })).id }),
    },
    "change Bristol's email domains": {
      expected: [F, F, F, F, F, A, A],
      attempt: (v) => updateEmailDomains(hub.services, v, 'bristol', { emailDomains: `bristol.gov.uk\nteam${++domainCounter}.bristol.gov.uk` }),
    },
    "see Bristol's settings (email domains)": { expected: [F, F, F, F, F, A, A], attempt: (v) => getOrganisationSettings(hub.services, v, 'bristol') },
    "read Bristol's audit log": { expected: [F, F, F, F, F, A, A], attempt: (v) => listAuditEvents(hub.services, v, { organisation: 'bristol' }) },
    "read the whole hub's audit log": { expected: [F, F, F, F, F, F, A], attempt: (v) => listAuditEvents(hub.services, v, {}) },
    'add a public body': {
      expected: [F, F, F, F, F, F, A],
      attempt: (v) => addPublicBody(hub.services, v, { name: `Combined Authority ${++domainCounter}` }),
    },
    'list organisations for a picker': { expected: [A, A, A, A, A, A, A], attempt: (v) => listOrganisations(hub.services, v) },
    "see Bristol's public page": { expected: [A, A, A, A, A, A, A], attempt: (v) => getOrganisation(hub.services, v, 'bristol') },
  };

  for (const [verb, { expected, attempt }] of Object.entries(verbs)) {
    describe(verb, () => {
      who.forEach((kind, index) => {
        it(`${kind}: ${expected[index]}`, async () => {
          const viewer = await viewerFor(kind);
          expect(await outcomeOf(() => attempt(viewer))).toBe(expected[index]);
        });
      });
    });
  }

  it('the person who asked may cancel their own request', async () => {
    const { asker, request } = await pendingRequestToBristol();
    expect(await outcomeOf(() => cancelJoinRequest(hub.services, asker.viewer, { requestId: request.id }))).toBe('allowed');
  });

  it("Bristol's admin is refused Leeds's data, and Leeds's admin Bristol's", async () => {
    const bristolAdmin = (await viewerFor('organisation admin'))!;
    const leedsAdmin = (await viewerFor('admin of another council'))!;
    const leedsMember = await person(hub, { organisation: leeds });
    const leedsAsker = await person(hub);
    const leedsRequest = await requestToJoin(hub.services, leedsAsker.viewer, { organisation: 'leeds' });
    const bristolMember = await person(hub, { organisation: bristol });
    const bristolRequest = (await pendingRequestToBristol()).request;

    for (const [viewer, other, member, request] of [
      [bristolAdmin, 'leeds', leedsMember, leedsRequest],
      [leedsAdmin, 'bristol', bristolMember, bristolRequest],
    ] as const) {
      expect(await outcomeOf(() => listMembers(hub.services, viewer, other))).toBe('forbidden');
      expect(await outcomeOf(() => listJoinRequests(hub.services, viewer, other))).toBe('forbidden');
      expect(await outcomeOf(() => listAuditEvents(hub.services, viewer, { organisation: other }))).toBe('forbidden');
      expect(await outcomeOf(() => getOrganisationSettings(hub.services, viewer, other))).toBe('forbidden');
      expect(await outcomeOf(() => changeMemberRole(hub.services, viewer, other, { userId: member.id, role: 'org_admin' }))).toBe('forbidden');
      expect(await outcomeOf(() => removeMember(hub.services, viewer, other, { userId: member.id }))).toBe('forbidden');
      expect(await outcomeOf(() => updateEmailDomains(hub.services, viewer, other, { emailDomains: 'evil.example.com' }))).toBe('forbidden');
      expect(await outcomeOf(() => decideJoinRequest(hub.services, viewer, { requestId: request.id, decision: 'approve' }))).toBe('not_found');
      // Aiming at their own council with the other council's member or request finds nothing either.
      const own = other === 'leeds' ? 'bristol' : 'leeds';
      expect(await outcomeOf(() => changeMemberRole(hub.services, viewer, own, { userId: member.id, role: 'org_admin' }))).toBe('not_found');
      expect(await outcomeOf(() => removeMember(hub.services, viewer, own, { userId: member.id }))).toBe('not_found');
    }
    // Nothing changed.
    expect((await listMembers(hub.services, leedsMember.viewer, 'leeds')).some((m) => m.userId === leedsMember.id)).toBe(true);
  });

  it("nothing anyone outside Bristol can read carries a Bristol member's email address", async () => {
    const bristolAdmin = await person(hub, { organisation: bristol, role: 'org_admin' });
    const bristolMember = await person(hub, { organisation: bristol });
    const asker = await person(hub);
    const request = await requestToJoin(hub.services, asker.viewer, { organisation: 'bristol', message: 'Hello' });
    await changeMemberRole(hub.services, bristolAdmin.viewer, 'bristol', { userId: bristolMember.id, role: 'org_admin' });
    const secrets = [bristolAdmin.email, bristolMember.email, asker.email];

    for (const kind of ['anonymous', 'signed in, no organisation', 'member of another council', 'admin of another council', 'member'] as const) {
      const viewer = await viewerFor(kind);
      const reads = [
        () => listMembers(hub.services, viewer, 'bristol'),
        () => listJoinRequests(hub.services, viewer, 'bristol'),
        () => listAuditEvents(hub.services, viewer, { organisation: 'bristol' }),
        () => listAuditEvents(hub.services, viewer, {}),
        () => getOrganisationSettings(hub.services, viewer, 'bristol'),
        () => getOrganisation(hub.services, viewer, 'bristol'),
        () => listOrganisations(hub.services, viewer),
        () => decideJoinRequest(hub.services, viewer, { requestId: request.id, decision: 'approve' }),
      ];
      for (const read of reads) {
        let seen: unknown;
        try {
          seen = await read();
        } catch (error) {
          seen = { message: (error as Error).message };
        }
        const text = JSON.stringify(seen) ?? '';
        for (const secret of secrets) expect(text, `${kind} saw an email address`).not.toContain(secret);
      }
    }
  });

  it('an organisation that does not exist is not found, even for a site admin', async () => {
    const admin = await viewerFor('site admin');
    for (const slug of ['no-such-council', 'BRISTOL', '../bristol', '', 'bristol\u0000']) {
      expect(await outcomeOf(() => listMembers(hub.services, admin, slug))).toBe('not_found');
      expect(await outcomeOf(() => listJoinRequests(hub.services, admin, slug))).toBe('not_found');
      expect(await outcomeOf(() => updateEmailDomains(hub.services, admin, slug, { emailDomains: 'a.example.com' }))).toBe('not_found');
      expect(await outcomeOf(() => listAuditEvents(hub.services, admin, { organisation: slug }))).toBe('not_found');
      expect(await getOrganisation(hub.services, admin, slug)).toBeUndefined();
    }
  });

  it('ids that are not ids, or name nobody, are not found', async () => {
    const admin = await viewerFor('site admin');
    for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000', "' OR 1=1 --"]) {
      expect(await outcomeOf(() => decideJoinRequest(hub.services, admin, { requestId: id, decision: 'approve' }))).toBe('not_found');
      expect(await outcomeOf(() => cancelJoinRequest(hub.services, admin, { requestId: id }))).toBe('not_found');
      expect(await outcomeOf(() => removeMember(hub.services, admin, 'bristol', { userId: id }))).toBe('not_found');
      expect(await outcomeOf(() => changeMemberRole(hub.services, admin, 'bristol', { userId: id, role: 'member' }))).toBe('not_found');
    }
  });
});
