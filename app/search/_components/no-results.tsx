import { facetNames, type SearchQuery } from '@/lib/search/search-engine';
import { searchHref, withoutFilters } from '@/lib/search/search-params';
import { vocabularies } from '@/lib/taxonomy/vocabularies';

/** What to try when nothing matched: the GOV.UK advice, then ways to browse instead. */
export function NoResults({ query, didYouMean }: { query: SearchQuery; didYouMean: string | null }) {
  const v = vocabularies();
  const hasFilters = facetNames.some((facet) => query.filters[facet].length > 0);
  return (
    <div>
      {didYouMean ? (
        <p className="govuk-body-l">
          Did you mean{' '}
          <a className="govuk-link" href={searchHref({ ...query, text: didYouMean, page: 1 })}>
            {didYouMean}
          </a>
          ?
        </p>
      ) : null}
      {query.text ? (
        <p className="govuk-body">
          There are no materials matching <strong>‘{query.text}’</strong>
          {hasFilters ? ' with the filters you selected' : ''}.
        </p>
      ) : (
        <p className="govuk-body">There are no materials with the filters you selected.</p>
      )}
      <p className="govuk-body">Improve your search results by:</p>
      <ul className="govuk-list govuk-list--bullet">
        {query.text ? (
          <>
            <li>checking your spelling</li>
            <li>using fewer words, or more general ones</li>
          </>
        ) : null}
        {hasFilters ? (
          <li>
            removing filters, or{' '}
            <a className="govuk-link" href={searchHref(withoutFilters(query))}>
              searching without any filters
            </a>
          </li>
        ) : null}
        <li>browsing by phase or service area instead</li>
      </ul>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <h3 className="govuk-heading-s">Browse by phase</h3>
          <ul className="govuk-list">
            {v.phases.map((phase) => (
              <li key={phase.slug}>
                <a className="govuk-link" href={`/search?phase=${encodeURIComponent(phase.slug)}`}>
                  {phase.label}
                </a>
              </li>
            ))}
          </ul>
        </div>
        <div className="govuk-grid-column-one-half">
          <h3 className="govuk-heading-s">Browse by service area</h3>
          <ul className="govuk-list">
            {v.topics.map((topic) => (
              <li key={topic.slug}>
                <a className="govuk-link" href={`/search?topic=${encodeURIComponent(topic.slug)}`}>
                  {topic.label}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
