import type { ReactNode } from 'react';
import type { MaterialDetail } from '@/lib/materials/get-material';
import { formatBytes } from '@/lib/formats/file-formats';
import { whoCanSeeItNow } from '@/lib/materials/visibility-words';
import { indexedTextCharacters } from '@/lib/search/indexed-text';
import { formatDate } from '@/lib/text/dates';
import { sourceLabel } from '@/lib/text/source-label';

/**
 * The "About this material" rows: what it is, who shared it (and how to ask them about reuse), who can
 * see it now, its licence and source, its file, and when it was shared and last updated.
 */
export function detailRows(m: MaterialDetail, downloads?: number) {
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
    ...(m.project
      ? [
          {
            key: 'Project',
            value: (
              <a className="govuk-link" href={`/projects/${m.project.id}`}>
                {m.project.name}
              </a>
            ),
          },
        ]
      : []),
    { key: 'Shared by', value: <SharedBy material={m} /> },
    { key: 'Who can see it', value: whoCanSeeItNow(m.visibility, m.status, m.council?.name) },
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
    ...(m.attribution || m.sourceUrl ? [{ key: 'Source', value: <Source material={m} /> }] : []),
    { key: 'File', value: m.file.fileName },
    { key: 'Format and size', value: [m.file.formatLabel, formatBytes(m.file.sizeBytes), documentLength(m.file.text)].filter(Boolean).join(', ') },
    { key: 'Text for search', value: textStatusInWords(m.file) },
    ...(downloads === undefined ? [] : [{ key: 'Downloads', value: downloadsInWords(downloads) }]),
    { key: 'Shared on', value: formatDate(m.createdAt) },
    ...(m.lastUpdatedAt ? [{ key: 'Last updated', value: formatDate(m.lastUpdatedAt) }] : []),
  ];
}

/** The link to ask the sharing council's admins about reuse (their contact form). */
export function contactHref(council: NonNullable<MaterialDetail['council']>): string {
  return `/organisations/${encodeURIComponent(council.slug)}#contact`;
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function SharedBy({ material }: { material: MaterialDetail }) {
  const { council } = material;
  return (
    <>
      {/* "a member of Bristol City Council" starts the line here: capital A. */}
      <p className="govuk-body govuk-!-margin-bottom-1">{material.sharedBy ? upperFirst(material.sharedBy) : 'Not known'}</p>
      {council ? (
        <a className="govuk-link" href={contactHref(council)}>
          Contact {council.name} about reusing it
        </a>
      ) : null}
    </>
  );
}

/** The attribution the licence asks for, and where it was first published, by the site's name. */
function Source({ material }: { material: MaterialDetail }) {
  const label = material.sourceUrl ? sourceLabel(material.sourceUrl) : null;
  return (
    <>
      {material.attribution ? <p className="govuk-body govuk-!-margin-bottom-1">{material.attribution}</p> : null}
      {material.sourceUrl ? (
        <p className="govuk-body govuk-!-margin-bottom-0">
          First published on{' '}
          {label ? (
            <a className="govuk-link" href={material.sourceUrl} rel="noopener noreferrer">
              {label}
            </a>
          ) : (
            <span className="app-break-anywhere">{material.sourceUrl}</span>
          )}
        </p>
      ) : null}
    </>
  );
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
      return file.text.partlySearched
        ? `Search finds words inside this file. It is very long: search looks at its first ${indexedTextCharacters.toLocaleString('en-GB')} characters of text.`
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

/** "Downloaded 3 times": each person (or, signed out, each network) counted once a day. */
export function downloadsInWords(downloads: number): string {
  if (downloads === 0) return 'Not downloaded yet';
  return `Downloaded ${downloads.toLocaleString('en-GB')} ${downloads === 1 ? 'time' : 'times'}`;
}
