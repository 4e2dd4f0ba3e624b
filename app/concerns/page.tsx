import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Table, Tag } from '@/app/_components/govuk';
import { concernReasons, concernStatuses } from '@/lib/concerns/concern-words';
import { listConcernQueue } from '@/lib/concerns/list-concerns';
import { services } from '@/lib/runtime';
import { formatDate } from '@/lib/text/dates';
import { requireSignedIn } from '@/lib/sign-in/current-viewer';

export const metadata: Metadata = { title: 'Concerns about materials', robots: { index: false } };

/**
 * The queue of concerns: an organisation admin sees those about their council's materials, a site
 * admin every one (and who raised it). Everyone else sees an empty queue.
 */
export default async function ConcernsPage() {
  await connection();
  const viewer = await requireSignedIn('/concerns');
  const concerns = await listConcernQueue(await services(), viewer);
  const open = concerns.filter((c) => c.status === 'open').length;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <h1 className="govuk-heading-l">Concerns about materials</h1>
        {concerns.length === 0 ? (
          <p className="govuk-body">There are no concerns for you to look at.</p>
        ) : (
          <>
            <p className="govuk-body">
              {open} waiting for a decision. People who raise a concern are not named to the council that shared the material.
            </p>
            <Table
              caption="Concerns"
              columns={[{ header: 'Material' }, { header: 'Concern' }, { header: 'Raised' }, { header: 'Status' }]}
              rows={concerns.map((c) => ({
                key: c.id,
                cells: [
                  <a key="m" className="govuk-link" href={`/concerns/${c.id}`}>
                    {c.material.title}
                  </a>,
                  `${concernReasons[c.reason as keyof typeof concernReasons] ?? c.reason}${c.reporter ? ` (raised by ${c.reporter})` : ''}`,
                  formatDate(c.createdAt),
                  <Tag key="s" colour={c.status === 'open' ? 'orange' : 'grey'}>
                    {concernStatuses[c.status]}
                  </Tag>,
                ],
              }))}
            />
          </>
        )}
      </div>
    </div>
  );
}
