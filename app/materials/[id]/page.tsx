import { currentViewer } from '@/lib/sign-in/current-viewer';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { Button, NotificationBanner, SummaryList, Tag } from '@/app/_components/govuk';
import { getMaterial, type MaterialDetail } from '@/lib/materials/get-material';
import { listMaterialVersions, type MaterialVersionSummary } from '@/lib/materials/list-material-versions';
import { formatBytes } from '@/lib/formats/file-formats';
import { services } from '@/lib/runtime';
import { visibilityInWords } from '@/lib/materials/visibility-words';
import { formatDate } from '@/lib/text/dates';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

async function load(id: string) {
  await connection();
  return getMaterial(await services(), await currentViewer(), id);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const material = await load((await params).id);
  return { title: material ? material.title : 'Page not found' };
}

export default async function MaterialPage({ params, searchParams }: Props) {
  const material = await load((await params).id);
  if (!material) notFound();
  // Old versions inherit the material's permissions: listed only because the material could be seen.
  const versions = await listMaterialVersions(await services(), await currentViewer(), material.id);
  const done = doneMessage(await searchParams);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {material.withdrawn ? (
          <WithdrawnBanner material={material} done={done} />
        ) : done ? (
          <NotificationBanner type="success" title="Success">
            {done}
          </NotificationBanner>
        ) : null}
        <span className="govuk-caption-l">{material.council?.name ?? material.artefactType.label}</span>
        <h1 className="govuk-heading-l">{material.title}</h1>
        <ul className="app-tag-list" aria-label="Phases and kind">
          {material.phases.map((p) => (
            <li key={p.slug} className="app-tag-list__item">
              <Tag>{p.label}</Tag>
            </li>
          ))}
          <li className="app-tag-list__item">
            <Tag colour="grey">{material.kind.label}</Tag>
          </li>
        </ul>
        {material.summary ? <p className="govuk-body-l app-material-summary">{material.summary}</p> : null}
        <Button href={`/materials/${material.id}/download`}>
          Download<span className="govuk-visually-hidden"> {material.title}</span> ({material.file.format.toUpperCase()},{' '}
          {formatBytes(material.file.sizeBytes)})
        </Button>
        <h2 className="govuk-heading-m">About this material</h2>
        <SummaryList rows={detailRows(material)} />
        {material.permissions.canChange || material.permissions.canDelete ? <ChangeLinks material={material} /> : null}
        <Versions material={material} versions={versions} />
      </div>
    </div>
  );
}

/** The confirmation for what the person just did, from the address the form redirected to. */
function doneMessage(query: Record<string, string | string[] | undefined>): ReactNode {
  if (query.shared === '1') {
    return (
      <>
        <p className="govuk-notification-banner__heading">Your material has been shared</p>
        <p className="govuk-body">Other councils can now find it by searching or browsing.</p>
      </>
    );
  }
  if (query.updated === '1') return <p className="govuk-notification-banner__heading">Your changes have been saved</p>;
  if (typeof query.replaced === 'string' && /^[1-9][0-9]{0,8}$/.test(query.replaced)) {
    return (
      <>
        <p className="govuk-notification-banner__heading">Version {query.replaced} of the file has been uploaded</p>
        <p className="govuk-body">It is now the file people download. Earlier versions are listed under ‘Versions’.</p>
      </>
    );
  }
  if (query.restored === '1') {
    return (
      <>
        <p className="govuk-notification-banner__heading">The material has been restored</p>
        <p className="govuk-body">It is back in search and lists for everyone who can see it.</p>
      </>
    );
  }
  return null;
}

function WithdrawnBanner({ material, done }: { material: MaterialDetail; done: ReactNode }) {
  const withdrawn = material.withdrawn!;
  return (
    <NotificationBanner title="Withdrawn" heading="This material has been withdrawn">
      {done}
      <p className="govuk-body">
        <strong>Reason:</strong> {withdrawn.reason}
      </p>
      <p className="govuk-body">
        Withdrawn on {formatDate(withdrawn.at)}. It does not appear in search or lists, and only members of{' '}
        {material.council?.name ?? 'the council that shared it'} and site administrators can open it.
      </p>
      {material.permissions.canChange ? (
        <form method="post" action={`/materials/${material.id}/restore`}>
          <Button variant="secondary" className="govuk-!-margin-bottom-0">
            Restore<span className="govuk-visually-hidden"> {material.title}</span>
          </Button>
        </form>
      ) : null}
    </NotificationBanner>
  );
}

function ChangeLinks({ material }: { material: MaterialDetail }) {
  const base = `/materials/${material.id}`;
  const hidden = <span className="govuk-visually-hidden"> {material.title}</span>;
  return (
    <>
      <h2 className="govuk-heading-m">Change this material</h2>
      <ul className="govuk-list">
        {material.permissions.canChange ? (
          <>
            <li>
              <a className="govuk-link" href={`${base}/edit`}>
                Change the details{hidden}
              </a>
            </li>
            <li>
              <a className="govuk-link" href={`${base}/replace`}>
                Replace the file{hidden}
              </a>
            </li>
            {material.status === 'published' ? (
              <li>
                <a className="govuk-link" href={`${base}/withdraw`}>
                  Withdraw{hidden}
                </a>
              </li>
            ) : null}
          </>
        ) : null}
        {material.permissions.canDelete ? (
          <li>
            <a className="govuk-link" href={`${base}/delete`}>
              Delete{hidden} for good
            </a>
          </li>
        ) : null}
      </ul>
    </>
  );
}

