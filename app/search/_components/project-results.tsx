import { PhaseTag, StatusNote } from '@/app/projects/_components/phase-tag';
import type { ProjectSearchResults } from '@/lib/search/project-search';

/**
 * "Projects matching your search": the few projects the same words find, above the materials, so a
 * researcher sees who is already working on it. Narrowed by the page's phase, service area and
 * council filters where they apply to projects; `allHref` opens the projects view of the search
 * (`show=projects`), with all of them and the project filters.
 */
export function ProjectResults({ results, allHref }: { results: Pick<ProjectSearchResults, 'hits' | 'total'>; allHref: string }) {
  if (results.total === 0) return null;
  return (
    <section aria-labelledby="matching-projects" className="govuk-!-margin-bottom-6" data-testid="matching-projects">
      <h2 className="govuk-heading-m" id="matching-projects">
        Projects matching your search
      </h2>
      <ul className="govuk-list govuk-list--spaced">
        {results.hits.map((hit) => (
          <li key={hit.id}>
            <a className="govuk-link govuk-!-font-weight-bold" href={`/projects/${encodeURIComponent(hit.id)}`}>
              {hit.name}
            </a>{' '}
            <PhaseTag phase={hit.phase} /> <StatusNote status={hit.status} />
            <br />
            <span className="govuk-body-s">
              {hit.council.name} · {hit.summary}
            </span>
          </li>
        ))}
      </ul>
      <p className="govuk-body-s">
        {results.total > results.hits.length ? `Showing ${results.hits.length} of ${results.total.toLocaleString('en-GB')} matching projects. ` : null}
        <a className="govuk-link" href={allHref} data-testid="all-matching-projects">
          {results.total > results.hits.length ? 'See them all' : 'Search projects'}, with filters for phase, service area, council and collaboration
        </a>
      </p>
    </section>
  );
}
