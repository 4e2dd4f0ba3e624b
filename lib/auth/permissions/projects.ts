import { sql, type SQL } from 'drizzle-orm';
import type { Viewer, Visibility } from '../viewer';
import { canManageOrganisation } from './organisations';
import { isMemberOf, isSiteAdmin, organisationOf } from './viewer-facts';
import { canSeeAtVisibility, visibleAtVisibilitySql } from './visibility';

/**
 * A council's project (lib/projects). Seen through the same visibility rule as materials
 * (canSeeAtVisibility): public, councils, or the council only, where "the council" also takes in
 * councils invited as partners. An invited council sees the project so it can decide whether to
 * accept; once accepted, its members post updates too. Site admins see everything and may correct
 * and delete, but the updates are the councils' own word.
 */
export interface ProjectAccessFacts {
  visibility: string;
  organisationId: string;
  /** Councils invited as partners, accepted or not. */
  invitedOrganisationIds: readonly string[];
  /** Of those, the ones that accepted. */
  partnerOrganisationIds: readonly string[];
}

export function canViewProject(viewer: Viewer, project: ProjectAccessFacts): boolean {
  return canSeeAtVisibility(viewer, project.visibility, project.organisationId, project.invitedOrganisationIds);
}

/** The same rule as SQL, for lists and counts. Expects the projects table aliased as `p`. */
export function visibleProjectsSql(viewer: Viewer): SQL {
  return visibleAtVisibilitySql(
    viewer,
    sql`p.visibility`,
    sql`p.organisation_id`,
    (organisationId) => sql`EXISTS (SELECT 1 FROM project_partners pp WHERE pp.project_id = p.id AND pp.organisation_id = ${organisationId})`,
  );
}

/**
 * The same rule again, as plain facts, for search engines that cannot run SQL: the Meilisearch
 * engine builds its projects filter from these (lib/search/meilisearch/project-filters.ts). Either
 * every project (site admins), or those with one of `visibilities`, plus the 'organisation' projects
 * of `ownOrganisationId` and those it is invited to as a partner, when the viewer belongs to one.
 * Kept next to visibleProjectsSql so that the two change together.
 */
export type ProjectVisibilityFilterFacts =
  | { sees: 'every-project' }
  | { sees: 'by-visibility'; visibilities: Visibility[]; ownOrganisationId: string | null };

export function projectVisibilityFilterFacts(viewer: Viewer): ProjectVisibilityFilterFacts {
  if (isSiteAdmin(viewer)) return { sees: 'every-project' };
  const organisationId = organisationOf(viewer);
  if (!organisationId) return { sees: 'by-visibility', visibilities: ['public'], ownOrganisationId: null };
  return { sees: 'by-visibility', visibilities: ['public', 'councils'], ownOrganisationId: organisationId };
}

/** Register a project: members of a council, for their own council only. */
export function canRegisterProject(viewer: Viewer): boolean {
  return organisationOf(viewer) !== undefined;
}

/** Change a project's details, or delete it: the council's members, and site admins. */
export function canEditProject(viewer: Viewer, project: ProjectAccessFacts): boolean {
  return isSiteAdmin(viewer) || isMemberOf(viewer, project.organisationId);
}

export const canDeleteProject = canEditProject;

/** Post an update (and so move its phase): the council's members and accepted partners' members. */
export function canPostProjectUpdate(viewer: Viewer, project: ProjectAccessFacts): boolean {
  const own = organisationOf(viewer);
  return own !== undefined && (own === project.organisationId || project.partnerOrganisationIds.includes(own));
}

/** Invite another council as a partner: the council's own members. */
export function canInviteProjectPartner(viewer: Viewer, project: ProjectAccessFacts): boolean {
  return isMemberOf(viewer, project.organisationId);
}

/** Accept or decline an invitation: members of the invited council, for their council. */
export function canAnswerProjectInvitation(viewer: Viewer, project: ProjectAccessFacts): boolean {
  const own = organisationOf(viewer);
  return own !== undefined && project.invitedOrganisationIds.includes(own) && !project.partnerOrganisationIds.includes(own);
}

/** Mark it paused, finished or active again: the council's admins (and site admins). */
export function canChangeProjectStatus(viewer: Viewer, project: ProjectAccessFacts): boolean {
  return canManageOrganisation(viewer, project.organisationId);
}

/**
 * The contact's email address: anyone signed in who belongs to a council (and site admins). Everyone
 * who may see the project sees the contact's name and council.
 */
export function canSeeProjectContactEmail(viewer: Viewer): boolean {
  return isSiteAdmin(viewer) || organisationOf(viewer) !== undefined;
}

/**
 * Attach a material to a project (sharing or editing it): the material's council must be the
 * project's council or an accepted partner, and the viewer a member of it.
 */
export function canAttachMaterialToProject(viewer: Viewer, project: ProjectAccessFacts): boolean {
  return canPostProjectUpdate(viewer, project);
}
