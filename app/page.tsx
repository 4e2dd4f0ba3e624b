import { currentViewer } from '@/lib/sign-in/current-viewer';
import { connection } from 'next/server';
import { Button, TextInput } from '@/app/_components/govuk';
import { services } from '@/lib/runtime';
import { searchMaterials } from '@/lib/search';
import { emptySearchQuery, maxQueryLength } from '@/lib/search/search-params';
import { vocabularies } from '@/lib/taxonomy/vocabularies';
import { formatDate } from '@/lib/text/dates';
import { fileDescription } from './search/_components/results-list';

/**
 * The home page: what the hub is for, a search box, ways in by phase and by service area (with how
 * many materials each holds) and the newest materials. One browse query gives all of it.
 */
export default async function HomePage() {
  await connection();
  const browse = await searchMaterials(await services(), await currentViewer(), emptySearchQuery({ pageSize: 5 }));
  const phases = browse.facets.phases;
  const topics = browse.facets.topics;

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
        <div className="govuk-grid-column-one-third">
          <h2 className="govuk-heading-m">Browse by phase</h2>
          {phases.length > 0 ? (
            <ul className="govuk-list">
              {/* In the order a service goes through them, not by count. */}
              {[...phases]
                .sort((a, b) => phaseOrder(a.value) - phaseOrder(b.value))
                .map((phase) => (
                  <li key={phase.value}>
                    <a className="govuk-link" href={`/search?phase=${encodeURIComponent(phase.value)}`}>
                      {phase.label}
                    </a>{' '}
                    ({phase.count})
                  </li>
                ))}
            </ul>
          ) : (
            <p className="govuk-body">Nothing has been shared yet.</p>
          )}
        </div>

        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Browse by service area</h2>
          {topics.length > 0 ? (
            <ul className="govuk-list">
              {topics.map((topic) => (
                <li key={topic.value}>
                  <a className="govuk-link" href={`/search?topic=${encodeURIComponent(topic.value)}`}>
                    {topic.label}
                  </a>{' '}
                  ({topic.count})
                </li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">No materials have a service area yet.</p>
          )}
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
                  See all {browse.total.toLocaleString('en-GB')} materials
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
    </>
  );
}

/** Position in the phases vocabulary (discovery, alpha, beta, live, retirement). */
function phaseOrder(slug: string): number {
  const index = vocabularies().phases.findIndex((phase) => phase.slug === slug);
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
}
