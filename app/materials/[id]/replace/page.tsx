import type { Metadata } from 'next';
import { BackLink, Button, ErrorSummary, FileUpload, SummaryList, Textarea } from '@/app/_components/govuk';
import { config } from '@/lib/config';
import { errorsByField, loadFormAttempt, textValue } from '@/lib/forms/form-attempts';
import { acceptAttribute, acceptedFormatsSentence, formatBytes } from '@/lib/formats/file-formats';
import { changeNoteLimit } from '@/lib/materials/replace-material-file';
import { services } from '@/lib/runtime';
import { CannotChange } from '../_components/cannot-change';
import { materialForChange } from '../_components/material-for-change';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { id } = await params;
  const { attempt } = await searchParams;
  const { material } = await materialForChange(id, 'change', `/materials/${id}/replace`);
  return { title: `${typeof attempt === 'string' ? 'Error: ' : ''}Replace the file – ${material.title}` };
}

/**
 * Upload a new version of a material's file. The form posts multipart/form-data to a route handler
 * that streams the file (a server action would hold it in memory); the change note comes before the
 * file so every answer is known before the first byte is stored.
 */
export default async function ReplaceFilePage({ params, searchParams }: Props) {
  const { id } = await params;
  const { viewer, material, allowed } = await materialForChange(id, 'change', `/materials/${id}/replace`);
  if (!allowed) return <CannotChange material={material} />;

  const { attempt: attemptId } = await searchParams;
  const attempt = await loadFormAttempt(await services(), viewer, 'replace', material.id, attemptId);
  const errors = errorsByField(attempt);
  const maxSize = formatBytes(config().maxUploadBytes);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/materials/${material.id}`}>Back to the material</BackLink>
        {attempt?.errors.length ? <ErrorSummary errors={attempt.errors.map((e) => ({ href: `#${e.field}`, text: e.message }))} /> : null}
        <span className="govuk-caption-l">{material.title}</span>
        <h1 className="govuk-heading-l">Replace the file</h1>
        <p className="govuk-body">
          The new file becomes the one people download. Earlier versions are kept, and people who can see this material can
          still download them from its page.
        </p>
        <SummaryList
          rows={[
            { key: 'Current file', value: material.file.fileName },
            { key: 'Version', value: String(material.file.versionNumber) },
            { key: 'Format and size', value: `${material.file.formatLabel}, ${formatBytes(material.file.sizeBytes)}` },
          ]}
        />
        {attempt ? <p className="govuk-body">Your answers have been kept. Choose your file again before you continue.</p> : null}
        <form method="post" action={`/materials/${material.id}/replace/upload`} encType="multipart/form-data" noValidate>
          <Textarea
            id="changeNote"
            name="changeNote"
            label="What has changed?"
            labelClassName="govuk-label--m"
            hint={`For example, ‘Added questions about garden waste’. People see this in the list of versions. ${changeNoteLimit} characters or fewer.`}
            defaultValue={textValue(attempt?.values, 'changeNote')}
            error={errors.changeNote}
            rows={3}
          />
          <FileUpload
            id="file"
            name="file"
            label="Upload the new file"
            labelClassName="govuk-label--m"
            hint={`${acceptedFormatsSentence}. Smaller than ${maxSize}. Remove personal information about research participants before you share it.`}
            accept={acceptAttribute}
            error={errors.file}
          />
          <div className="govuk-button-group">
            <Button preventDoubleClick>Upload new version</Button>
            <a className="govuk-link" href={`/materials/${material.id}`}>
              Cancel
            </a>
          </div>
        </form>
      </div>
    </div>
  );
}
