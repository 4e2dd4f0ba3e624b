import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import {
  canChangeKit,
  canMakeKit,
  canViewKit,
  visibleKitsSql,
  canAddCommitmentEvidence,
  canCiteProjectAsEvidence,
  canAskToBecomeAdmin,
  canChangeCommitment,
  canConfirmCommitment,
  canRecordCommitment,
  canSeeCommitmentPeople,
  canViewCommitment,
  visibleCommitmentsSql,
  canChangeMaterial,
  canContactOrganisationAdmins,
  canLeaveOrganisation,
  canReviewSiteRequests,
  canSeeOrganisationAdminNames,
  canSetOwnName,
  canDeleteMaterial,
  canLeaveOrganisationWithoutAdmin,
  canListMembers,
  canManageOrganisation,
  canReadAuditLog,
  canReadFeedback,
  canSendFeedback,
  canRequestToJoin,
  canSeeMemberEmails,
  canShareMaterial,
  canDecideConcern,
  canPublishMaterial,
  canRecordUse,
  canReportConcern,
  canSeeCheckFindings,
  canSeeReporter,
  canViewMaterial,
  canViewVersion,
  publicInterfaceViewer,
  visibleMaterialsSql,
  visibilityFilterFacts,
  type MaterialAccessFacts,
} from './permissions';
import { anonymous, type Viewer } from './viewer';

const bristol = { id: '00000000-0000-4000-8000-00000000b001', slug: 'bristol', name: 'Bristol City Council' };
const leeds = { id: '00000000-0000-4000-8000-00000000e001', slug: 'leeds', name: 'Leeds City Council' };

const user = (organisation: typeof bristol | null, role: 'member' | 'org_admin' = 'member', isSiteAdmin = false): Viewer => ({
  kind: 'user',
  userId: '00000000-0000-4000-8000-000000000001',
  name: 'Sam',
  organisation,
  role,
  isSiteAdmin,
});

const viewers: Record<string, Viewer> = {
  anonymous,
  'signed in, no council': user(null),
  'member of another council': user(leeds),
  member: user(bristol),
  'organisation admin': user(bristol, 'org_admin'),
  'admin of another council': user(leeds, 'org_admin'),
  'site admin': user(null, 'member', true),
};

const dialect = new PgDialect();
/** A condition as the SQL text sent to Postgres (parameters as $1, $2…). */
const sqlText = (condition: Parameters<PgDialect['sqlToQuery']>[0]) => dialect.sqlToQuery(condition).sql;

/** The names of the viewers a rule allows, in the order of `viewers`. */
const who = (rule: (viewer: Viewer) => boolean): string[] => Object.keys(viewers).filter((name) => rule(viewers[name]!));

const material = (visibility: string, status = 'published'): MaterialAccessFacts => ({
  visibility,
  status,
  organisationId: bristol.id,
});

// Who may see a Bristol material, for each visibility and status.
const expectedViews: Record<string, Record<string, boolean>> = {
  'public/published': {
    anonymous: true,
    'signed in, no council': true,
    'member of another council': true,
    member: true,
    'organisation admin': true,
    'admin of another council': true,
    'site admin': true,
  },
  'councils/published': {
    anonymous: false,
    'signed in, no council': false,
    'member of another council': true,
    member: true,
    'organisation admin': true,
    'admin of another council': true,
    'site admin': true,
  },
  'organisation/published': {
    anonymous: false,
    'signed in, no council': false,
    'member of another council': false,
    member: true,
    'organisation admin': true,
    'admin of another council': false,
    'site admin': true,
  },
  // Every upload is a draft until its uploader publishes it: the council and site admins only.
  'public/draft': {
    anonymous: false,
    'signed in, no council': false,
    'member of another council': false,
    member: true,
    'organisation admin': true,
    'admin of another council': false,
    'site admin': true,
  },
  'public/withdrawn': {
    anonymous: false,
    'signed in, no council': false,
    'member of another council': false,
    member: true,
    'organisation admin': true,
    'admin of another council': false,
    'site admin': true,
  },
};

