import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { BackLink, Button } from '@/app/_components/govuk';
import { CannotChangeProject } from '../_components/cannot-change';
import { loadProject } from '../_components/load-project';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const { project } = await loadProject(id);
  return { title: `Delete ${project.name}` };
}

/** Delete a project, after saying what that means (its materials stay). */
export default async function DeleteProjectPage({ params }: Props) {
  const { id } = await params;
  const { viewer, project } = await loadProject(id);
  if (viewer.kind === 'anonymous') redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/projects/${project.id}/delete`)}`);
  if (!project.can.delete) return <CannotChangeProject project={project} doing="delete this project" />;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/projects/${project.id}`}>Back to the project</BackLink>
        <span className="govuk-caption-l">{project.name}</span>
        <h1 className="govuk-heading-l">Delete this project</h1>
        <p className="govuk-body">When you delete it:</p>
        <ul className="govuk-list govuk-list--bullet">
          <li>it, its updates and its partner councils are no longer shown on the hub</li>
          <li>its materials stay on the hub, no longer linked to a project</li>
          <li>{project.council.name}’s audit log keeps a record of what it said and who deleted it</li>
        </ul>
        <p className="govuk-body">If the work has only stopped, a council admin can mark it paused or finished instead.</p>
        <form method="post" action={`/projects/${project.id}/delete/confirm`}>
          <div className="govuk-button-group">
            <Button variant="warning" preventDoubleClick>
              Delete project
            </Button>
            <a className="govuk-link" href={`/projects/${project.id}`}>
              Keep it
            </a>
          </div>
        </form>
      </div>
    </div>
  );
}
