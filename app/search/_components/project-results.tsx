import { PhaseTag, StatusNote } from '@/app/projects/_components/phase-tag';
import type { ProjectSearchResults } from '@/lib/search/project-search';

/**
 * "Projects matching your search": the few projects the same words find, above the materials, so a
 * researcher sees who is already working on it. Narrowed by the page's phase, service area and
 * council filters where they apply to projects.
 */
export function ProjectResults({ results }: { results: Pick<ProjectSearchResults, 'hits' | 'total'> }) {
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
      {results.total > results.hits.length ? (
        <p className="govuk-body-s">
          Showing {results.hits.length} of {results.total.toLocaleString('en-GB')} matching projects. Add words or filters to narrow them.
        </p>
      ) : null}
    </section>
  );
}
