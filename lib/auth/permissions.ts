import { sql, type SQL } from 'drizzle-orm';
import { anonymous, type Actor, type Viewer, type Visibility } from './viewer';

/**
 * The permission rules, in one place, as plain functions of the viewer and the thing asked about.
 * Every page, action, route, download, search result and facet count goes through these; nothing
 * else decides who may see or change what.
 *
 * Visibility of a material:
 *   public        anyone, signed in or not
 *   councils      anyone signed in who belongs to an organisation
 *   organisation  members of the owning organisation
 * Drafts (every upload until its uploader has seen the check and published it) and withdrawn
 * materials are seen only by the owning organisation's members and site admins, never in search or
 * lists: both are "not published", one rule. A file version never published (a draft replaced before
 * publishing, the original of a cleaned file) is seen only by them too, even once the material is
 * published. Site admins see and may change everything.
 */

export interface MaterialAccessFacts {
  status: string;
  visibility: string;
  organisationId: string | null;
}

const organisationOf = (viewer: Viewer | Actor) =>
  viewer.kind === 'user' && viewer.organisation ? viewer.organisation.id : undefined;

export function isSiteAdmin(viewer: Viewer | Actor): boolean {
  return viewer.kind === 'user' && viewer.isSiteAdmin;
}

function isMemberOf(viewer: Viewer | Actor, organisationId: string | null): boolean {
  return organisationId !== null && organisationOf(viewer) === organisationId;
}

/**
 * The one visibility rule, shared by materials and commitments (and whatever else gets the same three
 * levels): may the viewer see a thing at this visibility, owned by this organisation? Site admins see
 * everything; for materials, "published" is checked before this (canViewMaterial).
 */
export function canSeeAtVisibility(viewer: Viewer, visibility: string, organisationId: string | null): boolean {
  if (isSiteAdmin(viewer)) return true;
  switch (visibility) {
    case 'public':
      return true;
    case 'councils':
      return organisationOf(viewer) !== undefined;
    case 'organisation':
      return isMemberOf(viewer, organisationId);
    default:
      return false; // an unknown visibility is private to everyone
  }
}

/**
 * The same rule as SQL, given the thing's visibility and organisation columns (e.g. sql`m.visibility`,
 * sql`m.organisation_id`). The organisation id is a bound parameter taken from the live viewer, never
 * from the request.
 */
export function visibleAtVisibilitySql(viewer: Viewer, visibilityColumn: SQL, organisationColumn: SQL): SQL {
  if (isSiteAdmin(viewer)) return sql`TRUE`;
  const organisationId = organisationOf(viewer);
  if (!organisationId) return sql`(${visibilityColumn} = 'public')`;
  return sql`(${visibilityColumn} IN ('public', 'councils') OR (${visibilityColumn} = 'organisation' AND ${organisationColumn} = ${organisationId}))`;
}

/** May the viewer see this material at all (its page, file, old versions)? */
export function canViewMaterial(viewer: Viewer, material: MaterialAccessFacts): boolean {
  if (isSiteAdmin(viewer)) return true;
  if (material.status !== 'published') return isMemberOf(viewer, material.organisationId);
  return canSeeAtVisibility(viewer, material.visibility, material.organisationId);
}

/**
 * The same rule as SQL, for search, lists and counts: published materials the viewer may see.
 * Expects the materials table aliased as `m`.
 */
export function visibleMaterialsSql(viewer: Viewer): SQL {
  return sql`(m.status = 'published' AND ${visibleAtVisibilitySql(viewer, sql`m.visibility`, sql`m.organisation_id`)})`;
}

/**
 * The viewer the open interfaces ask as: the Atom feeds, the sitemap and the data catalogue are the
 * same document for everyone, may be cached and are harvested by other sites, so they hold only what
 * someone signed out may see, whoever asks. They pass this viewer to the same rule as search
 * (visibleMaterialsSql, through the search engines): published and public, never a draft, a
 * withdrawn material, or one for councils or one organisation only.
 */
export const publicInterfaceViewer: Viewer = anonymous;

/**
 * The same rule again, as plain facts, for search engines that cannot run SQL: the Meilisearch engine
 * builds its filter from these (lib/search/meilisearch/filters.ts). Only published materials, always;
 * then either every one of them (site admins), or those with one of `visibilities`, plus the
 * 'organisation' materials of `ownOrganisationId` when the viewer belongs to one.
 * Kept next to visibleMaterialsSql so that the two change together.
 */
export type VisibilityFilterFacts =
  | { sees: 'every-published' }
  | { sees: 'by-visibility'; visibilities: Visibility[]; ownOrganisationId: string | null };

export function visibilityFilterFacts(viewer: Viewer): VisibilityFilterFacts {
  if (isSiteAdmin(viewer)) return { sees: 'every-published' };
  const organisationId = organisationOf(viewer);
  if (!organisationId) return { sees: 'by-visibility', visibilities: ['public'], ownOrganisationId: null };
  return { sees: 'by-visibility', visibilities: ['public', 'councils'], ownOrganisationId: organisationId };
}

