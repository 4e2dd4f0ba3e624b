import type { SearchQuery } from '@/lib/search/search-engine';
import { searchFeedHref } from '@/lib/search/search-params';

/**
 * Ways to take a search away: its Atom feed (new public materials, for a feed reader). The feed is the
 * same for everyone, so it says it holds public materials only: someone signed in sees more here.
 */
export function OpenDataLinks({ query }: { query: SearchQuery }) {
  return (
    <p className="govuk-body-s" data-testid="open-data-links">
      <a className="govuk-link" href={searchFeedHref(query)}>
        Subscribe to this search (Atom feed)
      </a>{' '}
      – new public materials only.
    </p>
  );
}
