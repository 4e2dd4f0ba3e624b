import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { BackLink, Button, Checkboxes, ErrorSummary, Select, Textarea } from '@/app/_components/govuk';
import { errorsByField, listValue, loadFormAttempt, textValue } from '@/lib/forms/form-attempts';
import { updateMaterialChoices } from '@/lib/projects/project-form-choices';
import { projectPhaseLabels, projectPhases, projectUpdateLimit } from '@/lib/projects/project-words';
import { LinkRows } from '../../../_components/link-rows';
import { CannotChangeProject } from '../../_components/cannot-change';
import { loadProject } from '../../_components/load-project';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { id } = await params;
  const { project } = await loadProject(id);
  const { attempt } = await searchParams;
  return { title: `${typeof attempt === 'string' ? 'Error: ' : ''}Post an update: ${project.name}` };
}

/** Post a weeknote-style update to a project: its council's members and accepted partners'. */
export default async function NewProjectUpdatePage({ params, searchParams }: Props) {
  const { id } = await params;
  const { hub, viewer, project } = await loadProject(id);
  if (viewer.kind === 'anonymous') redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/projects/${project.id}/updates/new`)}`);
  if (!project.can.postUpdate) return <CannotChangeProject project={project} doing="post an update to this project" />;
  const { attempt: attemptId } = await searchParams;
  const [attempt, materials] = await Promise.all([loadFormAttempt(hub, viewer, 'project-update', project.id, attemptId), updateMaterialChoices(hub, viewer, project.id)]);
  const errors = errorsByField(attempt);
  const values = attempt?.values ?? {};

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/projects/${project.id}`}>Back to the project</BackLink>
        {attempt?.errors.length ? <ErrorSummary errors={attempt.errors.map((e) => ({ href: `#${e.field}`, text: e.message }))} /> : null}
        <span className="govuk-caption-l">{project.name}</span>
        <h1 className="govuk-heading-l">Post an update</h1>
        <form method="post" action={`/projects/${project.id}/updates/post`} noValidate>
          <Textarea
            id="body"
            name="body"
            label="What has happened?"
            labelClassName="govuk-label--m"
            hint={`What you did, what you learned, what is next. ${projectUpdateLimit} characters or fewer.`}
            defaultValue={textValue(values, 'body')}
            error={errors.body}
            rows={8}
          />
          <Select
            id="phase"
            name="phase"
            label="Has the project moved phase?"
            labelClassName="govuk-label--m"
            hint={`It is in ${projectPhaseLabels[project.phase]} now.`}
            options={[{ value: '', label: 'No, same phase' }, ...projectPhases.filter((p) => p !== project.phase).map((p) => ({ value: p, label: `Yes, to ${projectPhaseLabels[p]}` }))]}
            defaultValue={textValue(values, 'phase') ?? ''}
            error={errors.phase}
          />
          {materials.length ? (
            <Checkboxes
              id="materials"
              name="materials"
              label="Attach materials (optional)"
              labelClassName="govuk-fieldset__legend--m"
              hint="Materials shared on the hub by your council or the project’s councils. People who cannot see a material will not see it here either."
              items={materials}
              defaultValues={listValue(values, 'materials') ?? []}
              error={errors.materials}
              small
            />
          ) : null}
          <LinkRows legend="Links (optional)" hint="A weeknote, a blog post, a prototype." values={values} errors={errors} />
          <div className="govuk-button-group">
            <Button preventDoubleClick>Post update</Button>
            <a className="govuk-link" href={`/projects/${project.id}`}>
              Cancel
            </a>
          </div>
        </form>
      </div>
    </div>
  );
}
