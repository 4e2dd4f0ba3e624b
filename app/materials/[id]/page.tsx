import { currentViewer } from '@/lib/auth/current-viewer';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Button, NotificationBanner, SummaryList, Tag } from '@/app/_components/govuk';
import { getMaterial, type MaterialDetail } from '@/lib/materials/get-material';
import { formatBytes } from '@/lib/materials/formats';
import { services } from '@/lib/runtime';

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

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

export default async function MaterialPage({ params, searchParams }: Props) {
  const material = await load((await params).id);
  if (!material) notFound();
  const { shared } = await searchParams;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {shared === '1' ? (
          <NotificationBanner type="success" title="Success">
            <p className="govuk-notification-banner__heading">Your material has been shared</p>
            <p className="govuk-body">Other councils can now find it by searching or browsing.</p>
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
      </div>
    </div>
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
    { key: 'Format and size', value: `${m.file.formatLabel}, ${formatBytes(m.file.sizeBytes)}` },
    { key: 'Shared on', value: dateFormat.format(new Date(m.createdAt)) },
  ];
}
