import type { Metadata } from 'next';
import { BackLink, ErrorSummary } from '@/app/_components/govuk';
import { errorsByField, loadFormAttempt, textValue } from '@/lib/forms/form-attempts';
import type { MaterialDetail } from '@/lib/materials/get-material';
import { services } from '@/lib/runtime';
import { descriptionChoices, keptDescription } from '@/app/materials/_components/description-fields';
import type { Viewer } from '@/lib/auth/viewer';
import { CannotChange } from '../_components/cannot-change';
import { materialForChange } from '../_components/material-for-change';
import { materialProjectChoices } from '@/lib/projects/project-form-choices';
import { visibilityOptions } from '@/lib/materials/visibility-words';
import { EditForm, type EditFormChoices, type EditFormValues } from './_components/edit-form';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { id } = await params;
  const { attempt } = await searchParams;
  const { material } = await materialForChange(id, 'change', `/materials/${id}/edit`);
  // GOV.UK pattern: "Error: " first when the page shows errors.
  return { title: `${typeof attempt === 'string' ? 'Error: ' : ''}Change ${material.title}` };
}

/** Change a material's details: for members of the council it belongs to, and site admins. */
export default async function EditMaterialPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { viewer, material, allowed } = await materialForChange(id, 'change', `/materials/${id}/edit`);
  if (!allowed) return <CannotChange material={material} />;

  const { attempt: attemptId } = await searchParams;
  const hub = await services();
  const [attempt, projects] = await Promise.all([loadFormAttempt(hub, viewer, 'edit', material.id, attemptId), materialProjectChoices(hub, material.council?.slug)]);
  const errors = errorsByField(attempt);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/materials/${material.id}`}>Back to the material</BackLink>
        {attempt?.errors.length ? <ErrorSummary errors={attempt.errors.map((e) => ({ href: `#${e.field}`, text: e.message }))} /> : null}
        <span className="govuk-caption-l">{material.title}</span>
        <h1 className="govuk-heading-l">Change the details</h1>
        <p className="govuk-body">
          To upload a new version of the file,{' '}
          <a className="govuk-link" href={`/materials/${material.id}/replace`}>
            replace the file
          </a>
          .
        </p>
        <EditForm materialId={material.id} choices={editChoices(material, viewer, projects)} values={formValues(material, attempt?.values)} errors={errors} />
      </div>
    </div>
  );
}

function formValues(m: MaterialDetail, kept: Record<string, string | string[]> | undefined): EditFormValues {
  if (kept) {
    return { ...keptDescription(kept), licence: textValue(kept, 'licence') ?? '', visibility: textValue(kept, 'visibility') ?? '', project: textValue(kept, 'project') ?? '' };
  }
  return {
    title: m.title,
    summary: m.summary,
    phases: m.phases.map((p) => p.slug),
    artefactType: m.artefactType.slug,
    kind: m.kind.slug,
    topics: m.topics.map((t) => t.slug),
    tags: m.tags.join(', '),
    licence: m.licence.spdx,
    visibility: m.visibility,
    project: m.project?.id ?? '',
  };
}

function editChoices(m: MaterialDetail, viewer: Viewer, projects: EditFormChoices['projects']): EditFormChoices {
  const isOwnCouncil = viewer.kind === 'user' && m.council !== null && viewer.organisation?.slug === m.council.slug;
  return {
    ...descriptionChoices(),
    visibilities: m.council ? visibilityOptions(m.council.name, isOwnCouncil) : undefined,
    projects,
  };
}
