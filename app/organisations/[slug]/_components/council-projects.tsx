import { PhaseTag, StatusNote } from '@/app/projects/_components/phase-tag';
import type { ProjectList } from '@/lib/projects/list-projects';

/** A council's projects on its page: those the viewer may see, most recently updated first, with a link to all of them. */
export function CouncilProjects({ council, list, canRegister }: { council: { slug: string; name: string }; list: ProjectList; canRegister: boolean }) {
  const allHref = `/projects?${new URLSearchParams({ council: council.slug })}`;
  return (
    <section aria-labelledby="projects-heading">
      <h2 className="govuk-heading-m" id="projects-heading">
        Projects
      </h2>
      {list.total === 0 ? (
        <p className="govuk-body">{council.name} has not registered any projects you can see.</p>
      ) : (
        <>
          <ul className="govuk-list">
            {list.items.map((item) => (
              <li key={item.id}>
                <a className="govuk-link" href={`/projects/${item.id}`}>
                  {item.name}
                </a>{' '}
                <PhaseTag phase={item.phase} /> <StatusNote status={item.status} />
              </li>
            ))}
          </ul>
          {list.total > list.items.length ? (
            <p className="govuk-body">
              <a className="govuk-link" href={allHref}>
                See all {list.total} projects from {council.name}
              </a>
            </p>
          ) : null}
        </>
      )}
      {canRegister ? (
        <p className="govuk-body">
          <a className="govuk-link" href="/projects/new">
            Register a project for {council.name}
          </a>
        </p>
      ) : null}
    </section>
  );
}
