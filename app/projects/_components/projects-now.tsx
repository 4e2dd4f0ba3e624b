import type { ProjectInDiscovery, RecentProjectUpdate } from '@/lib/projects/projects-now';
import { projectPhaseLabels } from '@/lib/projects/project-words';
import { formatDate } from '@/lib/text/dates';

/**
 * "Who is working on what": projects in Discovery now and the latest project updates, as two short
 * lists side by side (stacked on a phone). Used on the home page and a service area's search page;
 * `allHref` narrows the "see all" links to the same service area.
 */
export function ProjectsNow({
  inDiscovery,
  updates,
  headingLevel = 2,
  topic,
}: {
  inDiscovery: ProjectInDiscovery[];
  updates: RecentProjectUpdate[];
  headingLevel?: 2 | 3;
  /** The service area shown, if any: the "see all" link keeps to it. */
  topic?: string;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const discoveryHref = `/projects?phase=discovery${topic ? `&topic=${encodeURIComponent(topic)}` : ''}`;
  const allHref = `/projects${topic ? `?topic=${encodeURIComponent(topic)}` : ''}`;
  return (
    <div className="govuk-grid-row" data-testid="projects-now">
      <section className="govuk-grid-column-one-half" aria-labelledby="in-discovery-now">
        <Heading className="govuk-heading-m" id="in-discovery-now">
          In Discovery now
        </Heading>
        {inDiscovery.length > 0 ? (
          <ul className="govuk-list govuk-list--spaced">
            {inDiscovery.map((project) => (
              <li key={project.id}>
                <a className="govuk-link" href={`/projects/${encodeURIComponent(project.id)}`}>
                  {project.name}
                </a>
                <br />
                <span className="govuk-body-s govuk-!-margin-bottom-0">
                  {project.council} · in Discovery since <time dateTime={project.since}>{formatDate(project.since)}</time>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="govuk-body">No projects you can see are in Discovery at the moment.</p>
        )}
        <p className="govuk-body">
          <a className="govuk-link" href={discoveryHref}>
            See all projects in Discovery
          </a>
        </p>
      </section>

      <section className="govuk-grid-column-one-half" aria-labelledby="recent-project-updates">
        <Heading className="govuk-heading-m" id="recent-project-updates">
          Recent project updates
        </Heading>
        {updates.length > 0 ? (
          <ul className="govuk-list govuk-list--spaced">
            {updates.map((update) => (
              <li key={update.id}>
                <a className="govuk-link" href={`/projects/${encodeURIComponent(update.projectId)}#update-${encodeURIComponent(update.id)}`}>
                  {update.projectName}
                </a>
                <br />
                <span className="govuk-body-s">
                  {update.council} · <time dateTime={update.postedOn}>{formatDate(update.postedOn)}</time>
                  {update.phaseTo ? <> · moved to {projectPhaseLabels[update.phaseTo]}</> : null}
                </span>
                <br />
                <span className="govuk-body-s">{update.excerpt}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="govuk-body">No updates on projects you can see yet.</p>
        )}
        <p className="govuk-body">
          <a className="govuk-link" href={allHref}>
            See all projects
          </a>
        </p>
      </section>
    </div>
  );
}
