import { facetNames, type SearchQuery, type SearchResults } from '@/lib/search/search-engine';
import { searchHref, withoutFilter, withoutFilters } from '@/lib/search/search-params';
import { facetTitles } from './labels';

/** The filters in use, each a link that removes it (keeping the words, sort and other filters). */
export function SelectedFilters({ query, facets }: { query: SearchQuery; facets: SearchResults['facets'] }) {
  const selected = facetNames.flatMap((facet) =>
    query.filters[facet].map((value) => ({
      facet,
      value,
      label: facets[facet].find((option) => option.value === value)?.label ?? value,
    })),
  );
  if (selected.length === 0) return null;
  return (
    <div className="govuk-!-margin-bottom-4">
      <h2 className="govuk-heading-s govuk-!-margin-bottom-2">Selected filters</h2>
      <ul className="govuk-list">
        {selected.map(({ facet, value, label }) => (
          <li key={`${facet}:${value}`}>
            <a className="govuk-link" href={searchHref(withoutFilter(query, facet, value))}>
              Remove filter: {label}
              <span className="govuk-visually-hidden"> ({facetTitles[facet].toLowerCase()})</span>
            </a>
          </li>
        ))}
        {selected.length > 1 ? (
          <li>
            <a className="govuk-link" href={searchHref(withoutFilters(query))}>
              Clear all filters
            </a>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