describe('canViewMaterial', () => {
  for (const [key, expectations] of Object.entries(expectedViews)) {
    const [visibility, status] = key.split('/') as [string, string];
    for (const [who, allowed] of Object.entries(expectations)) {
      it(`${who} ${allowed ? 'may' : 'may not'} see a ${status} ${visibility} material`, () => {
        expect(canViewMaterial(viewers[who]!, material(visibility, status))).toBe(allowed);
      });
    }
  }

  it('treats an unknown visibility as private to everyone but site admins', () => {
    expect(canViewMaterial(viewers.member!, material('secret'))).toBe(false);
    expect(canViewMaterial(viewers['site admin']!, material('secret'))).toBe(true);
  });
});

describe('changing, deleting and managing', () => {
  it('only the owning council and site admins change a material', () => {
    const allowed = Object.entries(viewers)
      .filter(([, viewer]) => canChangeMaterial(viewer, material('public')))
      .map(([who]) => who);
    expect(allowed).toEqual(['member', 'organisation admin', 'site admin']);
  });

  it('a material from no council (starter kit, imports) is changed only by site admins', () => {
    const orphan = { visibility: 'public', status: 'published', organisationId: null };
    const allowed = Object.entries(viewers)
      .filter(([, viewer]) => canChangeMaterial(viewer, orphan))
      .map(([who]) => who);
    expect(allowed).toEqual(['site admin']);
  });

  it('only site admins delete for good', () => {
    const allowed = Object.entries(viewers)
      .filter(([, viewer]) => canDeleteMaterial(viewer))
      .map(([who]) => who);
    expect(allowed).toEqual(['site admin']);
  });

  it("only the council's own admins and site admins manage its members", () => {
    const allowed = Object.entries(viewers)
      .filter(([, viewer]) => canManageOrganisation(viewer, bristol.id))
      .map(([who]) => who);
    expect(allowed).toEqual(['organisation admin', 'site admin']);
  });

  it('sharing needs membership of an organisation', () => {
    const allowed = Object.entries(viewers)
      .filter(([, viewer]) => canShareMaterial(viewer))
      .map(([who]) => who);
    expect(allowed).toEqual(['member of another council', 'member', 'organisation admin', 'admin of another council', 'site admin']);
    expect(canShareMaterial({ kind: 'system', label: 'starter kit' })).toBe(true);
  });
});

describe('organisations: members, join requests and the audit log', () => {
  it("a council's members, its admins and site admins see who belongs to it", () => {
    expect(who((v) => canListMembers(v, bristol.id))).toEqual(['member', 'organisation admin', 'site admin']);
  });

  it("only the council's own admins and site admins see members' email addresses", () => {
    expect(who((v) => canSeeMemberEmails(v, bristol.id))).toEqual(['organisation admin', 'site admin']);
  });

  it('only signed-in people without an organisation ask to join one', () => {
    expect(who(canRequestToJoin)).toEqual(['signed in, no council', 'site admin']);
  });

  it('only site admins may leave an organisation without an admin', () => {
    expect(who(canLeaveOrganisationWithoutAdmin)).toEqual(['site admin']);
  });

  it("a council's log is read by its admins and site admins; the whole hub's log by site admins", () => {
    expect(who((v) => canReadAuditLog(v, bristol.id))).toEqual(['organisation admin', 'site admin']);
    expect(who((v) => canReadAuditLog(v, null))).toEqual(['site admin']);
  });
});

describe('joining, leaving, first admins and contacting a council (issue 14)', () => {
  it('anyone signed in sets their own name', () => {
    expect(who(canSetOwnName)).toEqual(['signed in, no council', 'member of another council', 'member', 'organisation admin', 'admin of another council', 'site admin']);
  });

  it("only a council's own members leave it", () => {
    expect(who((v) => canLeaveOrganisation(v, bristol.id))).toEqual(['member', 'organisation admin']);
  });

  it('members ask to become admin only while their council has no admin', () => {
    expect(who((v) => canAskToBecomeAdmin(v, { id: bristol.id, hasAdmin: false }))).toEqual(['member']);
    expect(who((v) => canAskToBecomeAdmin(v, { id: bristol.id, hasAdmin: true }))).toEqual([]);
  });

  it('only site admins review the requests waiting for a site admin', () => {
    expect(who(canReviewSiteRequests)).toEqual(['site admin']);
  });

  it("anyone signed in writes to a council's admins; anyone sees their names", () => {
    expect(who(canContactOrganisationAdmins)).toEqual(['signed in, no council', 'member of another council', 'member', 'organisation admin', 'admin of another council', 'site admin']);
    expect(who(canSeeOrganisationAdminNames)).toEqual(Object.keys(viewers));
  });
});

