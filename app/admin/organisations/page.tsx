import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Button, NotificationBanner } from '@/app/_components/govuk';
import { canAdministerSite } from '@/lib/auth/permissions';
import { currentViewer } from '@/lib/sign-in/current-viewer';
import { listOrganisations } from '@/lib/organisations/list-organisations';
import { services } from '@/lib/runtime';

export const metadata: Metadata = { title: 'Organisations' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Site admins: the public bodies added so far, and a way to add another. */
export default async function AdminOrganisationsPage({ searchParams }: Props) {
  await connection();
  const viewer = await currentViewer();
  if (!canAdministerSite(viewer)) notFound();
  const hub = await services();
  const [bodies, councils] = await Promise.all([
    listOrganisations(hub, viewer, { type: 'public-body' }),
    listOrganisations(hub, viewer, { type: 'council' }),
  ]);
  const { added } = await searchParams;
  const justAdded = typeof added === 'string' ? bodies.find((b) => b.slug === added) : undefined;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {justAdded ? (
          <NotificationBanner type="success" heading={`${justAdded.name} has been added`}>
            <p className="govuk-body">
              <a className="govuk-notification-banner__link" href={`/organisations/${justAdded.slug}/manage`}>
                Manage {justAdded.name}
              </a>{' '}
              to make someone its organisation admin.
            </p>
          </NotificationBanner>
        ) : null}
        <h1 className="govuk-heading-l">Organisations</h1>
        <p className="govuk-body">
          The hub has {councils.length} councils and {bodies.length} other public {bodies.length === 1 ? 'body' : 'bodies'}.
        </p>
        <Button href="/admin/organisations/new">Add a public body</Button>
        <h2 className="govuk-heading-m">Public bodies</h2>
        {bodies.length === 0 ? (
          <p className="govuk-body">No public bodies have been added yet.</p>
        ) : (
          <ul className="govuk-list">
            {bodies.map((body) => (
              <li key={body.slug}>
                <a className="govuk-link" href={`/organisations/${body.slug}`}>
                  {body.name}
                </a>{' '}
                (
                <a className="govuk-link" href={`/organisations/${body.slug}/manage`}>
                  manage<span className="govuk-visually-hidden"> {body.name}</span>
                </a>
                )
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
