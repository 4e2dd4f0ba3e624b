import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { cache } from 'react';
import { Button, ErrorSummary, NotificationBanner, SummaryList, Tag } from '@/app/_components/govuk';
import { breakAnywhere, formatDate, preserveLines } from '@/app/organisations/_components/format';
import { canReviewSiteRequests } from '@/lib/auth/permissions';
import { loadFormAttempt } from '@/lib/forms/form-attempts';
import { listSiteRequests, type AdminRequestForReview } from '@/lib/organisations/list-site-requests';
import { services } from '@/lib/runtime';
import { currentViewer } from '@/lib/sign-in/current-viewer';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const refusal = cache(async (attemptId: unknown) => loadFormAttempt(await services(), await currentViewer(), 'site-requests', '', attemptId));

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  await connection();
  const problem = await refusal((await searchParams).attempt);
  return { title: `${problem ? 'Error: ' : ''}Requests waiting for a site admin`, robots: { index: false } };
}

/**
 * Site admins' queue: members asking to become their council's first organisation admin (with the
 * evidence: their verified address and its domain, who else belongs), and requests to join councils
 * that have no admin to decide them.
 */
export default async function SiteRequestsPage({ searchParams }: Props) {
  await connection();
  const viewer = await currentViewer();
  // Only site admins: for anyone else the page does not exist.
  if (!canReviewSiteRequests(viewer)) notFound();
  const { adminRequests, joinRequests } = await listSiteRequests(await services(), viewer);
  const { done, who, attempt } = await searchParams;
  const problem = await refusal(attempt);
  const banner =
    done === 'approved' ? `${typeof who === 'string' ? who : 'They'} ${typeof who === 'string' ? 'is' : 'are'} now an organisation admin` : done === 'refused' ? 'The request has been refused' : undefined;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        {problem ? <ErrorSummary errors={problem.errors.map((e) => ({ text: e.message }))} /> : null}
        {banner && !problem ? <NotificationBanner type="success" heading={banner} /> : null}
        <h1 className="govuk-heading-l">Requests waiting for a site admin</h1>

        <h2 className="govuk-heading-m">Asking to become an organisation admin</h2>
        {adminRequests.length === 0 ? (
          <p className="govuk-body">Nobody is waiting.</p>
        ) : (
          adminRequests.map((request) => <AdminRequest key={request.id} request={request} />)
        )}

        <h2 className="govuk-heading-m">Asking to join a council with no organisation admin</h2>
        {joinRequests.length === 0 ? (
          <p className="govuk-body">Nobody is waiting.</p>
        ) : (
          <ul className="govuk-list govuk-list--bullet">
            {joinRequests.map((request) => (
              <li key={request.id}>
                {request.requesterName} asks to join {request.organisation.name} (sent {formatDate(request.createdAt)}).{' '}
                <a className="govuk-link" href={`/organisations/${request.organisation.slug}/manage`}>
                  Decide on the manage page of {request.organisation.name}
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function AdminRequest({ request }: { request: AdminRequestForReview }) {
  const { requester, organisation, otherMembers } = request;
  const others =
    otherMembers.count === 0
      ? 'Nobody else'
      : `${otherMembers.count}: ${otherMembers.names.join(', ')}${otherMembers.count > otherMembers.names.length ? ' and others' : ''}`;
  return (
    <div className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <h3 className="govuk-summary-card__title">
          {requester.name} for {organisation.name}
        </h3>
      </div>
      <div className="govuk-summary-card__content">
        <SummaryList
          rows={[
            { key: 'Email address', value: <span style={breakAnywhere}>{requester.email}</span> },
            {
              key: 'Evidence',
              value: (
                <>
                  {requester.emailVerified ? <Tag colour="green">Address verified by email link</Tag> : <Tag colour="yellow">Address not verified</Tag>}{' '}
                  {requester.onOrganisationDomain ? (
                    <Tag colour="green">On {organisation.name}’s email domain</Tag>
                  ) : (
                    <Tag colour="red">Not on its email domain</Tag>
                  )}
                </>
              ),
            },
            { key: 'Its email domains', value: organisation.emailDomains.length ? organisation.emailDomains.join(', ') : 'None' },
            { key: 'Other members', value: others },
            { key: 'Has an admin now', value: organisation.hasAdmin ? 'Yes' : 'No' },
            { key: 'Message', value: request.message ? <span style={preserveLines}>{request.message}</span> : 'None' },
            { key: 'Sent', value: formatDate(request.createdAt) },
          ]}
        />
        <form method="post" action="/admin/requests/decide" className="govuk-button-group">
          <input type="hidden" name="requestId" value={request.id} />
          <Button name="decision" value="approve" preventDoubleClick>
            Approve<span className="govuk-visually-hidden"> {requester.name} as organisation admin of {organisation.name}</span>
          </Button>
          <Button name="decision" value="refuse" variant="warning" preventDoubleClick>
            Refuse<span className="govuk-visually-hidden"> {requester.name}</span>
          </Button>
        </form>
      </div>
    </div>
  );
}
