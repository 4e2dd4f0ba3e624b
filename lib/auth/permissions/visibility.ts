import { sql, type SQL } from 'drizzle-orm';
import type { Viewer } from '../viewer';
import { isMemberOf, isSiteAdmin, organisationOf } from './viewer-facts';

/**
 * The one visibility rule, shared by materials, commitments and projects (and whatever else gets the
 * same three levels): may the viewer see a thing at this visibility, owned by this organisation? Site
 * admins see everything; for materials, "published" is checked before this (canViewMaterial).
 *
 * `alsoOrganisationIds`: other organisations whose members may see it at 'organisation' level too
 * (a project's accepted partner councils). Leaving it out is the rule as it always was.
 */
export function canSeeAtVisibility(viewer: Viewer, visibility: string, organisationId: string | null, alsoOrganisationIds: readonly string[] = []): boolean {
  if (isSiteAdmin(viewer)) return true;
  switch (visibility) {
    case 'public':
      return true;
    case 'councils':
      return organisationOf(viewer) !== undefined;
    case 'organisation': {
      const own = organisationOf(viewer);
      return isMemberOf(viewer, organisationId) || (own !== undefined && alsoOrganisationIds.includes(own));
    }
    default:
      return false; // an unknown visibility is private to everyone
  }
}

/**
 * The same rule as SQL, given the thing's visibility and organisation columns (e.g. sql`m.visibility`,
 * sql`m.organisation_id`). The organisation id is a bound parameter taken from the live viewer, never
 * from the request. `alsoOrganisation`, the twin of `alsoOrganisationIds` above, is given the viewer's
 * organisation id (bound) and returns a condition true when that organisation may also see the row
 * (e.g. an EXISTS over accepted project partners).
 */
export function visibleAtVisibilitySql(
  viewer: Viewer,
  visibilityColumn: SQL,
  organisationColumn: SQL,
  alsoOrganisation?: (organisationId: string) => SQL,
): SQL {
  if (isSiteAdmin(viewer)) return sql`TRUE`;
  const organisationId = organisationOf(viewer);
  if (!organisationId) return sql`(${visibilityColumn} = 'public')`;
  const orAlso = alsoOrganisation ? sql` OR (${visibilityColumn} = 'organisation' AND ${alsoOrganisation(organisationId)})` : sql``;
  return sql`(${visibilityColumn} IN ('public', 'councils') OR (${visibilityColumn} = 'organisation' AND ${organisationColumn} = ${organisationId})${orAlso})`;
}
