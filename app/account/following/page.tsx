import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Button, ErrorSummary, NotificationBanner, Radios } from '@/app/_components/govuk';
import { digestFrequencies, followKindLabels, frequencyLabels } from '@/lib/following/follow-words';
import { listFollows } from '@/lib/following/list-follows';
import { errorsByField, loadFormAttempt } from '@/lib/forms/form-attempts';
import { services } from '@/lib/runtime';
import { requireSignedIn } from '@/lib/sign-in/current-viewer';
import { formatDate, formatDateTime } from '@/lib/text/dates';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { attempt } = await searchParams;
  return { title: typeof attempt === 'string' ? 'Error: What you follow' : 'What you follow', robots: { index: false } };
}

const savedBanners: Record<string, string> = {
  frequency: 'Your email choice has been saved',
  search: 'You now follow that search',
};

/**
 * Everything the viewer follows, each with what is new since their last visit to this page, an
 * Unfollow button each, and how often digests come. Plain forms: works without JavaScript.
 */
export default async function FollowingPage({ searchParams }: Props) {
  await connection();
  const viewer = await requireSignedIn('/account/following');
  const hub = await services();
  const { attempt: attemptId, saved } = await searchParams;
  const [overview, attempt] = await Promise.all([
    listFollows(hub, viewer, { markVisit: true }),
    loadFormAttempt(hub, viewer, 'digest-frequency', '', attemptId),
  ]);
  const errors = errorsByField(attempt);
  const banner = typeof saved === 'string' ? savedBanners[saved] : undefined;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {banner ? <NotificationBanner type="success" heading={banner} /> : null}
        {attempt?.errors.length ? <ErrorSummary errors={attempt.errors.map((e) => ({ href: `#${e.field}`, text: e.message }))} /> : null}
        <span className="govuk-caption-l">Your account</span>
        <h1 className="govuk-heading-l">What you follow</h1>

        {overview.follows.length === 0 ? (
          <p className="govuk-body">
            You do not follow anything yet. Follow a council from its page, or a service area or a search from{' '}
            <a className="govuk-link" href="/search">
              search
            </a>
            .
          </p>
        ) : (
          <>
            <p className="govuk-body">
              {overview.lastVisitAt ? `New since your last visit on ${formatDateTime(overview.lastVisitAt)}.` : 'From your next visit, this page shows what is new since this one.'}
            </p>
            {overview.similarProjectsSinceLastVisit ? (
              <p className="govuk-body" data-testid="similar-projects">
                {overview.similarProjectsSinceLastVisit === 1
                  ? 'Since then, another council has started 1 project that shares service areas with your council’s projects. '
                  : `Since then, other councils have started ${overview.similarProjectsSinceLastVisit} projects that share service areas with your council’s projects. `}
                <a className="govuk-link" href="/projects">
                  Browse projects
                </a>
              </p>
            ) : null}
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-visually-hidden">What you follow</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Following
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Kind
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    New since last visit
                  </th>
                  <th scope="col" className="govuk-table__header">
                    <span className="govuk-visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {overview.follows.map((item) => (
                  <tr className="govuk-table__row" key={item.id}>
                    <td className="govuk-table__cell">
                      <a className="govuk-link" href={item.href}>
                        {item.label}
                      </a>
                    </td>
                    <td className="govuk-table__cell">{followKindLabels[item.kind]}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric" data-testid="new-count">
                      {item.newSinceLastVisit === null ? '–' : item.newSinceLastVisit}
                    </td>
                    <td className="govuk-table__cell">
                      <form method="post" action={`/following/${item.id}/unfollow`}>
                        <input type="hidden" name="returnTo" value="/account/following" />
                        <Button variant="secondary" className="govuk-!-margin-bottom-0">
                          Unfollow<span className="govuk-visually-hidden"> {item.label}</span>
                        </Button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}

        <h2 className="govuk-heading-m">Emails</h2>
        {overview.lastDigestAt ? <p className="govuk-body">Your last email covered up to {formatDate(overview.lastDigestAt)}.</p> : null}
        <form method="post" action="/account/following/frequency" noValidate>
          <Radios
            id="frequency"
            name="frequency"
            label="How often do you want an email about what is new?"
            labelClassName="govuk-fieldset__legend--s"
            items={digestFrequencies.map((value) => ({ value, label: frequencyLabels[value] }))}
            defaultValue={overview.frequency}
            error={errors.frequency}
          />
          <Button>Save email choice</Button>
        </form>
      </div>
    </div>
  );
}
