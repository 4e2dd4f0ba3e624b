import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { cache } from 'react';
import { Pagination, paginationItems } from '@/app/_components/govuk';
import { AuditLogTable } from '@/app/organisations/_components/audit-log-table';
import { orNotFound } from '@/app/organisations/_components/or-not-found';
import { currentViewer } from '@/lib/sign-in/current-viewer';
import { auditPageSize, listAuditEvents } from '@/lib/organisations/list-audit-events';
import { services } from '@/lib/runtime';

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const pageNumber = (value: unknown) => (typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : 1);

// Once per request, shared by the metadata and the page.
const load = cache(async (slug: string, page: number) => {
  await connection();
  // For the organisation's own admins and site admins; anyone else gets "Page not found".
  return orNotFound(listAuditEvents(await services(), await currentViewer(), { organisation: slug, page }));
});

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const log = await load((await params).slug, pageNumber((await searchParams).page));
  return { title: `Audit log${log.page > 1 ? ` (page ${log.page} of ${log.pageCount})` : ''} – ${log.organisation?.name ?? ''}` };
}

/** Every change that concerns the organisation: who, what, when, before and after. */
export default async function AuditLogPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const page = pageNumber((await searchParams).page);
  const log = await load(slug, page);
  if (page > log.pageCount) notFound();
  const organisation = log.organisation!;
  const hrefFor = (n: number) => `/organisations/${organisation.slug}/audit${n > 1 ? `?page=${n}` : ''}`;

  return (
    <>
      <span className="govuk-caption-l">{organisation.name}</span>
      <h1 className="govuk-heading-l">Audit log</h1>
      <p className="govuk-body">
        Every change to {organisation.name}’s members, requests to join, email domains and materials, newest first.{' '}
        <a className="govuk-link" href={`/organisations/${organisation.slug}/manage`}>
          Manage {organisation.name}
        </a>
      </p>
      {log.total === 0 ? (
        <p className="govuk-body">Nothing has changed yet.</p>
      ) : (
        <>
          <p className="govuk-body">
            Showing {(log.page - 1) * auditPageSize + 1} to {(log.page - 1) * auditPageSize + log.events.length} of {log.total} changes
          </p>
          <AuditLogTable events={log.events} />
          <Pagination
            landmarkLabel="Audit log pages"
            previous={log.page > 1 ? { href: hrefFor(log.page - 1) } : undefined}
            next={log.page < log.pageCount ? { href: hrefFor(log.page + 1) } : undefined}
            items={paginationItems(log.page, log.pageCount, hrefFor)}
          />
        </>
      )}
    </>
  );
}