function Versions({ material, versions }: { material: MaterialDetail; versions: MaterialVersionSummary[] }) {
  return (
    <>
      <h2 className="govuk-heading-m">Versions</h2>
      {versions.length < 2 ? <p className="govuk-body">This is the first version of the file.</p> : null}
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-visually-hidden">Versions of the file, newest first</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Version
            </th>
            <th scope="col" className="govuk-table__header">
              Details
            </th>
            <th scope="col" className="govuk-table__header">
              <span className="govuk-visually-hidden">Download</span>
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {versions.map((v) => (
            <tr key={v.versionNumber} className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                {v.versionNumber}
                {v.isCurrent ? (
                  <>
                    {' '}
                    <span className="govuk-body-s">(current)</span>
                  </>
                ) : null}
              </th>
              <td className="govuk-table__cell">
                <span className="app-break-anywhere">{v.fileName}</span>
                <br />
                <span className="govuk-body-s">
                  {v.formatLabel}, {formatBytes(v.sizeBytes)}. Uploaded {formatDate(v.uploadedAt)}
                  {v.uploadedBy ? ` by ${v.uploadedBy}` : ''}.
                </span>
                {v.changeNote ? (
                  <>
                    <br />
                    {v.changeNote}
                  </>
                ) : null}
              </td>
              <td className="govuk-table__cell govuk-table__cell--numeric">
                <a className="govuk-link" href={`/materials/${material.id}/versions/${v.versionNumber}/download`}>
                  Download<span className="govuk-visually-hidden"> version {v.versionNumber} of {material.title}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function detailRows(m: MaterialDetail) {
  const list = (items: { slug: string; label: string }[]) => items.map((i) => i.label).join(', ') || 'None given';
  return [
    { key: 'Type', value: m.artefactType.label },
    { key: 'Template, example or guidance', value: m.kind.label },
    {
      key: 'Phases',
      value: (
        <ul className="govuk-list">
          {m.phases.map((p) => (
            <li key={p.slug}>
              <a className="govuk-link" href={`/search?phase=${p.slug}`}>
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      ),
    },
    { key: 'Service areas', value: list(m.topics) },
    { key: 'Tags', value: m.tags.join(', ') || 'None given' },
    { key: 'Council', value: m.council?.name ?? 'Not from a council' },
    { key: 'Who can see it', value: visibilityInWords(m.visibility, m.council?.name) },
    {
      key: 'Licence',
      value: m.licence.url ? (
        <a className="govuk-link" href={m.licence.url} rel="license">
          {m.licence.label}
        </a>
      ) : (
        m.licence.label
      ),
    },
    ...(m.attribution ? [{ key: 'Attribution', value: m.attribution }] : []),
    ...(m.sourceUrl
      ? [
          {
            key: 'First published at',
            value: (
              <a className="govuk-link app-break-anywhere" href={m.sourceUrl} rel="noopener noreferrer">
                {m.sourceUrl}
              </a>
            ),
          },
        ]
      : []),
    { key: 'File', value: m.file.fileName },
    { key: 'Format and size', value: [m.file.formatLabel, formatBytes(m.file.sizeBytes), documentLength(m.file.text)].filter(Boolean).join(', ') },
    { key: 'Text for search', value: textStatusInWords(m.file) },
    { key: 'Shared on', value: formatDate(m.createdAt) },
  ];
}

function plural(count: number, one: string, many: string) {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}

/** "12 pages", "8 slides", "3 sheets": what extraction counted, if anything. */
function documentLength(text: MaterialDetail['file']['text']): string | null {
  if (text.pageCount) return plural(text.pageCount, 'page', 'pages');
  if (text.slideCount) return plural(text.slideCount, 'slide', 'slides');
  if (text.sheetCount) return plural(text.sheetCount, 'sheet', 'sheets');
  return null;
}

/** Where reading the file's text for search has got to, in plain words (lib/jobs/extract-text.ts). */
function textStatusInWords(file: MaterialDetail['file']): ReactNode {
  const fallback = 'Search finds this material by its title, summary and tags.';
  switch (file.text.status) {
    case 'pending':
    case 'extracting':
      return 'Reading the file now. In a few moments search will also find words inside it.';
    case 'done':
      return file.text.truncated
        ? 'Search finds words inside this file. It is very long: only its first 2 MB of text is searched.'
        : 'Search finds words inside this file.';
    case 'no_text':
      return `No text was found in this file (it may be a scanned image). ${fallback}`;
    case 'unsupported':
      return `We cannot read the text of ${file.formatLabel} files. ${fallback}`;
    case 'failed':
      return (
        <>
          Could not read this file. {file.text.failure ?? ''} {fallback} It can still be downloaded.
        </>
      );
  }
}