describe('drafts, checks and concerns', () => {
  const who = (rule: (viewer: Viewer) => boolean) =>
    Object.entries(viewers)
      .filter(([, viewer]) => rule(viewer))
      .map(([name]) => name);

  it('search, lists and counts never include drafts, for anyone', () => {
    for (const viewer of Object.values(viewers)) {
      const text = sqlText(visibleMaterialsSql(viewer));
      expect(text).toContain("m.status = 'published'");
      const facts = visibilityFilterFacts(viewer);
      expect(['every-published', 'by-visibility']).toContain(facts.sees);
    }
  });

  it('a version never published is seen only by the council and site admins, even on a published public material', () => {
    const published = material('public');
    expect(who((v) => canViewVersion(v, published, { publishedAt: null }))).toEqual(['member', 'organisation admin', 'site admin']);
    expect(who((v) => canViewVersion(v, published, { publishedAt: new Date() }))).toEqual(Object.keys(viewers));
    expect(who((v) => canViewVersion(v, material('public', 'draft'), { publishedAt: new Date() }))).toEqual(['member', 'organisation admin', 'site admin']);
  });

  it("a file's findings are seen only by the owning council and site admins, published or not", () => {
    for (const status of ['draft', 'published', 'withdrawn']) {
      expect(who((v) => canSeeCheckFindings(v, material('public', status)))).toEqual(['member', 'organisation admin', 'site admin']);
    }
  });

  it('only the owning council and site admins publish a draft', () => {
    expect(who((v) => canPublishMaterial(v, material('public', 'draft')))).toEqual(['member', 'organisation admin', 'site admin']);
  });

  it('anyone signed in who can see a material may raise a concern about it', () => {
    expect(who((v) => canReportConcern(v, material('public')))).toEqual([
      'signed in, no council',
      'member of another council',
      'member',
      'organisation admin',
      'admin of another council',
      'site admin',
    ]);
    expect(who((v) => canReportConcern(v, material('public', 'draft')))).toEqual(['member', 'organisation admin', 'site admin']);
  });

  it("members of other councils who can see a published material may record that their council used it; never the owner", () => {
    expect(who((v) => canRecordUse(v, material('public')))).toEqual(['member of another council', 'admin of another council']);
    expect(who((v) => canRecordUse(v, material('councils')))).toEqual(['member of another council', 'admin of another council']);
    expect(who((v) => canRecordUse(v, material('organisation')))).toEqual([]);
    expect(who((v) => canRecordUse(v, material('public', 'draft')))).toEqual([]);
    expect(who((v) => canRecordUse(v, material('public', 'withdrawn')))).toEqual([]);
  });

  it("concerns are decided by the owning council's admins and site admins; only site admins see who raised them", () => {
    expect(who((v) => canDecideConcern(v, bristol.id))).toEqual(['organisation admin', 'site admin']);
    expect(who((v) => canDecideConcern(v, null))).toEqual(['site admin']);
    expect(who(canSeeReporter)).toEqual(['site admin']);
  });
});

describe('open interfaces (feeds, sitemap, catalogue)', () => {
  it('ask as someone signed out: public, published materials only, whoever fetches them', () => {
    expect(publicInterfaceViewer).toEqual({ kind: 'anonymous' });
    const seen = Object.keys(expectedViews).filter((key) => {
      const [visibility, status] = key.split('/') as [string, string];
      return canViewMaterial(publicInterfaceViewer, material(visibility, status));
    });
    expect(seen).toEqual(['public/published']);
    expect(sqlText(visibleMaterialsSql(publicInterfaceViewer))).toBe("(m.status = 'published' AND (m.visibility = 'public'))");
  });
});

describe('feedback', () => {

  it('anyone may send feedback, signed in or not', () => {
    expect(who(canSendFeedback)).toEqual(Object.keys(viewers));
  });

  it('only site admins read it', () => {
    expect(who(canReadFeedback)).toEqual(['site admin']);
  });
});

