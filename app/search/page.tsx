import { currentViewer } from '@/lib/sign-in/current-viewer';
import { FollowLinks } from './_components/follow-links';
import type { Metadata } from 'next';
import { Fragment } from 'react';
import { connection } from 'next/server';
import { Button, NotificationBanner, Pagination, paginationItems, Select, TextInput } from '@/app/_components/govuk';
import { services } from '@/lib/runtime';
import { searchMaterials } from '@/lib/search';
import { feedAlternates } from '@/lib/open-data/feed-links';
import { defaultSort, maxQueryLength, parseSearchParams, searchFeedHref, searchHref, withPage } from '@/lib/search/search-params';
import { FacetFilters } from './_components/facet-filters';
import { NoResults } from './_components/no-results';
import { SomeWordsNotice } from './_components/some-words-notice';
import { OpenDataLinks } from './_components/open-data-links';
import { ResultsList } from './_components/results-list';
import { SelectedFilters } from './_components/selected-filters';
import { ProjectsNow } from '@/app/projects/_components/projects-now';
import { projectsInDiscovery, recentProjectUpdates } from '@/lib/projects/projects-now';
import { vocabularies } from '@/lib/taxonomy/vocabularies';
import { projectQuery, searchProjects } from '@/lib/search/project-search';
import { projectPhases, type ProjectPhase } from '@/lib/projects/project-words';
import { ProjectResults } from './_components/project-results';
import { ProjectSearchView } from './_components/project-search-view';
import { isProjectsView, parseProjectSearchParams, projectSearchHref } from '@/lib/search/project-search-params';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const raw = await searchParams;
  if (isProjectsView(raw)) return { title: 'Search projects' };
  const query = parseSearchParams(raw);
  return { title: 'Search', alternates: feedAlternates(searchFeedHref(query), 'New public materials for this search (Atom feed)') };
}

/**
 * Search and browse. One GET form holds the words, the filters and the sort, so every button submits
 * all of them and the page works without JavaScript; links (pagination, removing a filter) are built
 * from the same parsed query.
 */
