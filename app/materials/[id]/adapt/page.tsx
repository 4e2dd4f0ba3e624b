import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { connection } from 'next/server';
import { BackLink, ErrorSummary, InsetText } from '@/app/_components/govuk';
import { JoinFirst } from '@/app/_components/join-first';
import { keptDescription } from '@/app/materials/_components/description-fields';
import { uploadChoices } from '@/app/materials/new/_components/upload-choices';
import { UploadForm, type UploadFormValues } from '@/app/materials/new/_components/upload-form';
import { getMaterialLineage } from '@/lib/adapt/get-lineage';
import { errorsByField, loadFormAttempt, textValue } from '@/lib/forms/form-attempts';
import { materialProjectChoices } from '@/lib/projects/project-form-choices';
import { getMaterial, type MaterialDetail } from '@/lib/materials/get-material';
import { duplicateOfField } from '@/lib/materials/find-duplicate';
import { services } from '@/lib/runtime';
import { currentViewer, signInPath } from '@/lib/sign-in/current-viewer';
import { attributionFor, licenceTerms } from '@/lib/auth/licence-terms';
import { contactHref } from '../_components/material-details';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  await connection();
  const material = await getMaterial(await services(), await currentViewer(), (await params).id);
  if (!material) return { title: 'Page not found' };
  const { attempt } = await searchParams;
  return { title: `${typeof attempt === 'string' ? 'Error: ' : ''}Adapt ${material.title}` };
}

/**
 * "Adapt this for my council": the share form, filled in from the material, posting to
 * /materials/<id>/adapt/upload. Who may adapt what is decided by lib/auth/permissions/adapt.ts
 * (through getMaterialLineage); the upload route checks it again.
 */
export default async function AdaptMaterialPage({ params, searchParams }: Props) {
  await connection();
  const { id } = await params;
  const viewer = await currentViewer();
  const hub = await services();
  const material = await getMaterial(hub, viewer, id);
  if (!material || material.status !== 'published') notFound();
  const { adapt } = await getMaterialLineage(hub, viewer, material.id);
  if (adapt === 'sign-in' || viewer.kind !== 'user') redirect(signInPath(`/materials/${material.id}/adapt`));
  if (adapt === 'join-first') return <JoinFirst heading="Adapt this for your council" reason="You need to belong to a council or other public body to adapt materials." />;
  if (adapt === 'licence') return <CannotAdapt material={material} />;
  if (adapt !== 'allowed') notFound();

  const { attempt: attemptId } = await searchParams;
  const attempt = await loadFormAttempt(hub, viewer, 'adapt', material.id, attemptId);
  const errors = errorsByField(attempt);
  const duplicateId = textValue(attempt?.values, duplicateOfField);
  const existing = duplicateId ? await getMaterial(hub, viewer, duplicateId) : undefined;
  const duplicate = existing && { id: existing.id, title: existing.title, council: existing.council?.name ?? null };
  const values: UploadFormValues = attempt
    ? {
        ...keptDescription(attempt.values),
        council: textValue(attempt.values, 'council'),
        licence: textValue(attempt.values, 'licence'),
        visibility: textValue(attempt.values, 'visibility'),
        project: textValue(attempt.values, 'project'),
      }
    : fromOriginal(material);
  // The adapter's own council's projects (site admins share for any council, so none are offered).
  const projects = viewer.isSiteAdmin ? [] : await materialProjectChoices(hub, viewer.organisation?.slug);
  const source = material.council?.name ?? 'Discovery Commons';
  const statement = attributionFor(material.licence.spdx, source);
  const terms = licenceTerms(material.licence.spdx);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/materials/${material.id}`}>Back to the material</BackLink>
        {attempt?.errors.length ? <ErrorSummary errors={attempt.errors.map((e) => ({ href: `#${e.field}`, text: e.message }))} /> : null}
        <span className="govuk-caption-l">{material.title}</span>
        <h1 className="govuk-heading-l">Adapt this for your council</h1>
        <p className="govuk-body">
          Share your own version of <a className="govuk-link" href={`/materials/${material.id}`}>{material.title}</a>
          {material.council ? `, shared by ${material.council.name}` : ''}. We have filled in its details: change them to
          describe your version, and upload your own file.
        </p>
        <InsetText>
          <p className="govuk-body">
            Your version will say it was adapted from this one, and this one will list yours under &ldquo;Adapted by&rdquo;.
          </p>
          {statement ? (
            <p className="govuk-body govuk-!-margin-bottom-0">
              Its licence ({material.licence.label}) asks that your version credits it. Your version&apos;s page will say:
              &ldquo;{statement}&rdquo;
            </p>
          ) : null}
          {terms.shareAlike ? (
            <p className="govuk-body govuk-!-margin-bottom-0">You must share your version under the same licence.</p>
          ) : null}
        </InsetText>
        {attempt ? <p className="govuk-body">Your answers have been kept. Choose your file again before you continue.</p> : null}
        <UploadForm
          choices={uploadChoices(viewer, projects)}
          values={values}
          errors={errors}
          duplicate={duplicate}
          action={`/materials/${material.id}/adapt/upload`}
          submitLabel="Share your version"
        />
      </div>
    </div>
  );
}

/** The form's answers, taken from the material being adapted. */
function fromOriginal(material: MaterialDetail): UploadFormValues {
  return {
    title: material.title,
    summary: material.summary,
    phases: material.phases.map((p) => p.slug),
    artefactType: material.artefactType.slug,
    kind: material.kind.slug,
    topics: material.topics.map((t) => t.slug),
    tags: material.tags.join(', '),
    licence: material.licence.spdx,
  };
}

/** The licence does not allow changed versions: say so, and how to ask. */
function CannotAdapt({ material }: { material: MaterialDetail }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/materials/${material.id}`}>Back to the material</BackLink>
        <h1 className="govuk-heading-l">You cannot adapt this material</h1>
        <p className="govuk-body">
          Its licence ({material.licence.label}) does not allow others to share changed versions of it.
        </p>
        {material.council ? (
          <p className="govuk-body">
            <a className="govuk-link" href={contactHref(material.council)}>
              Contact {material.council.name}
            </a>{' '}
            to ask whether you may adapt it.
          </p>
        ) : null}
      </div>
    </div>
  );
}
