import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { BackLink, Button } from '@/app/_components/govuk';
import { orNotFound } from '@/app/organisations/_components/or-not-found';
import { currentViewer } from '@/lib/sign-in/current-viewer';
import { getOrganisationSettings } from '@/lib/organisations/get-organisation-settings';
import { listMembers } from '@/lib/organisations/list-members';
import { services } from '@/lib/runtime';

type Props = { params: Promise<{ slug: string; userId: string }> };

export const metadata: Metadata = { title: 'Remove a member' };

/** Asks before removing someone: for the organisation's own admins and site admins. */
export default async function RemoveMemberPage({ params }: Props) {
  await connection();
  const { slug, userId } = await params;
  const hub = await services();
  const viewer = await currentViewer();
  const organisation = await orNotFound(getOrganisationSettings(hub, viewer, slug));
  const member = (await listMembers(hub, viewer, slug)).find((m) => m.userId === userId);
  if (!member) notFound();
  const manageHref = `/organisations/${organisation.slug}/manage`;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={manageHref} />
        <span className="govuk-caption-l">{organisation.name}</span>
        <h1 className="govuk-heading-l">
          {member.isYou ? 'Are you sure you want to leave?' : `Are you sure you want to remove ${member.name}?`}
        </h1>
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {member.isYou ? 'You' : member.name} will no longer be able to share materials for {organisation.name} or see its
            private materials, from {member.isYou ? 'your' : 'their'} very next page view.
          </strong>
        </div>
        <p className="govuk-body">
          Materials {member.isYou ? 'you have' : 'they have'} shared stay with {organisation.name}. To come back,{' '}
          {member.isYou ? 'you' : 'they'} would need to ask to join again.
        </p>
        <form method="post" action={`/organisations/${organisation.slug}/manage/members/remove`}>
          <input type="hidden" name="userId" value={member.userId} />
          <div className="govuk-button-group">
            <Button variant="warning" preventDoubleClick>
              {member.isYou ? 'Leave organisation' : 'Remove member'}
            </Button>
            <a className="govuk-link" href={manageHref}>
              Cancel
            </a>
          </div>
        </form>
      </div>
    </div>
  );
}
