import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Button, ErrorSummary, InsetText, NotificationBanner, SummaryList } from '@/app/_components/govuk';
import { cache } from 'react';
import { currentViewer, requireSignedIn } from '@/lib/sign-in/current-viewer';
import { getOwnJoinRequest } from '@/lib/organisations/get-own-join-request';
import { listOrganisations } from '@/lib/organisations/list-organisations';
import { loadFormAttempt } from '@/lib/forms/form-attempts';
import { maxJoinMessageLength } from '@/lib/organisations/request-to-join';
import { services } from '@/lib/runtime';
import { formatDate, preserveLines } from '@/app/organisations/_components/format';
import { JoinForm } from './_components/join-form';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** A refused request or cancellation comes back with what to fix (lib/forms/form-attempts.ts). */
const refused = cache(async (attemptId: unknown) => {
  const [hub, viewer] = await Promise.all([services(), currentViewer()]);
  return (await loadFormAttempt(hub, viewer, 'join', '', attemptId)) ?? (await loadFormAttempt(hub, viewer, 'cancel-join', '', attemptId));
});

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  await connection();
  const attempt = await refused((await searchParams).attempt);
  return { title: `${attempt ? 'Error: ' : ''}Ask to join an organisation`, robots: { index: false } };
}

export default async function JoinPage({ searchParams }: Props) {
  await connection();
  // Only for people who are signed in: anyone else is sent to sign in, and comes back here.
  const viewer = await requireSignedIn('/account/join');
  const { done, attempt: attemptId } = await searchParams;
  const attempt = await refused(attemptId);

  if (viewer.organisation) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">You already belong to an organisation</h1>
          <p className="govuk-body">
            You are a member of{' '}
            <a className="govuk-link" href={`/organisations/${viewer.organisation.slug}`}>
              {viewer.organisation.name}
            </a>
            . To move to another organisation, leave {viewer.organisation.name} first, then ask to join the other one.
          </p>
          <p className="govuk-body">
            <a className="govuk-link" href="/account/leave">
              Leave {viewer.organisation.name}
            </a>
          </p>
        </div>
      </div>
    );
  }

  const hub = await services();
  const own = await getOwnJoinRequest(hub, viewer);

  if (own?.status === 'pending') {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {attempt ? <ErrorSummary errors={attempt.errors.map((e) => ({ text: e.message }))} /> : null}
          {done === 'requested' ? (
            <NotificationBanner type="success" heading="Your request has been sent">
              <p className="govuk-body">
                {own.organisationHasAdmin
                  ? `The organisation admins of ${own.organisation.name} will approve or refuse it.`
                  : `${own.organisation.name} has no organisation admin yet, so a site admin will approve or refuse it. The site admins have been told.`}{' '}
                When it is approved, you will be a member the next time you open a page.
              </p>
            </NotificationBanner>
          ) : null}
          <h1 className="govuk-heading-l">Your request to join {own.organisation.name}</h1>
          <SummaryList
            rows={[
              { key: 'Organisation', value: own.organisation.name },
              { key: 'Your message', value: own.message ? <span style={preserveLines}>{own.message}</span> : 'None' },
              { key: 'Sent', value: formatDate(own.createdAt) },
              {
                key: 'Status',
                value: own.organisationHasAdmin ? 'Waiting for an organisation admin' : 'Waiting for a site admin (it has no organisation admin yet)',
              },
            ]}
          />
          <p className="govuk-body">You can cancel it, for example to ask to join a different organisation.</p>
          <form method="post" action="/account/join/cancel">
            <input type="hidden" name="requestId" value={own.id} />
            <Button variant="secondary" preventDoubleClick>
              Cancel request<span className="govuk-visually-hidden"> to join {own.organisation.name}</span>
            </Button>
          </form>
        </div>
      </div>
    );
  }

  const organisations = await listOrganisations(hub, viewer);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <JoinForm
          banner={
            done === 'cancelled' ? (
              <NotificationBanner type="success" heading="Your request has been cancelled" />
            ) : done === 'left' ? (
              <NotificationBanner type="success" heading="You have left the organisation" />
            ) : undefined
          }
          notice={
            own?.status === 'refused' ? (
              <InsetText>
                Your request to join {own.organisation.name} was refused
                {own.decidedAt ? ` on ${formatDate(own.decidedAt)}` : ''}. You can ask again, or ask to join another organisation.
              </InsetText>
            ) : undefined
          }
          attempt={attempt}
          organisations={organisations.map((o) => ({ value: o.slug, label: o.name }))}
          maxMessageLength={maxJoinMessageLength}
        />
      </div>
    </div>
  );
}