describe('commitments: the same visibility rule as materials', () => {
  const commitment = (visibility: string) => ({ visibility, organisationId: bristol.id });

  it('are seen by exactly those who see a published material at the same visibility', () => {
    for (const visibility of ['public', 'councils', 'organisation', 'secret']) {
      expect(who((v) => canViewCommitment(v, commitment(visibility)))).toEqual(who((v) => canViewMaterial(v, material(visibility))));
    }
  });

  it('in lists, through the same SQL as materials (less the published check)', () => {
    for (const viewer of Object.values(viewers)) {
      const materialsText = sqlText(visibleMaterialsSql(viewer));
      const commitmentsText = sqlText(visibleCommitmentsSql(viewer)).replaceAll('c.', 'm.');
      expect(materialsText).toBe(`(m.status = 'published' AND ${commitmentsText})`);
    }
  });

  it('are recorded by members of any council, changed by the council and site admins, kept only by the council', () => {
    expect(who(canRecordCommitment)).toEqual(['member of another council', 'member', 'organisation admin', 'admin of another council']);
    expect(who((v) => canChangeCommitment(v, commitment('public')))).toEqual(['member', 'organisation admin', 'site admin']);
    expect(who((v) => canAddCommitmentEvidence(v, commitment('public')))).toEqual(['member', 'organisation admin']);
    expect(who((v) => canConfirmCommitment(v, commitment('public')))).toEqual(['member', 'organisation admin']);
    expect(who((v) => canSeeCommitmentPeople(v, commitment('public')))).toEqual(['member', 'organisation admin', 'site admin']);
  });

  it('cite as evidence a project of their own council or one it is an accepted partner in, that they may see', () => {
    const project = (organisationId: string, visibility = 'public', partners: { invited?: string[]; accepted?: string[] } = {}) => ({
      visibility,
      organisationId,
      invitedOrganisationIds: [...(partners.invited ?? []), ...(partners.accepted ?? [])],
      partnerOrganisationIds: partners.accepted ?? [],
    });
    const cite = (p: ReturnType<typeof project>) => who((v) => canCiteProjectAsEvidence(v, commitment('public'), p));
    for (const visibility of ['public', 'councils', 'organisation']) {
      expect(cite(project(bristol.id, visibility))).toEqual(['member', 'organisation admin']);
      // Leeds's project, with Bristol an accepted partner: Bristol's members see it, even at 'organisation'.
      expect(cite(project(leeds.id, visibility, { accepted: [bristol.id] }))).toEqual(['member', 'organisation admin']);
    }
    // Only invited, or nothing to do with Bristol: not Bristol's work, whoever asks.
    expect(cite(project(leeds.id, 'public', { invited: [bristol.id] }))).toEqual([]);
    expect(cite(project(leeds.id, 'public'))).toEqual([]);
  });
});

describe('kits: the same visibility rule as materials', () => {
  const kit = (visibility: string, organisationId: string | null = bristol.id) => ({ visibility, organisationId });

  it('are seen by exactly those who see a published material at the same visibility', () => {
    for (const visibility of ['public', 'councils', 'organisation', 'secret']) {
      expect(who((v) => canViewKit(v, kit(visibility)))).toEqual(who((v) => canViewMaterial(v, material(visibility))));
    }
  });

  it('in lists, through the same SQL as materials (less the published check)', () => {
    for (const viewer of Object.values(viewers)) {
      const materialsText = sqlText(visibleMaterialsSql(viewer));
      const kitsText = sqlText(visibleKitsSql(viewer)).replaceAll('k.', 'm.');
      expect(materialsText).toBe(`(m.status = 'published' AND ${kitsText})`);
    }
  });

  it('are made by members of any council, changed by the council and site admins; the hub’s own kits by site admins only', () => {
    expect(who(canMakeKit)).toEqual(['member of another council', 'member', 'organisation admin', 'admin of another council']);
    expect(who((v) => canChangeKit(v, kit('public')))).toEqual(['member', 'organisation admin', 'site admin']);
    expect(who((v) => canChangeKit(v, kit('public', null)))).toEqual(['site admin']);
    expect(who((v) => canViewKit(v, kit('organisation', null)))).toEqual(['site admin']);
  });
});
