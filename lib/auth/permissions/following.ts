import type { Viewer } from '../viewer';
import { canViewProject, type ProjectAccessFacts } from './projects';
import { organisationOf } from './viewer-facts';
import { canSeeAtVisibility } from './visibility';

/**
 * Following councils, service areas and searches (lib/following), and the digests about them.
 *
 * - Only people signed in follow anything: a digest goes to an account's email address.
 * - One may follow only what one may see, through the one visibility rule (canSeeAtVisibility):
 *   councils, service areas and searches are seen by everyone (a search only ever finds what its
 *   viewer may see), so they are 'public' here; a project brings its own visibility, and is followed
 *   only by those who may see it (canFollowProject: the projects' one rule, partners included).
 * - One may list, change and stop only one's own follows and digest settings; someone else's follow
 *   is "not found", so its existence does not leak.
 * - What a digest lists is never decided here: it asks the search engines as its recipient, at the
 *   time it is sent (visibleMaterialsSql and its Meilisearch twin).
 */
export interface FollowTargetFacts {
  visibility: string;
  organisationId: string | null;
}

export function canFollow(viewer: Viewer): viewer is Extract<Viewer, { kind: 'user' }> {
  return viewer.kind === 'user';
}

export function canFollowTarget(viewer: Viewer, target: FollowTargetFacts): boolean {
  return canFollow(viewer) && canSeeAtVisibility(viewer, target.visibility, target.organisationId);
}

/** Follow a project: signed in, and one may see it now (a partner invited to an organisation-only project too). */
export function canFollowProject(viewer: Viewer, project: ProjectAccessFacts): boolean {
  return canFollow(viewer) && canViewProject(viewer, project);
}

export function canManageFollow(viewer: Viewer, follow: { userId: string }): boolean {
  return viewer.kind === 'user' && viewer.userId === follow.userId;
}

/**
 * "A project like yours" (lib/following/find-similar-projects.ts) compares other councils' new
 * projects with the projects of the council the recipient belongs to, read live: members of a council
 * only (a site admin of no council has none). The other council's project is listed only when the
 * recipient may see it (canViewProject / visibleProjectsSql).
 */
export function ownCouncilForSimilarProjects(viewer: Viewer): string | undefined {
  return canFollow(viewer) ? organisationOf(viewer) : undefined;
}

/**
 * Who a digest is built as: only what decides visibility (site admin, or the organisation one belongs
 * to), so followers who would see the same things share one search per followed thing
 * (lib/following/build-digests.ts). Two people with the same key see exactly the same materials.
 */
export function visibilityScopeKey(viewer: Viewer): string {
  if (viewer.kind !== 'user') return 'anonymous';
  if (viewer.isSiteAdmin) return 'site-admin';
  const organisationId = organisationOf(viewer);
  return organisationId ? `organisation:${organisationId}` : 'signed-in';
}
