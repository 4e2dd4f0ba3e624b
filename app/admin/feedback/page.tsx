import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Pagination } from '@/app/_components/govuk';
import { formatDateTime, preserveLines } from '@/app/organisations/_components/format';
import { canReadFeedback } from '@/lib/auth/permissions';
import { FEEDBACK_KEPT_MONTHS } from '@/lib/feedback/feedback-rules';
import { listFeedback } from '@/lib/feedback/list-feedback';
import { services } from '@/lib/runtime';
import { requireSignedIn } from '@/lib/sign-in/current-viewer';

export const metadata: Metadata = { title: 'Feedback', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** What people have sent from /feedback, newest first. Site admins only; anyone else gets "Page not found". */
export default async function FeedbackListPage({ searchParams }: Props) {
  await connection();
  const viewer = await requireSignedIn('/admin/feedback');
  if (!canReadFeedback(viewer)) notFound();
  const page = Number((await searchParams).page) || 1;
  const { items, total, page: shown, pages } = await listFeedback(await services(), viewer, { page });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Feedback</h1>
        <p className="govuk-body">
          {total === 0 ? 'Nobody has sent feedback yet.' : `${total} ${total === 1 ? 'message' : 'messages'}, newest first.`} Feedback is
          deleted after {FEEDBACK_KEPT_MONTHS} months.
        </p>
        {items.map((item) => (
          <div key={item.id} className="app-feedback-item">
            <h2 className="govuk-heading-s govuk-!-margin-bottom-1">{formatDateTime(item.createdAt)}</h2>
            <p className="govuk-body" style={preserveLines}>
              {item.message}
            </p>
            <p className="govuk-body-s">
              {item.replyEmail ? (
                <>
                  Reply to{' '}
                  <a className="govuk-link" href={`mailto:${item.replyEmail}`}>
                    {item.replyEmail}
                  </a>
                </>
              ) : (
                'No email address given'
              )}
            </p>
            <hr className="govuk-section-break govuk-section-break--m govuk-section-break--visible" />
          </div>
        ))}
        {pages > 1 ? (
          <Pagination
            previous={shown > 1 ? { href: `/admin/feedback?page=${shown - 1}` } : undefined}
            next={shown < pages ? { href: `/admin/feedback?page=${shown + 1}` } : undefined}
          />
        ) : null}
      </div>
    </div>
  );
}
