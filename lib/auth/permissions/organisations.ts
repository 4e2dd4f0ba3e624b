import type { Viewer } from '../viewer';
import { isMemberOf, isSiteAdmin } from './viewer-facts';

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
