import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { BackLink, ErrorSummary } from '@/app/_components/govuk';
import { JoinFirst } from '@/app/_components/join-first';
import { canRegisterProject } from '@/lib/auth/permissions';
import { errorsByField, loadFormAttempt } from '@/lib/forms/form-attempts';
import { newProjectContactChoices, topicChoices } from '@/lib/projects/project-form-choices';
import { services } from '@/lib/runtime';
import { currentViewer } from '@/lib/sign-in/current-viewer';
import { ProjectForm } from '../_components/project-form';
import { projectFormValues } from '../_components/project-form-values';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { attempt } = await searchParams;
  return { title: typeof attempt === 'string' ? 'Error: Register a project' : 'Register a project' };
}

/** Register a project for your council. Members of a council only. */
export default async function NewProjectPage({ searchParams }: Props) {
  await connection();
  const viewer = await currentViewer();
  if (viewer.kind === 'anonymous') redirect('/sign-in?callbackUrl=%2Fprojects%2Fnew');
  if (!canRegisterProject(viewer) || !viewer.organisation) return <JoinFirst heading="Register a project" reason="You need to belong to a council to register a project for it." />;
  const hub = await services();
  const { attempt: attemptId } = await searchParams;
  const [attempt, topics, contacts] = await Promise.all([loadFormAttempt(hub, viewer, 'project', '', attemptId), topicChoices(hub), newProjectContactChoices(hub, viewer)]);
  const values = projectFormValues(attempt);
  values.contact ??= viewer.userId;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href="/projects">Back to projects</BackLink>
        {attempt?.errors.length ? <ErrorSummary errors={attempt.errors.map((e) => ({ href: `#${e.field}`, text: e.message }))} /> : null}
        <span className="govuk-caption-l">{viewer.organisation.name}</span>
        <h1 className="govuk-heading-l">Register a project</h1>
        <p className="govuk-body">Tell other councils what you are working on, so they can learn from it, talk to you or join in. You can post updates as it goes.</p>
        <ProjectForm
          action="/projects/register"
          submitLabel="Register project"
          cancelHref="/projects"
          councilName={viewer.organisation.name}
          isOwnCouncil
          topics={topics}
          contacts={contacts}
          values={values}
          errors={errorsByField(attempt)}
        />
      </div>
    </div>
  );
}
