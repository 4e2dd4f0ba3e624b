import { sql, type SQL } from 'drizzle-orm';
import { anonymous, type Actor, type Viewer, type Visibility } from '../viewer';
import { canManageOrganisation } from './organisations';
import { isMemberOf, isSiteAdmin, organisationOf } from './viewer-facts';
import { canSeeAtVisibility, visibleAtVisibilitySql } from './visibility';

export interface MaterialAccessFacts {
  status: string;
  visibility: string;
  organisationId: string | null;
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
