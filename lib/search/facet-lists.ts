import { vocabularies } from '@/lib/taxonomy/vocabularies';
import { facetNames, type EngineResults, type FacetName, type FacetValue, type SearchFilters } from './search-engine';

/**
 * What every engine does the same way around its own counting: the facet lists people see, and the
 * cleaning of filter values and page numbers. One copy, so the engines cannot drift apart.
 */

/**
 * Facet lists: every vocabulary value counted above zero plus any selected value (even at zero, so it
 * can be unticked), sorted by count then label; phases keep the order a service goes through them
 * (discovery, alpha, beta, live, retirement: the vocabulary's order). Councils are labelled by organisation name
 * (`councilNames`, which must name every counted or selected council that exists); a selected
 * council that does not exist at all is left out.
 */
export function facetLists(
  counts: Record<FacetName, Map<string, number>>,
  filters: SearchFilters,
  councilNames: Map<string, string>,
): EngineResults['facets'] {
  const v = vocabularies();
  const fromVocabulary = (facet: FacetName, items: { value: string; label: string }[], order: 'count' | 'vocabulary' = 'count'): FacetValue[] => {
    const selected = new Set(filters[facet]);
    const values = items
      .map((item) => ({ value: item.value, label: item.label, count: counts[facet].get(item.value) ?? 0, selected: selected.has(item.value) }))
      .filter((item) => item.count > 0 || item.selected);
    return order === 'vocabulary' ? values : sortFacet(values);
  };
  const selectedCouncils = new Set(filters.councils);
  const councils: FacetValue[] = [
    ...[...counts.councils].map(([slug, count]) => ({ value: slug, label: councilNames.get(slug) ?? slug, count, selected: selectedCouncils.has(slug) })),
    ...filters.councils
      .filter((slug) => !counts.councils.has(slug) && councilNames.has(slug))
      .map((slug) => ({ value: slug, label: councilNames.get(slug)!, count: 0, selected: true })),
  ];
  return {
    phases: fromVocabulary('phases', v.phases.map((p) => ({ value: p.slug, label: p.label })), 'vocabulary'),
    artefactTypes: fromVocabulary('artefactTypes', v.artefactTypes.map((a) => ({ value: a.slug, label: a.label }))),
    kinds: fromVocabulary('kinds', v.kinds.map((k) => ({ value: k.slug, label: k.label }))),
    topics: fromVocabulary('topics', v.topics.map((t) => ({ value: t.slug, label: t.label }))),
    councils: sortFacet(councils),
    licences: fromVocabulary('licences', v.licences.map((l) => ({ value: l.spdx, label: l.label }))),
  };
}

/** An empty count for every facet. */
export function emptyCounts(): Record<FacetName, Map<string, number>> {
  return Object.fromEntries(facetNames.map((name) => [name, new Map<string, number>()])) as Record<FacetName, Map<string, number>>;
}

function sortFacet(values: FacetValue[]): FacetValue[] {
  return values.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'en-GB'));
}

/**
 * Filter values with NUL taken out (Postgres refuses it) and duplicates dropped. A value is never
 * dropped: that would turn a filter that matches nothing into no filter.
 */
export function cleanFilters(filters: SearchFilters): SearchFilters {
  const clean = (values: string[] | undefined) => [...new Set((values ?? []).map((v) => String(v).replace(/\u0000/g, '')))];
  return {
    phases: clean(filters.phases),
    artefactTypes: clean(filters.artefactTypes),
    kinds: clean(filters.kinds),
    topics: clean(filters.topics),
    councils: clean(filters.councils),
    licences: clean(filters.licences),
  };
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