export default async function SearchPage({ searchParams }: Props) {
  await connection();
  const raw = await searchParams;
  const [hub, viewer] = await Promise.all([services(), currentViewer()]);
  if (isProjectsView(raw)) {
    // Projects as their own type: the same words, with the project filters.
    const projectSearch = parseProjectSearchParams(raw);
    return <ProjectSearchView query={projectSearch} results={await searchProjects(hub, viewer, projectSearch)} />;
  }
  const query = parseSearchParams(raw);
  // One service area chosen (a "service area page"): who is working on it, beside its materials.
  const topicSlug = query.filters.topics.length === 1 ? query.filters.topics[0] : undefined;
  const topic = topicSlug ? vocabularies().topics.find((t) => t.slug === topicSlug) : undefined;
  // The same words find projects too, narrowed by the filters that apply to projects.
  const projectFilters = {
    phases: query.filters.phases.filter((phase): phase is ProjectPhase => (projectPhases as readonly string[]).includes(phase)),
    topics: query.filters.topics,
    councils: query.filters.councils,
  };
  const [results, projects, inDiscovery, updates] = await Promise.all([
    searchMaterials(hub, viewer, query),
    // Nothing typed (browsing materials), or only material phases chosen (retirement): no projects here.
    query.text === '' || (query.filters.phases.length > 0 && projectFilters.phases.length === 0)
      ? { hits: [], total: 0 }
      : searchProjects(hub, viewer, projectQuery(query.text, projectFilters, { facets: false })),
    topic ? projectsInDiscovery(hub, viewer, { topic: topic.slug }) : [],
    topic ? recentProjectUpdates(hub, viewer, { topic: topic.slug }) : [],
  ]);
  const lastPage = Math.max(1, Math.ceil(results.total / results.pageSize));
  const page = results.page;
  const hrefFor = (n: number) => searchHref(withPage(query, n));

  return (
    <>
      {raw.deleted === '1' ? (
        // Where "Delete for good" (app/materials/[id]/delete) comes back to.
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <NotificationBanner type="success" heading="The material has been deleted">
              <p className="govuk-body">Its files and its search entry have been deleted too.</p>
            </NotificationBanner>
          </div>
        </div>
      ) : null}
      {results.fallback ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <NotificationBanner title="Important" heading="Search is working in a simpler way at the moment">
              <p className="govuk-body">
                Our main search service is not answering, so these results come from a simpler search. You may find fewer
                near matches, and results may be in a different order. Try again later for the full search.
              </p>
            </NotificationBanner>
          </div>
        </div>
      ) : null}
      <form method="get" action="/search" noValidate>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <TextInput
              id="q"
              name="q"
              type="search"
              label="Search materials"
              labelClassName="govuk-label--l"
              labelIsPageHeading
              hint="Put words in quotes to find them together, and a minus sign before a word to leave it out: “consent form” -housing"
              defaultValue={query.text}
              maxLength={maxQueryLength}
              spellCheck={false}
              autoComplete="off"
              formGroupClassName="govuk-!-margin-bottom-3"
            />
            <Button>Search</Button>
          </div>
        </div>

        <div className="govuk-grid-row">
          {/*
            Results come before the filters in the page, so on a phone they are the first thing below the
            search box and a "Filter results" link jumps down to the filters (GOV.UK's filter pattern). On
            wide screens the results column floats right and the filters sit on the left as usual.
          */}
          <div className="govuk-grid-column-two-thirds app-search__results">
            <ProjectResults results={projects} allHref={projectSearchHref({ text: query.text, filters: { collaboration: [], ...projectFilters }, page: 1 })} />
            <h2 className="govuk-heading-m">
              {results.total === 0
                ? 'No materials found'
                : `${results.estimated?.total ? 'About ' : ''}${results.total.toLocaleString('en-GB')} ${results.total === 1 ? 'material' : 'materials'} found`}
            </h2>
            {results.total > 0 ? (
              <p className="govuk-body app-search__filters-link">
                <a className="govuk-link" href="#filters">
                  Filter results
                </a>
              </p>
            ) : null}

            <OpenDataLinks query={query} />
            <FollowLinks query={query} />

            {/* The results themselves (and the filters in use), without the link above. */}
            <div id="search-results">
              <SelectedFilters query={query} facets={results.facets} />

              {results.corrections.length > 0 ? (
                <p className="govuk-body" data-testid="close-matches">
                  Also searched for{' '}
                  {results.corrections.map((correction, index) => (
                    <Fragment key={correction.typed}>
                      {index > 0 ? '; ' : null}
                      <strong>{correction.closeMatches.join(', ')}</strong> (you typed ‘{correction.typed}’)
                    </Fragment>
                  ))}
                  .
                </p>
              ) : null}

              {results.someWords ? <SomeWordsNotice allWordsTotal={results.someWords.allWordsTotal} sort={query.sort} /> : null}

              {results.total === 0 ? (
                <>
                  {/* Keep the chosen order when filters are changed from here. */}
                  {query.sort !== defaultSort(query.text) ? <input type="hidden" name="sort" value={query.sort} /> : null}
                  <NoResults query={query} didYouMean={results.didYouMean} />
                </>
              ) : (
                <>
                  {/* Select and button on one line, the button level with the select (GOV.UK buttons align top). */}
                  <div
                    className="govuk-!-margin-bottom-4"
                    style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', columnGap: '10px' }}
                  >
                    <Select
                      id="sort"
                      name="sort"
                      label="Sort by"
                      labelClassName="govuk-label--s"
                      options={[
                        { value: 'relevance', label: 'Relevance' },
                        { value: 'newest', label: 'Newest' },
                        { value: 'most-used', label: 'Most used' },
                        { value: 'most-downloaded', label: 'Most downloaded' },
                      ]}
                      defaultValue={query.sort}
                      formGroupClassName="govuk-!-margin-bottom-0"
                    />
                    <Button variant="secondary" className="govuk-!-margin-bottom-0">
                      Sort results
                    </Button>
                  </div>

                  {lastPage > 1 ? (
                    <p className="govuk-body-s">
                      Page {page} of {lastPage}
                    </p>
                  ) : null}

                  <ResultsList hits={results.hits} />

                  {lastPage > 1 ? (
                    <Pagination
                      landmarkLabel="Search results pages"
                      previous={page > 1 ? { href: hrefFor(page - 1) } : undefined}
                      next={page < lastPage ? { href: hrefFor(page + 1) } : undefined}
                      items={paginationItems(page, lastPage, hrefFor)}
                    />
                  ) : null}
                </>
              )}
            </div>
          </div>

          <div className="govuk-grid-column-one-third">
            <FacetFilters facets={results.facets} estimated={results.estimated?.facets === true} />
          </div>
        </div>
      </form>

      {topic ? (
        <section aria-labelledby="service-area-projects" data-testid="service-area-projects">
          <h2 className="govuk-heading-l" id="service-area-projects">
            Projects in {topic.label}
          </h2>
          <ProjectsNow inDiscovery={inDiscovery} updates={updates} headingLevel={3} topic={topic.slug} />
        </section>
      ) : null}
    </>
  );
}
