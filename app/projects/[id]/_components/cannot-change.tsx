import type { ProjectView } from '@/lib/projects/get-project';

/** Shown on a project's change pages to someone who may see the project but not do this. */
export function CannotChangeProject({ project, doing }: { project: ProjectView; doing: string }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">You cannot {doing}</h1>
        <p className="govuk-body">Only members of {project.council.name} (and, for updates, its partner councils) can do this.</p>
        <p className="govuk-body">
          <a className="govuk-link" href={`/projects/${project.id}`}>
            Back to the project
          </a>
        </p>
      </div>
    </div>
  );
}
