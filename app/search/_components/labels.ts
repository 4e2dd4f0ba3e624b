import 'server-only';
import type { FacetName } from '@/lib/search/search-engine';
import { labelOf, vocabularies } from '@/lib/taxonomy/vocabularies';

/** What each filter is called on the page (legends, "Remove filter" links). */
export const facetTitles: Record<FacetName, string> = {
  phases: 'Phase',
  artefactTypes: 'Type of material',
  kinds: 'Template, example or guidance',
  topics: 'Service area',
  councils: 'Council',
  licences: 'Licence',
};

/** Labels for the vocabulary slugs a search hit carries. */
export function vocabularyLabels() {
  const v = vocabularies();
  return {
    phase: (slug: string) => labelOf(v.phases, slug),
    artefactType: (slug: string) => labelOf(v.artefactTypes, slug),
    kind: (slug: string) => labelOf(v.kinds, slug),
    topic: (slug: string) => labelOf(v.topics, slug),
  };
}

/** Phase slugs in the order a service goes through them (the vocabulary's order). */
export function inServiceOrder(phases: string[]): string[] {
  const order = vocabularies().phases.map((phase) => phase.slug);
  const position = (slug: string) => (order.includes(slug) ? order.indexOf(slug) : order.length);
  return [...phases].sort((a, b) => position(a) - position(b));
}
