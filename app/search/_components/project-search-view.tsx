import { Button, Checkboxes, NotificationBanner, Pagination, paginationItems, TextInput } from '@/app/_components/govuk';
import { PhaseTag, StatusNote } from '@/app/projects/_components/phase-tag';
import { collaborationLabels } from '@/lib/projects/project-words';
import { materialSearchHrefFor, projectSearchHref, projectsView } from '@/lib/search/project-search-params';
import { projectFacetNames, type ProjectFacetName, type ProjectSearchQuery, type ProjectSearchResults } from '@/lib/search/project-search-types';
import { maxQueryLength } from '@/lib/search/search-params';

/** What each project filter is called on the page, and its URL parameter. */
const projectFilterTitles: Record<ProjectFacetName, string> = { phases: 'Phase', topics: 'Service area', councils: 'Council', collaboration: 'Open to' };
const projectFilterParams: Record<ProjectFacetName, string> = { phases: 'phase', topics: 'topic', councils: 'council', collaboration: 'collaboration' };

/**
 * The search page's projects view (`/search?show=projects`): projects found by the same words as
 * materials, filtered by phase, service area, council and how open they are to working together. One
 * GET form holds the words and the filters, so it works without JavaScript, as the materials view.
 */
export function ProjectSearchView({ query, results }: { query: ProjectSearchQuery; results: ProjectSearchResults & { fallback: boolean } }) {
  const lastPage = Math.max(1, Math.ceil(results.total / results.pageSize));
  const hrefFor = (page: number) => projectSearchHref({ ...query, page });
  const shown = projectFacetNames.filter((facet) => results.facets[facet].length > 0);
  return (
    <>
      {results.fallback ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <NotificationBanner title="Important" heading="Search is working in a simpler way at the moment">
              <p className="govuk-body">
                Our main search service is not answering, so these results come from a simpler search. You may find fewer near matches,
                and results may be in a different order. Try again later for the full search.
              </p>
            </NotificationBanner>
          </div>
        </div>
      ) : null}
      <form method="get" action="/search" noValidate>
        <input type="hidden" name="show" value={projectsView} />
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <TextInput
              id="q"
              name="q"
              type="search"
              label="Search projects"
              labelClassName="govuk-label--l"
              labelIsPageHeading
              hint="Who is working on what: councils' projects, found by the same words as materials"
              defaultValue={query.text}
              maxLength={maxQueryLength}
              spellCheck={false}
              autoComplete="off"
              formGroupClassName="govuk-!-margin-bottom-3"
            />
            <Button>Search</Button>
            <p className="govuk-body">
              <a className="govuk-link" href={materialSearchHrefFor(query)} data-testid="search-materials-instead">
                Search materials for these words instead
              </a>
            </p>
          </div>
        </div>

        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds app-search__results" data-testid="project-search-results">
            <h2 className="govuk-heading-m">
              {results.total === 0 ? 'No projects found' : `${results.total.toLocaleString('en-GB')} ${results.total === 1 ? 'project' : 'projects'} found`}
            </h2>
            {results.total > 0 ? (
              <p className="govuk-body app-search__filters-link">
                <a className="govuk-link" href="#filters">
                  Filter projects
                </a>
              </p>
            ) : (
              <p className="govuk-body">Try other words, or fewer filters.</p>
            )}
            {lastPage > 1 ? (
              <p className="govuk-body-s">
                Page {results.page} of {lastPage}
              </p>
            ) : null}
            <ul className="govuk-list">
              {results.hits.map((hit) => (
                <li key={hit.id} className="govuk-!-margin-bottom-6">
                  <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                    <a className="govuk-link" href={`/projects/${encodeURIComponent(hit.id)}`}>
                      {hit.name}
                    </a>
                  </h3>
                  <p className="govuk-body govuk-!-margin-bottom-1">
                    <PhaseTag phase={hit.phase} /> <StatusNote status={hit.status} /> {hit.council.name}
                  </p>
                  <p className="govuk-body-s govuk-!-margin-bottom-1">{hit.summary.length > 240 ? `${hit.summary.slice(0, 237)}…` : hit.summary}</p>
                  {hit.collaboration.length ? (
                    <p className="govuk-body-s govuk-hint">Open to: {hit.collaboration.map((c) => collaborationLabels[c]?.toLowerCase() ?? c).join(', ')}</p>
                  ) : null}
                </li>
              ))}
            </ul>
            {lastPage > 1 ? (
              <Pagination
                landmarkLabel="Project search results pages"
                previous={results.page > 1 ? { href: hrefFor(results.page - 1) } : undefined}
                next={results.page < lastPage ? { href: hrefFor(results.page + 1) } : undefined}
                items={paginationItems(results.page, lastPage, hrefFor)}
              />
            ) : null}
          </div>

          <div className="govuk-grid-column-one-third">
            <div className="app-facets" id="filters" tabIndex={-1}>
              <h2 className="app-facets__heading">Filter projects</h2>
              {shown.length === 0 ? <p className="govuk-body">There is nothing to filter.</p> : null}
              {shown.map((facet) => (
                <Checkboxes
                  key={facet}
                  id={`filter-project-${projectFilterParams[facet]}`}
                  name={projectFilterParams[facet]}
                  label={projectFilterTitles[facet]}
                  labelClassName="govuk-fieldset__legend--s"
                  small
                  items={results.facets[facet].map((value) => ({ value: value.value, label: `${value.label} (${value.count})` }))}
                  defaultValues={results.facets[facet].filter((value) => value.selected).map((value) => value.value)}
                />
              ))}
              {shown.length > 0 ? (
                <Button variant="secondary" className="govuk-!-margin-bottom-0">
                  Apply filters
                </Button>
              ) : null}
            </div>
          </div>
        </div>
      </form>
    </>
  );
}
