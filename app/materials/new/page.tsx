import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { ErrorSummary } from '@/app/_components/govuk';
import { currentViewer } from '@/lib/sign-in/current-viewer';
import { canShareMaterial } from '@/lib/auth/permissions';
import { duplicateOfField } from '@/lib/materials/find-duplicate';
import { getMaterial } from '@/lib/materials/get-material';
import { errorsByField, loadFormAttempt, textValue } from '@/lib/forms/form-attempts';
import { materialProjectChoices } from '@/lib/projects/project-form-choices';
import { services } from '@/lib/runtime';
import { keptDescription } from '@/app/materials/_components/description-fields';
import { UploadForm, type UploadFormValues } from './_components/upload-form';
import { uploadChoices } from './_components/upload-choices';
import { JoinFirst } from '@/app/_components/join-first';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { attempt } = await searchParams;
  // GOV.UK pattern: prefix the title with "Error:" when the page shows errors.
  return { title: typeof attempt === 'string' ? 'Error: Share a material' : 'Share a material' };
}

export default async function NewMaterialPage({ searchParams }: Props) {
  await connection();
  const viewer = await currentViewer();
  if (viewer.kind === 'anonymous') redirect('/sign-in?callbackUrl=%2Fmaterials%2Fnew');
  if (!canShareMaterial(viewer)) return <JoinFirst heading="Share a material" reason="You need to belong to a council or other public body to share materials." />;
  const { attempt: attemptId } = await searchParams;
  const attempt = await loadFormAttempt(await services(), viewer, 'share', '', attemptId);
  const errors = errorsByField(attempt);
  // Re-checked now: a link only to a material this person may still see.
  const duplicateId = textValue(attempt?.values, duplicateOfField);
  const existing = duplicateId ? await getMaterial(await services(), viewer, duplicateId) : undefined;
  const duplicate = existing && { id: existing.id, title: existing.title, council: existing.council?.name ?? null };
  const values: UploadFormValues | undefined = attempt && {
    ...keptDescription(attempt.values),
    council: textValue(attempt.values, 'council'),
    licence: textValue(attempt.values, 'licence'),
    visibility: textValue(attempt.values, 'visibility'),
    project: textValue(attempt.values, 'project'),
  };
  // Site admins share for any council, so no one council's projects are offered to them.
  const projects = viewer.isSiteAdmin ? [] : await materialProjectChoices(await services(), viewer.organisation?.slug);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {attempt?.errors.length ? (
          <ErrorSummary errors={attempt.errors.map((e) => ({ href: `#${e.field}`, text: e.message }))} />
        ) : null}
        <h1 className="govuk-heading-l">Share a material</h1>
        <p className="govuk-body">
          Share a template, a worked example or guidance from your Discovery work so other councils can find and reuse
          it. You choose who can see it.
        </p>
        {attempt ? <p className="govuk-body">Your answers have been kept. Choose your file again before you continue.</p> : null}
        <UploadForm choices={uploadChoices(viewer, projects)} values={values} errors={errors} duplicate={duplicate} />
      </div>
    </div>
  );
}
