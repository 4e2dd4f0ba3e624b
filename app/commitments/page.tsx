import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Button, NotificationBanner, Pagination, paginationItems, Select } from '@/app/_components/govuk';
import { commitmentKindLabels, commitmentKinds, commitmentStatusLabels, commitmentStatuses } from '@/lib/commitments/commitment-words';
import { listCommitments, readCommitmentFilters, type CommitmentFilters } from '@/lib/commitments/list-commitments';
import { canRecordCommitment } from '@/lib/auth/permissions';
import { services } from '@/lib/runtime';
import { currentViewer } from '@/lib/sign-in/current-viewer';
import { vocabularies } from '@/lib/taxonomy/vocabularies';
import { formatDate } from '@/lib/text/dates';
import { StatusTag } from './_components/status-tag';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: 'Commitments' };

/**
 * Every public commitment the viewer may see (the same visibility rule as materials), soonest date
 * first, filtered by a GET form that works without JavaScript, twenty a page.
 */
export default async function CommitmentsPage({ searchParams }: Props) {
  await connection();
  const query = await searchParams;
  const filters = readCommitmentFilters(query);
  const viewer = await currentViewer();
  const list = await listCommitments(await services(), viewer, filters);
  const councils = [...vocabularies().councils].sort((a, b) => a.name.localeCompare(b.name));
  const hrefFor = (page: number) => `/commitments?${filterQuery(filters, page)}`;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        {query.withdrawn === '1' ? <NotificationBanner type="success" title="Done">The commitment was withdrawn.</NotificationBanner> : null}
        <h1 className="govuk-heading-l">Commitments</h1>
        <p className="govuk-body">
          What councils have said, in public, they will do to share their Discovery work, and whether they did it.
        </p>
        {canRecordCommitment(viewer) ? (
          <Button href="/commitments/new" variant="secondary">
            Record a commitment
          </Button>
        ) : null}
        <form method="get" action="/commitments" className="app-commitment-filters">
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-one-third">
              <Select
                id="status"
                name="status"
                label="Status"
                options={[{ value: '', label: 'Any status' }, ...commitmentStatuses.map((s) => ({ value: s, label: commitmentStatusLabels[s] }))]}
                defaultValue={filters.status ?? ''}
              />
            </div>
            <div className="govuk-grid-column-one-third">
              <Select
                id="council"
                name="council"
                label="Council"
                options={[{ value: '', label: 'Any council' }, ...councils.map((c) => ({ value: c.slug, label: c.name }))]}
                defaultValue={filters.council ?? ''}
              />
            </div>
            <div className="govuk-grid-column-one-third">
              <Select
                id="kind"
                name="kind"
                label="What"
                options={[{ value: '', label: 'Anything' }, ...commitmentKinds.map((k) => ({ value: k, label: commitmentKindLabels[k] }))]}
                defaultValue={filters.kind ?? ''}
              />
            </div>
          </div>
          <Button variant="secondary">Filter commitments</Button>
        </form>
        <h2 className="govuk-heading-m" id="results">
          {list.total === 1 ? '1 commitment' : `${list.total} commitments`}
        </h2>
        {list.items.length === 0 ? (
          <p className="govuk-body">No commitments match. Try fewer filters.</p>
        ) : (
          <ul className="govuk-list app-commitment-list">
            {list.items.map((item) => (
              <li key={item.id} className="govuk-!-margin-bottom-6">
                <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                  <a className="govuk-link" href={`/commitments/${item.id}`}>
                    {item.description}
                  </a>
                </h3>
                <p className="govuk-body govuk-!-margin-bottom-1">
                  <StatusTag status={item.status} /> {item.council.name} · {commitmentKindLabels[item.kind]}
                  {item.phaseLabel ? ` (${item.phaseLabel})` : ''} · by {formatDate(`${item.dueOn}T12:00:00Z`)}
                </p>
              </li>
            ))}
          </ul>
        )}
        {list.pageCount > 1 ? (
          <Pagination
            previous={list.page > 1 ? { href: hrefFor(list.page - 1) } : undefined}
            next={list.page < list.pageCount ? { href: hrefFor(list.page + 1) } : undefined}
            items={paginationItems(list.page, list.pageCount, hrefFor)}
            landmarkLabel="Pages of commitments"
          />
        ) : null}
      </div>
    </div>
  );
}

function filterQuery(filters: CommitmentFilters, page: number): string {
  const query = new URLSearchParams();
  if (filters.status) query.set('status', filters.status);
  if (filters.council) query.set('council', filters.council);
  if (filters.kind) query.set('kind', filters.kind);
  if (page > 1) query.set('page', String(page));
  return query.toString();
}
