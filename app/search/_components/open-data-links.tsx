import type { SearchQuery } from '@/lib/search/search-engine';
import { csvExportLimit } from '@/lib/open-data/csv-export/export-limit';
import { searchFeedHref, toSearchParams } from '@/lib/search/search-params';

/** `/search/export.csv?…`: the same words, filters and order as the page, every page of it. */
function exportHref(query: SearchQuery): string {
  const params = toSearchParams({ ...query, page: 1 }).toString();
  return params ? `/search/export.csv?${params}` : '/search/export.csv';
}

/**
 * Ways to take a search away: its Atom feed (new public materials, for a feed reader) and its results
 * as a spreadsheet. The feed is the same for everyone, so it says it holds public materials only:
 * someone signed in sees more here. The CSV holds what this viewer sees, as the page does.
 */
export function OpenDataLinks({ query }: { query: SearchQuery }) {
  return (
    <ul className="govuk-list govuk-body-s" data-testid="open-data-links">
      <li>
        <a className="govuk-link" href={searchFeedHref(query)}>
          Subscribe to this search (Atom feed)
        </a>{' '}
        – new public materials only
      </li>
      <li>
        <a className="govuk-link" href={exportHref(query)} download>
          Download these results as CSV (up to {csvExportLimit.toLocaleString('en-GB')})
        </a>
      </li>
    </ul>
  );
}
