import { projectVisibilityFilterFacts } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import type { Filter } from 'meilisearch';
import { projectFacetNames, type ProjectFacetName, type ProjectSearchFilters } from '../project-search-types';
import { FilterAttributeError, quoteFilterValue } from './filters';

/**
 * Filter expressions for the projects index, made the same way as the materials' (filters.ts): names
 * from an allow-list, every value quoted and escaped, and the visibility condition, made from the live
 * viewer by lib/auth/permissions.ts (projectVisibilityFilterFacts), first in every query.
 */

/** Every attribute a projects filter may name. Also the projects index's filterableAttributes. */
export const projectFilterableAttributes = ['phase', 'topics', 'councilSlug', 'collaboration', 'visibility', 'organisationId', 'partnerOrganisationIds'] as const;

export type ProjectFilterableAttribute = (typeof projectFilterableAttributes)[number];

/** The document attribute behind each project facet. */
export const projectFacetAttributes: Record<ProjectFacetName, ProjectFilterableAttribute> = {
  phases: 'phase',
  topics: 'topics',
  councils: 'councilSlug',
  collaboration: 'collaboration',
};

export function projectFilterAttribute(name: string): ProjectFilterableAttribute {
  if (!(projectFilterableAttributes as readonly string[]).includes(name)) throw new FilterAttributeError(name);
  return name as ProjectFilterableAttribute;
}

/** `attribute = "value"` (for an array attribute: the array contains the value). */
export function projectEquals(attribute: string, value: string): string {
  return `${projectFilterAttribute(attribute)} = ${quoteFilterValue(value)}`;
}

/**
 * Only projects the viewer may see: the rule of visibleProjectsSql, from the same viewer facts.
 *   site admin     visibility EXISTS (every project)
 *   anonymous      visibility IN ["public"]
 *   member of X    visibility IN ["public", "councils"]
 *                  OR (visibility = "organisation" AND (organisationId = "X" OR partnerOrganisationIds = "X"))
 */
export function projectVisibilityFilter(viewer: Viewer): string {
  const facts = projectVisibilityFilterFacts(viewer);
  if (facts.sees === 'every-project') return `${projectFilterAttribute('visibility')} EXISTS`;
  const open = `${projectFilterAttribute('visibility')} IN [${facts.visibilities.map(quoteFilterValue).join(', ')}]`;
  if (facts.ownOrganisationId === null) return open;
  const own = `(${projectEquals('visibility', 'organisation')} AND (${projectEquals('organisationId', facts.ownOrganisationId)} OR ${projectEquals('partnerOrganisationIds', facts.ownOrganisationId)}))`;
  return `(${open} OR ${own})`;
}

/** Visibility first, then one inner array per facet with a selection (OR within, AND across); `except` leaves one facet out. */
export function projectSearchFilter(viewer: Viewer, filters: ProjectSearchFilters, except?: ProjectFacetName): Filter {
  const facets = projectFacetNames
    .filter((facet) => facet !== except && filters[facet].length > 0)
    .map((facet) => filters[facet].map((value) => projectEquals(projectFacetAttributes[facet], value)));
  return [projectVisibilityFilter(viewer), ...facets];
}