/**
 * May the viewer see this file version (download it, see it listed)? Only if they may see the
 * material, and, for a version that was never published, only the owning organisation and site
 * admins: a draft's earlier file (say, the original with its comments, before the hub cleaned it)
 * never reaches anyone else. A version's preview (its page pictures, pictures, thumbnail) follows the
 * same rule as its download, through the one lookup both use (lib/materials/viewable-version.ts).
 */
export function canViewVersion(viewer: Viewer, material: MaterialAccessFacts, version: { publishedAt: Date | string | null }): boolean {
  if (!canViewMaterial(viewer, material)) return false;
  return version.publishedAt !== null || isSiteAdmin(viewer) || isMemberOf(viewer, material.organisationId);
}

/**
 * See a file's check (its findings: masked excerpts of personal data, hidden content): the owning
 * organisation's members and site admins. The findings describe unpublished material.
 */
export function canSeeCheckFindings(viewer: Viewer, material: MaterialAccessFacts): boolean {
  return isSiteAdmin(viewer) || isMemberOf(viewer, material.organisationId);
}

/** Publish a draft, clean its file, accept suggested tags: whoever may change the material. */
export function canPublishMaterial(viewer: Viewer, material: MaterialAccessFacts): boolean {
  return canChangeMaterial(viewer, material);
}

/** Raise a concern about a material: anyone signed in who can see it. */
export function canReportConcern(viewer: Viewer, material: MaterialAccessFacts): boolean {
  return viewer.kind === 'user' && canViewMaterial(viewer, material);
}

/**
 * Record (or change, or withdraw) that the viewer's council used a material: a member of a council
 * other than the owning one, for a published material they may see. The owner using its own material
 * says nothing to anyone; a draft or withdrawn material is not there to be reused.
 */
export function canRecordUse(viewer: Viewer, material: MaterialAccessFacts): boolean {
  const organisationId = organisationOf(viewer);
  if (!organisationId || organisationId === material.organisationId) return false;
  return material.status === 'published' && canViewMaterial(viewer, material);
}

/**
 * Decide concerns about an organisation's materials (hide, ask for a fix, dismiss): its admins and
 * site admins. Concerns about materials with no organisation (the starter kit): site admins only.
 */
export function canDecideConcern(viewer: Viewer, organisationId: string | null): boolean {
  if (organisationId === null) return isSiteAdmin(viewer);
  return canManageOrganisation(viewer, organisationId);
}

/**
 * See who raised a concern: site admins only. The owning organisation's admins decide the concern
 * without learning which person (or council) raised it; the reporter sees their own reports.
 */
export function canSeeReporter(viewer: Viewer): boolean {
  return isSiteAdmin(viewer);
}

/** May the viewer share materials (for their own organisation)? */
export function canShareMaterial(viewer: Viewer | Actor): boolean {
  if (viewer.kind === 'system') return true;
  return organisationOf(viewer) !== undefined || isSiteAdmin(viewer);
}

/** Edit details, replace the file, change visibility, withdraw and restore. */
export function canChangeMaterial(viewer: Viewer, material: MaterialAccessFacts): boolean {
  return isSiteAdmin(viewer) || isMemberOf(viewer, material.organisationId);
}

/** Delete for good: the row, every file version and the search entry. */
export function canDeleteMaterial(viewer: Viewer): boolean {
  return isSiteAdmin(viewer);
}

/** Manage members and join requests, read the audit log, change email domains. */
export function canManageOrganisation(viewer: Viewer, organisationId: string): boolean {
  if (isSiteAdmin(viewer)) return true;
  return viewer.kind === 'user' && viewer.role === 'org_admin' && isMemberOf(viewer, organisationId);
}

/** Add other public bodies, make site admins. */
export function canAdministerSite(viewer: Viewer): boolean {
  return isSiteAdmin(viewer);
}

/**
 * See who belongs to an organisation (names and roles): its own members, and those who manage it.
 * Email addresses are a separate rule: canSeeMemberEmails.
 */
export function canListMembers(viewer: Viewer, organisationId: string): boolean {
  return isMemberOf(viewer, organisationId) || canManageOrganisation(viewer, organisationId);
}

/**
 * See the email addresses of an organisation's members and of people asking to join it: the
 * organisation's own admins and site admins. Everyone else sees a name and an organisation.
 */
export function canSeeMemberEmails(viewer: Viewer, organisationId: string): boolean {
  return canManageOrganisation(viewer, organisationId);
}

/** Ask to join an organisation: anyone signed in who does not belong to one yet. */
export function canRequestToJoin(viewer: Viewer): boolean {
  return viewer.kind === 'user' && viewer.organisation === null;
}

/**
 * Leave an organisation with no organisation admin (by removing or demoting its last one). Only site
 * admins may: otherwise nobody would be left to approve requests or manage members.
 */
export function canLeaveOrganisationWithoutAdmin(viewer: Viewer): boolean {
  return isSiteAdmin(viewer);
}

/**
 * Read the audit log: an organisation's own log for those who manage it; the whole hub's log
 * (organisationId null) for site admins only.
 */
