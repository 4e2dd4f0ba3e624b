import { defaultSort, toSearchParams } from '@/lib/search/search-params';
import type { SearchQuery } from '@/lib/search/search-engine';
import { labelOf, vocabularies } from '@/lib/taxonomy/vocabularies';

/**
 * "Follow this search", and, when the search is just one service area, "Follow <service area>": links
 * (the search page is itself one GET form, so no second form can sit inside it) to /following/new,
 * which asks for a name or offers the Follow button, and asks someone signed out to sign in first.
 */
export function FollowLinks({ query }: { query: SearchQuery }) {
  const params = toSearchParams({ text: query.text, filters: query.filters, sort: defaultSort(query.text), page: 1 }).toString();
  const f = query.filters;
  const onlyTopic =
    query.text === '' && f.topics.length === 1 && [f.phases, f.artefactTypes, f.kinds, f.councils, f.licences].every((values) => values.length === 0)
      ? f.topics[0]!
      : null;
  return (
    <ul className="govuk-list govuk-body-s" data-testid="follow-links">
      {onlyTopic ? (
        <li>
          <a className="govuk-link" href={`/following/new?${new URLSearchParams({ topic: onlyTopic })}`}>
            Follow {labelOf(vocabularies().topics, onlyTopic)}
          </a>{' '}
          – get an email when there are new materials in this service area
        </li>
      ) : null}
      <li>
        <a className="govuk-link" href={`/following/new?${new URLSearchParams({ search: params })}`}>
          Follow this search
        </a>{' '}
        – get an email when new materials match it
      </li>
    </ul>
  );
}
