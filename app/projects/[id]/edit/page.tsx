import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { BackLink, ErrorSummary } from '@/app/_components/govuk';
import { errorsByField, loadFormAttempt } from '@/lib/forms/form-attempts';
import { projectContactChoices, topicChoices } from '@/lib/projects/project-form-choices';
import { ProjectForm } from '../../_components/project-form';
import { projectFormValues } from '../../_components/project-form-values';
import { CannotChangeProject } from '../_components/cannot-change';
import { loadProject } from '../_components/load-project';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { id } = await params;
  const { project } = await loadProject(id);
  const { attempt } = await searchParams;
  return { title: `${typeof attempt === 'string' ? 'Error: ' : ''}Change ${project.name}` };
}

/** Change a project: its council's members and site admins. */
export default async function EditProjectPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { hub, viewer, project } = await loadProject(id);
  if (viewer.kind === 'anonymous') redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/projects/${project.id}/edit`)}`);
  if (!project.can.edit) return <CannotChangeProject project={project} doing="change this project" />;
  const { attempt: attemptId } = await searchParams;
  const [attempt, topics, contacts] = await Promise.all([loadFormAttempt(hub, viewer, 'project', project.id, attemptId), topicChoices(hub), projectContactChoices(hub, viewer, project.id)]);
  const isOwnCouncil = viewer.kind === 'user' && viewer.organisation?.id === project.council.id;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/projects/${project.id}`}>Back to the project</BackLink>
        {attempt?.errors.length ? <ErrorSummary errors={attempt.errors.map((e) => ({ href: `#${e.field}`, text: e.message }))} /> : null}
        <span className="govuk-caption-l">{project.council.name}</span>
        <h1 className="govuk-heading-l">Change this project</h1>
        <p className="govuk-body">To move the project to a new phase, post an update instead: the move then shows in its timeline.</p>
        <ProjectForm
          action={`/projects/${project.id}/save`}
          submitLabel="Save changes"
          cancelHref={`/projects/${project.id}`}
          councilName={project.council.name}
          isOwnCouncil={isOwnCouncil}
          topics={topics}
          contacts={contacts}
          values={projectFormValues(attempt, project, project.contactUserId ?? undefined)}
          errors={errorsByField(attempt)}
        />
      </div>
    </div>
  );
}
