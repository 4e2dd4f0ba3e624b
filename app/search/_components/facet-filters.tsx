import { Button, Checkboxes } from '@/app/_components/govuk';
import { facetNames, type SearchResults } from '@/lib/search/search-engine';
import { facetParams } from '@/lib/search/search-params';
import { facetTitles } from './labels';

/**
 * The filters: one group of checkboxes per facet, each option with its count, every option shown (no
 * scroll boxes that hide most of them). When very many materials match, the counts are estimates
 * (SearchResults.estimated) and a hint says so. Part of the search page's GET form, so "Apply filters" works
 * without JavaScript and keeps the words and sort. The page puts them after the results; the
 * "Filter results" link above the results jumps here (id "filters").
 */
export function FacetFilters({ facets, estimated = false }: { facets: SearchResults['facets']; estimated?: boolean }) {
  const shown = facetNames.filter((facet) => facets[facet].length > 0);
  return (
    <div className="app-facets" id="filters" tabIndex={-1}>
      <h2 className="app-facets__heading">Filter results</h2>
      {shown.length === 0 ? <p className="govuk-body">There is nothing to filter.</p> : null}
      {estimated && shown.length > 0 ? (
        <p className="govuk-hint">So many materials match that the numbers are estimates, counted from a sample of them.</p>
      ) : null}
      {shown.map((facet) => {
        const values = facets[facet];
        const param = facetParams[facet];
        return (
          <Checkboxes
            key={facet}
            id={`filter-${param}`}
            name={param}
            label={facetTitles[facet]}
            labelClassName="govuk-fieldset__legend--s"
            small
            items={values.map((value) => ({ value: value.value, label: `${value.label} (${value.count.toLocaleString('en-GB')})` }))}
            defaultValues={values.filter((value) => value.selected).map((value) => value.value)}
          />
        );
      })}
      {shown.length > 0 ? (
        <Button variant="secondary" className="govuk-!-margin-bottom-0">
          Apply filters
        </Button>
      ) : null}
    </div>
  );
}
