import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Button, NotificationBanner, Pagination, paginationItems, Select } from '@/app/_components/govuk';
import { canRegisterProject } from '@/lib/auth/permissions';
import { feedAlternates } from '@/lib/open-data/feed-links';
import { listProjects, projectFilterQuery, readProjectFilters } from '@/lib/projects/list-projects';
import { topicChoices } from '@/lib/projects/project-form-choices';
import { quietDays } from '@/lib/projects/project-timeline';
import { collaborationChoices, collaborationLabels, projectPhaseLabels, projectPhases, projectStatusLabels, projectStatuses } from '@/lib/projects/project-words';
import { services } from '@/lib/runtime';
import { currentViewer } from '@/lib/sign-in/current-viewer';
import { vocabularies } from '@/lib/taxonomy/vocabularies';
import { formatDate } from '@/lib/text/dates';
import { PhaseTag, StatusNote } from './_components/phase-tag';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The page, and the Atom feed of the public projects matching the same filters (lib/open-data/project-feeds.ts). */
export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const query = projectFilterQuery(readProjectFilters(await searchParams));
  return { title: 'Projects', alternates: feedAlternates(`/projects/feed${query ? `?${query}` : ''}`, 'Public projects (Atom feed)') };
}

/**
 * Every project the viewer may see (the same visibility rule as materials, with partner councils),
 * most recently updated first, filtered by a GET form that works without JavaScript.
 */
export default async function ProjectsPage({ searchParams }: Props) {
  await connection();
  const query = await searchParams;
  const filters = readProjectFilters(query);
  const viewer = await currentViewer();
  const hub = await services();
  const [list, topics] = await Promise.all([listProjects(hub, viewer, filters), topicChoices(hub)]);
  const councils = [...vocabularies().councils].sort((a, b) => a.name.localeCompare(b.name));
  const feedQuery = projectFilterQuery({ ...filters, page: 1 });
  const hrefFor = (page: number) => `/projects?${projectFilterQuery({ ...filters, page })}`;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        {query.deleted === '1' ? <NotificationBanner type="success" title="Done">The project was deleted. Its materials are still on the hub.</NotificationBanner> : null}
        {query.declined === '1' ? <NotificationBanner type="success" title="Done">The invitation was declined.</NotificationBanner> : null}
        <h1 className="govuk-heading-l">Projects</h1>
        <p className="govuk-body">What councils are working on, where each project is, and who to talk to.</p>
        {canRegisterProject(viewer) ? (
          <Button href="/projects/new" variant="secondary">
            Register a project
          </Button>
        ) : null}
        <form method="get" action="/projects">
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-one-third">
              <Select id="phase" name="phase" label="Phase" options={[{ value: '', label: 'Any phase' }, ...projectPhases.map((p) => ({ value: p, label: projectPhaseLabels[p] }))]} defaultValue={filters.phase ?? ''} />
            </div>
            <div className="govuk-grid-column-one-third">
              <Select id="topic" name="topic" label="Service area" options={[{ value: '', label: 'Any service area' }, ...topics]} defaultValue={filters.topic ?? ''} />
            </div>
            <div className="govuk-grid-column-one-third">
              <Select id="council" name="council" label="Council" options={[{ value: '', label: 'Any council' }, ...councils.map((c) => ({ value: c.slug, label: c.name }))]} defaultValue={filters.council ?? ''} />
            </div>
          </div>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-one-third">
              <Select
                id="collaboration"
                name="collaboration"
                label="Open to"
                options={[{ value: '', label: 'Anything' }, ...collaborationChoices.map((c) => ({ value: c, label: collaborationLabels[c] }))]}
                defaultValue={filters.collaboration ?? ''}
              />
            </div>
            <div className="govuk-grid-column-one-third">
              <Select id="status" name="status" label="Status" options={[{ value: '', label: 'Any status' }, ...projectStatuses.map((s) => ({ value: s, label: projectStatusLabels[s] }))]} defaultValue={filters.status ?? ''} />
            </div>
          </div>
          <Button variant="secondary">Filter projects</Button>
        </form>
        <p className="govuk-body-s">
          <a className="govuk-link" href={`/projects/feed${feedQuery ? `?${feedQuery}` : ''}`}>
            Subscribe to these projects (Atom feed)
          </a>{' '}
          – public projects only.
        </p>
        <h2 className="govuk-heading-m" id="results">
          {list.total === 1 ? '1 project' : `${list.total} projects`}
        </h2>
        {list.items.length === 0 ? (
          <p className="govuk-body">No projects match. Try fewer filters.</p>
        ) : (
          <ul className="govuk-list">
            {list.items.map((item) => {
              const quiet = item.status === 'active' ? quietDays(item.lastUpdatedOn) : null;
              return (
                <li key={item.id} className="govuk-!-margin-bottom-6">
                  <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                    <a className="govuk-link" href={`/projects/${item.id}`}>
                      {item.name}
                    </a>
                  </h3>
                  <p className="govuk-body govuk-!-margin-bottom-1">
                    <PhaseTag phase={item.phase} /> <StatusNote status={item.status} /> {item.council.name} ·{' '}
                    {quiet ? `last updated ${quiet} days ago` : `updated ${formatDate(`${item.lastUpdatedOn}T12:00:00Z`)}`}
                  </p>
                  <p className="govuk-body-s govuk-!-margin-bottom-1">{item.summary.length > 240 ? `${item.summary.slice(0, 237)}…` : item.summary}</p>
                  {item.collaboration.length ? <p className="govuk-body-s govuk-hint">Open to: {item.collaboration.map((c) => collaborationLabels[c].toLowerCase()).join(', ')}</p> : null}
                </li>
              );
            })}
          </ul>
        )}
        {list.pageCount > 1 ? (
          <Pagination
            previous={list.page > 1 ? { href: hrefFor(list.page - 1) } : undefined}
            next={list.page < list.pageCount ? { href: hrefFor(list.page + 1) } : undefined}
            items={paginationItems(list.page, list.pageCount, hrefFor)}
            landmarkLabel="Pages of projects"
          />
        ) : null}
      </div>
    </div>
  );
}

