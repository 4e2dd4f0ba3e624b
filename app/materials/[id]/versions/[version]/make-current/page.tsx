import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { BackLink, Button, ErrorSummary, SummaryList, Textarea } from '@/app/_components/govuk';
import { errorsByField, loadFormAttempt, textValue } from '@/lib/forms/form-attempts';
import { formatBytes } from '@/lib/formats/file-formats';
import { madeCurrentNote } from '@/lib/materials/make-version-current';
import { changeNoteLimit } from '@/lib/materials/replace-material-file';
import { services } from '@/lib/runtime';
import { signInPath } from '@/lib/sign-in/current-viewer';
import { formatDate } from '@/lib/text/dates';
import { CannotChange } from '../../../_components/cannot-change';
import { materialVersion } from '../_components/material-version';

type Props = {
  params: Promise<{ id: string; version: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { id, version } = await params;
  const { attempt } = await searchParams;
  const { material, version: v } = await materialVersion(id, version);
  return { title: `${typeof attempt === 'string' ? 'Error: ' : ''}Make version ${v.versionNumber} current – ${material.title}` };
}

/**
 * "Are you sure?" before an older version becomes the current one again, with a change note people
 * can edit. Nothing changes until the form is posted (make-current/confirm); the new version then goes
 * through the check page like any replacement.
 */
export default async function MakeVersionCurrentPage({ params, searchParams }: Props) {
  const { id, version: versionParam } = await params;
  const { viewer, material, version } = await materialVersion(id, versionParam);
  const page = `/materials/${material.id}/versions/${version.versionNumber}`;
  if (!material.permissions.canChange) {
    if (viewer.kind === 'anonymous') redirect(signInPath(`${page}/make-current`));
    return <CannotChange material={material} />;
  }

  if (version.isCurrent) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <BackLink href={`/materials/${material.id}`}>Back to the material</BackLink>
          <span className="govuk-caption-l">{material.title}</span>
          <h1 className="govuk-heading-l">This is already the current version</h1>
          <p className="govuk-body">Version {version.versionNumber} is the one people download. There is nothing to change.</p>
        </div>
      </div>
    );
  }

  const { attempt: attemptId } = await searchParams;
  const attempt = await loadFormAttempt(await services(), viewer, 'make-current', `${material.id}/${version.versionNumber}`, attemptId);
  const errors = errorsByField(attempt);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={page}>Back to version {version.versionNumber}</BackLink>
        {attempt?.errors.length ? <ErrorSummary errors={attempt.errors.map((e) => ({ href: `#${e.field}`, text: e.message }))} /> : null}
        <span className="govuk-caption-l">{material.title}</span>
        <h1 className="govuk-heading-l">Are you sure you want to make version {version.versionNumber} the current version?</h1>
        <SummaryList
          rows={[
            { key: 'File', value: <span className="app-break-anywhere">{version.fileName}</span> },
            { key: 'Format and size', value: `${version.formatLabel}, ${formatBytes(version.sizeBytes)}` },
            { key: 'Uploaded', value: `${formatDate(version.uploadedAt)}${version.uploadedBy ? ` by ${version.uploadedBy}` : ''}` },
          ]}
        />
        <p className="govuk-body">
          Its file is added as a new version, so every earlier version is kept. You will see the new version’s check before you
          publish it; until then the material is a draft.
        </p>
        <form method="post" action={`${page}/make-current/confirm`} noValidate>
          <Textarea
            id="changeNote"
            name="changeNote"
            label="What has changed?"
            labelClassName="govuk-label--m"
            hint={`People see this in the list of versions. ${changeNoteLimit} characters or fewer.`}
            defaultValue={attempt ? textValue(attempt.values, 'changeNote') : madeCurrentNote(version.versionNumber)}
            error={errors.changeNote}
            rows={3}
          />
          <div className="govuk-button-group">
            <Button preventDoubleClick>Make this the current version</Button>
            <a className="govuk-link" href={page}>
              Cancel
            </a>
          </div>
        </form>
      </div>
    </div>
  );
}
