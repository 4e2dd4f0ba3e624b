import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { BackLink, Button, InsetText, SummaryList } from '@/app/_components/govuk';
import { formatBytes } from '@/lib/formats/file-formats';
import { getMaterialPreview } from '@/lib/material-previews/get-material-preview';
import { listVersionAlternatives } from '@/lib/material-alternatives/list-version-alternatives';
import { services } from '@/lib/runtime';
import { formatDate } from '@/lib/text/dates';
import { AlternativeFormats } from '../../_components/alternative-formats';
import { PreviewSection } from '../../_components/preview-section';
import { materialVersion } from './_components/material-version';

type Props = { params: Promise<{ id: string; version: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id, version } = await params;
  const { material, version: v } = await materialVersion(id, version);
  return { title: `Version ${v.versionNumber} – ${material.title}` };
}

/**
 * One version of a material's file (often an older one): its details, its preview and its download,
 * for whoever may download it. Those who may change the material can make an older version the
 * current one again (a new version with its bytes: history is never rewritten).
 */
export default async function MaterialVersionPage({ params }: Props) {
  const { id, version: versionParam } = await params;
  const { viewer, material, version } = await materialVersion(id, versionParam);
  const preview = await getMaterialPreview(await services(), viewer, material.id, version.versionNumber);
  if (!preview) notFound();
  // This version's own alternative formats (never another version's), behind the same check.
  const alternatives = await listVersionAlternatives(await services(), viewer, material.id, version.versionNumber);
  const base = `/materials/${material.id}/versions/${version.versionNumber}`;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/materials/${material.id}`}>Back to the material</BackLink>
        <span className="govuk-caption-l">{material.title}</span>
        <h1 className="govuk-heading-l">Version {version.versionNumber}</h1>
        {version.isCurrent ? <InsetText>This is the current version: the one people download from the material’s page.</InsetText> : null}
        <SummaryList
          rows={[
            { key: 'Version', value: `${version.versionNumber}${version.isCurrent ? ' (current)' : ''}` },
            { key: 'File', value: <span className="app-break-anywhere">{version.fileName}</span> },
            { key: 'Format and size', value: `${version.formatLabel}, ${formatBytes(version.sizeBytes)}` },
            { key: 'What changed', value: version.changeNote ?? 'No note' },
            { key: 'Uploaded', value: `${formatDate(version.uploadedAt)}${version.uploadedBy ? ` by ${version.uploadedBy}` : ''}` },
          ]}
        />
        <div className="govuk-button-group">
          <Button href={`${base}/download`} variant="secondary">
            Download this version<span className="govuk-visually-hidden"> of {material.title}</span>
          </Button>
          {material.permissions.canChange && !version.isCurrent ? (
            <Button href={`${base}/make-current`}>Make this the current version</Button>
          ) : null}
        </div>
        <AlternativeFormats alternatives={alternatives} base={`${base}/download`} title={`${material.title}, version ${version.versionNumber}`} />
        <PreviewSection preview={preview} title={`${material.title}, version ${version.versionNumber}`} />
      </div>
    </div>
  );
}
