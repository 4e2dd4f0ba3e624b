import { currentViewer } from '@/lib/sign-in/current-viewer';
import { connection } from 'next/server';
import { Button, TextInput } from '@/app/_components/govuk';
import { services } from '@/lib/runtime';
import { searchMaterials } from '@/lib/search';
import { emptySearchQuery, maxQueryLength } from '@/lib/search/search-params';
import type { FacetValue } from '@/lib/search/search-engine';
import { formatDate } from '@/lib/text/dates';
import { fileDescription } from './search/_components/results-list';
import { ResultThumbnail } from './_components/thumbnail';
import { ProjectsNow } from './projects/_components/projects-now';
import { projectsInDiscovery, recentProjectUpdates } from '@/lib/projects/projects-now';

/**
 * The home page: what the hub is for, a search box, ways in by type of material, phase and service
 * area (with how many materials each holds, counting only what the viewer may see) and the newest
 * materials. One browse query gives all of it; two small queries add who is working on what (projects in
 * Discovery now and the latest project updates, both through the projects' visibility rule).
 */
export default async function HomePage() {
  await connection();
  const [hub, viewer] = await Promise.all([services(), currentViewer()]);
  const [browse, inDiscovery, updates] = await Promise.all([
    searchMaterials(hub, viewer, emptySearchQuery({ pageSize: 5 })),
    projectsInDiscovery(hub, viewer),
    recentProjectUpdates(hub, viewer),
  ]);
  const phases = browse.facets.phases;
  const topics = browse.facets.topics;
  const types = browse.facets.artefactTypes;

  return (
    <>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">Find and share Discovery materials</h1>
          <p className="govuk-body-l">
            Discovery Commons is where council teams share the materials behind their Discovery work: research plans,
            discussion guides, consent forms, personas, journey maps and reports.
          </p>
          <p className="govuk-body">
            Start from something another council has already written and tested, adapt it, and share what you make so
            the next team does not start from a blank page.
          </p>
          <form method="get" action="/search" role="search" aria-label="Materials">
            <TextInput
              id="home-search"
              name="q"
              type="search"
              label="Search materials"
              labelClassName="govuk-label--m"
              maxLength={maxQueryLength}
              spellCheck={false}
              autoComplete="off"
              formGroupClassName="govuk-!-margin-bottom-3"
            />
            <Button>Search</Button>
          </form>

          <p className="govuk-body">Made something other councils could use? Share it under an open licence.</p>
          <Button href="/materials/new" variant="secondary">
            Share a material
          </Button>
        </div>
      </div>

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {/* How researchers think ("I need a consent form"), so it comes first. */}
          <h2 className="govuk-heading-m">Browse by type of material</h2>
          <BrowseList
            facet={types}
            param="type"
            empty="Nothing has been shared yet."
            estimated={browse.estimated?.facets === true}
          />
        </div>

        <div className="govuk-grid-column-one-third">
          <h2 className="govuk-heading-m">Browse by phase</h2>
          {/* In the order a service goes through them (lib/search/facet-lists.ts), not by count. */}
          <BrowseList facet={phases} param="phase" empty="Nothing has been shared yet." estimated={browse.estimated?.facets === true} />
        </div>
      </div>

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Browse by service area</h2>
          <BrowseList facet={topics} param="topic" empty="No materials have a service area yet." estimated={browse.estimated?.facets === true} />
        </div>
      </div>

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Recently shared</h2>
          {browse.hits.length > 0 ? (
            <>
              <ul className="app-results">
                {browse.hits.map((hit) => {
                  const file = fileDescription(hit);
                  return (
                    <li key={hit.id} className="app-results__item">
                      <ResultThumbnail thumbnail={hit.thumbnail} />
                      <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                        <a className="govuk-link" href={`/materials/${encodeURIComponent(hit.id)}`}>
                          {hit.title}
                        </a>
                      </h3>
                      <p className="app-results__meta govuk-!-margin-bottom-0">
                        {hit.council ? <>{hit.council.name} · </> : null}
                        {file ? <>{file} · </> : null}
                        Shared on <time dateTime={hit.createdAt}>{formatDate(hit.createdAt)}</time>
                      </p>
                    </li>
                  );
                })}
              </ul>
              <p className="govuk-body govuk-!-margin-top-4">
                <a className="govuk-link" href="/search">
                  See all {browse.estimated?.total ? 'about ' : ''}
                  {browse.total.toLocaleString('en-GB')} materials
                </a>
              </p>
            </>
          ) : (
            <p className="govuk-body">
              Nothing has been shared yet. <a className="govuk-link" href="/materials/new">Share the first material</a>.
            </p>
          )}
        </div>
      </div>

      <ProjectsNow inDiscovery={inDiscovery} updates={updates} />
    </>
  );
}

/**
 * Links to the search page filtered by one value each, with how many materials the viewer may see
 * ("about" when a very large hub's counts are estimates: SearchResults.estimated).
 */
function BrowseList({ facet, param, empty, estimated }: { facet: FacetValue[]; param: string; empty: string; estimated: boolean }) {
  if (facet.length === 0) return <p className="govuk-body">{empty}</p>;
  return (
    <ul className="govuk-list">
      {facet.map((item) => (
        <li key={item.value}>
          <a className="govuk-link" href={`/search?${param}=${encodeURIComponent(item.value)}`}>
            {item.label}
          </a>{' '}
          ({estimated ? 'about ' : ''}
          {item.count.toLocaleString('en-GB')})
        </li>
      ))}
    </ul>
  );
}