export function canReadAuditLog(viewer: Viewer, organisationId: string | null): boolean {
  if (organisationId === null) return isSiteAdmin(viewer);
  return canManageOrganisation(viewer, organisationId);
}

// ---- Joining, leaving and a council's first admin (issue 14) ------------------------------------

/** Set one's own display name: anyone signed in, for themself only (there is no other person to name). */
export function canSetOwnName(viewer: Viewer): boolean {
  return viewer.kind === 'user';
}

/**
 * Leave an organisation: its own members. Whether an organisation admin may leave is keepOneAdmin's
 * rule (lib/organisations/keep-one-admin.ts): not the last admin while others remain.
 */
export function canLeaveOrganisation(viewer: Viewer, organisationId: string): boolean {
  return isMemberOf(viewer, organisationId);
}

/**
 * Ask to become an organisation's admin: its members, only while it has no organisation admin at all
 * (once it has one, that admin promotes people). Site admins approve these requests.
 */
export function canAskToBecomeAdmin(viewer: Viewer, organisation: { id: string; hasAdmin: boolean }): boolean {
  return !organisation.hasAdmin && isMemberOf(viewer, organisation.id) && viewer.kind === 'user' && viewer.role !== 'org_admin';
}

/** The queue of requests waiting for a site admin (first admins, joins to councils with no admin). */
export function canReviewSiteRequests(viewer: Viewer): boolean {
  return isSiteAdmin(viewer);
}

/**
 * Write to an organisation's admins through its page: anyone signed in (the reply goes to their
 * address, which is never shown on a page). Anonymous visitors sign in first, so that replies reach
 * someone and sending can be limited per person.
 */
export function canContactOrganisationAdmins(viewer: Viewer): boolean {
  return viewer.kind === 'user';
}

/**
 * Lists of materials on "Your account" and a council's page hold only what canViewMaterial allows: the
 * lists filter their candidate rows through it, or use visibleMaterialsSql, never a rule of their own.
 * An organisation's admins are named (names only, never addresses) to anyone, so people know whom
 * they are writing to and who approves requests.
 */
export function canSeeOrganisationAdminNames(_viewer: Viewer): boolean {
  return true;
}

// ---- Feedback -------------------------------------------------------------------------------------

/**
 * Send feedback (/feedback): anyone, signed in or not, as public-sector services let everyone do. Abuse
 * is limited by how much one network address may send (lib/feedback/send-feedback.ts), not by who.
 */
export function canSendFeedback(_viewer: Viewer): boolean {
  return true;
}

/** Read the feedback people have sent (/admin/feedback), which may hold their email addresses: site admins only. */
export function canReadFeedback(viewer: Viewer): boolean {
  return isSiteAdmin(viewer);
}

// ---- Public commitments (lib/commitments) --------------------------------------------------------

/**
 * A council's public commitment ("we will share our Discovery materials by March"). Seen through the
 * same visibility rule as materials (canSeeAtVisibility): public by default, or councils only, or the
 * council only. There are no drafts: a commitment is there from the moment it is recorded.
 */
export interface CommitmentAccessFacts {
  visibility: string;
  organisationId: string;
}

export function canViewCommitment(viewer: Viewer, commitment: CommitmentAccessFacts): boolean {
  return canSeeAtVisibility(viewer, commitment.visibility, commitment.organisationId);
}

/** The same rule as SQL, for lists and counts. Expects the commitments table aliased as `c`. */
export function visibleCommitmentsSql(viewer: Viewer): SQL {
  return visibleAtVisibilitySql(viewer, sql`c.visibility`, sql`c.organisation_id`);
}

/** Record a commitment: members of a council, on behalf of their own council only. */
export function canRecordCommitment(viewer: Viewer): boolean {
  return organisationOf(viewer) !== undefined;
}

/**
 * Change a commitment's details, or withdraw (delete) it: the council's members, and site admins
 * (who look after the whole hub, as for materials).
 */
export function canChangeCommitment(viewer: Viewer, commitment: CommitmentAccessFacts): boolean {
  return isSiteAdmin(viewer) || isMemberOf(viewer, commitment.organisationId);
}

/**
 * Attach or remove evidence, and confirm the commitment as kept: the council's own members only. A
 * commitment is kept when its council says so; a site admin is not the council.
 */
export function canAddCommitmentEvidence(viewer: Viewer, commitment: CommitmentAccessFacts): boolean {
  return isMemberOf(viewer, commitment.organisationId);
}

export function canConfirmCommitment(viewer: Viewer, commitment: CommitmentAccessFacts): boolean {
  return isMemberOf(viewer, commitment.organisationId);
}

/**
 * See who did what (the contact's name, who recorded and confirmed it): the council's members and
 * site admins. Everyone else who may see the commitment sees what happened and when, not who.
 */
export function canSeeCommitmentPeople(viewer: Viewer, commitment: CommitmentAccessFacts): boolean {
  return isSiteAdmin(viewer) || isMemberOf(viewer, commitment.organisationId);
}
