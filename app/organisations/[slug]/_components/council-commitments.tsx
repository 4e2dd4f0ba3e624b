import { StatusTag } from '@/app/commitments/_components/status-tag';
import type { CommitmentList } from '@/lib/commitments/list-commitments';
import { formatDate } from '@/lib/text/dates';

/**
 * A council's commitments on its page: how many of those the viewer may see were kept ("2 of 3
 * kept"), and the first few, soonest date first, with a link to all of them.
 */
export function CouncilCommitments({ council, list, canRecord }: { council: { slug: string; name: string }; list: CommitmentList; canRecord: boolean }) {
  const allHref = `/commitments?${new URLSearchParams({ council: council.slug })}`;
  return (
    <section aria-labelledby="commitments-heading">
      <h2 className="govuk-heading-m" id="commitments-heading">
        Commitments
      </h2>
      {list.counts.total === 0 ? (
        <p className="govuk-body">{council.name} has not made any commitments you can see.</p>
      ) : (
        <>
          <p className="govuk-body govuk-!-font-weight-bold">
            {list.counts.kept} of {list.counts.total} kept
          </p>
          <ul className="govuk-list">
            {list.items.map((item) => (
              <li key={item.id}>
                <a className="govuk-link" href={`/commitments/${item.id}`}>
                  {item.description}
                </a>{' '}
                <StatusTag status={item.status} /> <span className="govuk-body-s">by {formatDate(`${item.dueOn}T12:00:00Z`)}</span>
              </li>
            ))}
          </ul>
          {list.total > list.items.length ? (
            <p className="govuk-body">
              <a className="govuk-link" href={allHref}>
                See all {list.total} commitments from {council.name}
              </a>
            </p>
          ) : null}
        </>
      )}
      {canRecord ? (
        <p className="govuk-body">
          <a className="govuk-link" href="/commitments/new">
            Record a commitment for {council.name}
          </a>
        </p>
      ) : null}
    </section>
  );
}
