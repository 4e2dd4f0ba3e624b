import { visibilityFilterFacts } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import type { Filter } from 'meilisearch';
import { facetNames, type FacetName, type PublishedPeriod, type SearchFilters } from '../search-engine';

/**
 * Meilisearch filter expressions, built only here. Meilisearch has no bound parameters, so:
 * - attribute names come from the allow-list below (anything else throws);
 * - every value is written as a double-quoted string with backslashes and then double quotes escaped,
 *   which is how Meilisearch's filter parser reads a quoted value back (a value can never end its own
 *   quotes, so it cannot add a condition);
 * - the visibility condition is made from the live viewer by lib/auth/permissions.ts, never from the
 *   request, and is always the first condition of every query.
 */

/** Every attribute a filter may name. Also the index's filterableAttributes (settings.ts). */
export const filterableAttributes = [
  'phases',
  'artefactType',
  'kind',
  'topics',
  'councilSlug',
  'licence',
  'visibility',
  'organisationId',
  'status',
  'publishedAt',
] as const;

export type FilterableAttribute = (typeof filterableAttributes)[number];

/** The document attribute behind each facet of the search interface. */
export const facetAttributes: Record<FacetName, FilterableAttribute> = {
  phases: 'phases',
  artefactTypes: 'artefactType',
  kinds: 'kind',
  topics: 'topics',
  councils: 'councilSlug',
  licences: 'licence',
};

export class FilterAttributeError extends Error {
  constructor(name: string) {
    super(`"${name}" is not an attribute search may filter on`);
    this.name = 'FilterAttributeError';
  }
}

/** The attribute name itself, if it is on the allow-list; throws otherwise. */
export function filterAttribute(name: string): FilterableAttribute {
  if (!(filterableAttributes as readonly string[]).includes(name)) throw new FilterAttributeError(name);
  return name as FilterableAttribute;
}

/** `"value"`: backslashes first, then double quotes, escaped with a backslash. */
export function quoteFilterValue(value: string): string {
  return `"${String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `attribute = "value"` (for an array attribute: the array contains the value). */
export function equals(attribute: string, value: string): string {
  return `${filterAttribute(attribute)} = ${quoteFilterValue(value)}`;
}

/** `attribute IN ["a", "b"]`. */
export function isAnyOf(attribute: string, values: readonly string[]): string {
  if (values.length === 0) throw new Error('isAnyOf needs at least one value');
  return `${filterAttribute(attribute)} IN [${values.map(quoteFilterValue).join(', ')}]`;
}

/**
 * Only what the viewer may see: the rule of visibleMaterialsSql, from the same viewer facts.
 *   site admin     status = "published"
 *   anonymous      status = "published" AND visibility IN ["public"]
 *   member of X    status = "published" AND (visibility IN ["public", "councils"]
 *                                            OR (visibility = "organisation" AND organisationId = "X"))
 */
export function visibilityFilter(viewer: Viewer): string {
  const facts = visibilityFilterFacts(viewer);
  const published = equals('status', 'published');
  if (facts.sees === 'every-published') return published;
  const open = isAnyOf('visibility', facts.visibilities);
  if (facts.ownOrganisationId === null) return `${published} AND ${open}`;
  const own = `(${equals('visibility', 'organisation')} AND ${equals('organisationId', facts.ownOrganisationId)})`;
  return `${published} AND (${open} OR ${own})`;
}

/**
 * The facet selections as a Meilisearch filter array: one inner array per facet with a selection
 * (its values OR-ed), the inner arrays AND-ed. `except` leaves that facet's own selection out, for
 * its disjunctive counts.
 */
export function facetFilter(filters: SearchFilters, except?: FacetName): string[][] {
  return facetNames
    .filter((facet) => facet !== except && filters[facet].length > 0)
    .map((facet) => filters[facet].map((value) => equals(facetAttributes[facet], value)));
}

/**
 * Only materials first published in the period: `publishedAt` is microseconds since 1970, compared as
 * numbers made here from validated instants (never text from the request). Empty when no period.
 */
export function publishedFilter(period: PublishedPeriod | undefined): string[] {
  const micros = (value: string | undefined) => {
    const time = typeof value === 'string' ? Date.parse(value) : NaN;
    return Number.isNaN(time) ? null : time * 1000;
  };
  const after = micros(period?.after);
  const upTo = micros(period?.upTo);
  const conditions: string[] = [];
  if (after !== null) conditions.push(`${filterAttribute('publishedAt')} > ${String(after)}`);
  if (upTo !== null) conditions.push(`${filterAttribute('publishedAt')} <= ${String(upTo)}`);
  return conditions;
}

/** Visibility first, then the facet selections and the period: the filter of every query the engine sends. */
export function searchFilter(viewer: Viewer, filters: SearchFilters, except?: FacetName, period?: PublishedPeriod): Filter {
  return [visibilityFilter(viewer), ...facetFilter(filters, except), ...publishedFilter(period)];
}
