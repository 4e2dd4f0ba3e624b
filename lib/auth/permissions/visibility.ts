import { sql, type SQL } from 'drizzle-orm';
import type { Viewer } from '../viewer';
import { isMemberOf, isSiteAdmin, organisationOf } from './viewer-facts';

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
