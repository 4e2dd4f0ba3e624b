import { collaborationChoices, collaborationLabels, projectPhaseLabels, projectPhases } from '@/lib/projects/project-words';
import { vocabularies } from '@/lib/taxonomy/vocabularies';
import type { FacetValue } from './search-engine';
import { projectFacetNames, type ProjectFacetName, type ProjectSearchFilters, type ProjectSearchResults } from './project-search-types';

/**
 * What every engine does the same way around its own counting of projects (the twin of
 * facet-lists.ts for materials): the facet lists people see, and the cleaning of filter values.
 */

export type ProjectCounts = Record<ProjectFacetName, Map<string, number>>;

export function emptyProjectCounts(): ProjectCounts {
  return Object.fromEntries(projectFacetNames.map((name) => [name, new Map<string, number>()])) as ProjectCounts;
}

/**
 * Every value counted above zero plus any selected value (even at zero, so it can be unticked). Phases
 * and collaboration keep their own order (a project moves through phases in order); service areas and
 * councils go by count, then label. A selected council that does not exist is left out.
 */
export function projectFacetLists(counts: ProjectCounts, filters: ProjectSearchFilters, councilNames: Map<string, string>): ProjectSearchResults['facets'] {
  const list = (facet: ProjectFacetName, items: { value: string; label: string }[], order: 'count' | 'given') => {
    const selected = new Set<string>(filters[facet]);
    const values = items
      .map((item) => ({ ...item, count: counts[facet].get(item.value) ?? 0, selected: selected.has(item.value) }))
      .filter((item) => item.count > 0 || item.selected);
    return order === 'given' ? values : byCount(values);
  };
  const councilSlugs = [...new Set([...counts.councils.keys(), ...filters.councils])].filter((slug) => councilNames.has(slug));
  return {
    phases: list('phases', projectPhases.map((phase) => ({ value: phase, label: projectPhaseLabels[phase] })), 'given'),
    topics: list('topics', vocabularies().topics.map((t) => ({ value: t.slug, label: t.label })), 'count'),
    councils: list('councils', councilSlugs.map((slug) => ({ value: slug, label: councilNames.get(slug)! })), 'count'),
    collaboration: list('collaboration', collaborationChoices.map((c) => ({ value: c, label: collaborationLabels[c] })), 'given'),
  };
}

function byCount(values: FacetValue[]): FacetValue[] {
  return values.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'en-GB'));
}

/** Filter values with NUL taken out and duplicates dropped; a value is never dropped otherwise. */
export function cleanProjectFilters(filters: Partial<ProjectSearchFilters>): ProjectSearchFilters {
  const clean = <T extends string>(values: readonly T[] | undefined) => [...new Set((values ?? []).map((v) => String(v).replace(/\u0000/g, '') as T))];
  return { phases: clean(filters.phases), topics: clean(filters.topics), councils: clean(filters.councils), collaboration: clean(filters.collaboration) };
}
