import { sql, type SQL } from 'drizzle-orm';
import type { Viewer } from '../viewer';
import { canViewProject, type ProjectAccessFacts } from './projects';
import { isMemberOf, isSiteAdmin, organisationOf } from './viewer-facts';
import { canSeeAtVisibility, visibleAtVisibilitySql } from './visibility';

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

/**
 * Cite a project as a commitment's evidence: someone who may add evidence (the council's members),
 * a project they may see, and the commitment's council's own project or one it is an accepted partner
 * in (work done with others counts; a project the council merely follows or was only invited to does
 * not). Whoever reads the commitment later sees the project only if they may see it (canViewProject).
 */
export function canCiteProjectAsEvidence(viewer: Viewer, commitment: CommitmentAccessFacts, project: ProjectAccessFacts): boolean {
  return (
    canAddCommitmentEvidence(viewer, commitment) &&
    canViewProject(viewer, project) &&
    (project.organisationId === commitment.organisationId || project.partnerOrganisationIds.includes(commitment.organisationId))
  );
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
