import type { Metadata } from 'next';
import { connection } from 'next/server';
import { cache } from 'react';
import { Button, Checkboxes, ErrorSummary, NotificationBanner, SummaryList, Table } from '@/app/_components/govuk';
import { breakAnywhere, formatDate, preserveLines } from '@/app/organisations/_components/format';
import { orNotFound } from '@/app/organisations/_components/or-not-found';
import { currentViewer } from '@/lib/sign-in/current-viewer';
import { getOrganisationSettings } from '@/lib/organisations/get-organisation-settings';
import { listJoinRequests, type JoinRequestForReview } from '@/lib/organisations/list-join-requests';
import { listMembers, type Member } from '@/lib/organisations/list-members';
import { loadFormAttempt } from '@/lib/forms/form-attempts';
import { roleLabels } from '@/lib/organisations/organisation-common';
import { listOrganisationAdmins, type OrganisationAdmins } from '@/lib/organisations/organisation-admins';
import { canManageOrganisation } from '@/lib/auth/permissions';
import { services } from '@/lib/runtime';

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// Once per request, shared by the metadata and the page.
const load = cache(async (slug: string) => {
  await connection();
  const hub = await services();
  const viewer = await currentViewer();
  // Its members who are not admins are told whose page it is (forAdminsOnly); anyone else outside the
  // organisation gets "Page not found".
  if (viewer.kind === 'user' && viewer.organisation?.slug === slug && !canManageOrganisation(viewer, viewer.organisation.id)) {
    return { forAdminsOnly: { name: viewer.organisation.name, admins: await listOrganisationAdmins(hub, viewer, slug) } } as const;
  }
  const organisation = await orNotFound(getOrganisationSettings(hub, viewer, slug));
  const [members, requests] = await Promise.all([listMembers(hub, viewer, slug), listJoinRequests(hub, viewer, slug)]);
  return { organisation, members, requests, forAdminsOnly: undefined };
});

// A refused button press comes back with the problem to show (lib/forms/form-attempts.ts).
const refusal = cache(async (slug: string, attemptId: unknown) =>
  loadFormAttempt(await services(), await currentViewer(), 'manage-organisation', slug, attemptId),
);

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { slug } = await params;
  const loaded = await load(slug);
  if (loaded.forAdminsOnly) return { title: `This page is for organisation admins of ${loaded.forAdminsOnly.name}` };
  const problem = await refusal(slug, (await searchParams).attempt);
  return { title: `${problem ? 'Error: ' : ''}Manage ${loaded.organisation.name}` };
}

/** For an organisation's admins and site admins: requests to join, members, email domains. */
export default async function ManageOrganisationPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const loaded = await load(slug);
  if (loaded.forAdminsOnly) return <ForAdminsOnly slug={slug} {...loaded.forAdminsOnly} />;
  const { organisation, members, requests } = loaded;
  const { done, member, attempt } = await searchParams;
  const problem = await refusal(slug, attempt);
  const who = typeof member === 'string' ? members.find((m) => m.userId === member)?.name : undefined;
  const banner = bannerFor(done, who, organisation.name);

  return (
    <>
      {problem ? <ErrorSummary errors={problem.errors.map((e) => ({ text: e.message }))} /> : null}
      {banner && !problem ? <NotificationBanner type="success" heading={banner} /> : null}
      <h1 className="govuk-heading-l">Manage {organisation.name}</h1>
      <p className="govuk-body">
        <a className="govuk-link" href={`/organisations/${organisation.slug}`}>
          Public page
        </a>{' '}
        ·{' '}
        <a className="govuk-link" href={`/organisations/${organisation.slug}/audit`}>
          Audit log
        </a>{' '}
        ·{' '}
        <a className="govuk-link" href="/concerns">
          Concerns about materials
        </a>
      </p>

      <h2 className="govuk-heading-m">Requests to join</h2>
      {requests.length === 0 ? (
        <p className="govuk-body">Nobody is waiting to join.</p>
      ) : (
        <JoinRequestsTable requests={requests} organisationSlug={organisation.slug} />
      )}

      <h2 className="govuk-heading-m">Members</h2>
      <p className="govuk-body">
        Members can share materials for {organisation.name} and see the materials it keeps private. Organisation admins can
        also manage members, approve requests to join, change the email domains and read the audit log. Email addresses are
        shown only to organisation admins.
      </p>
      {members.length === 0 ? (
        <p className="govuk-body">Nobody belongs to {organisation.name} yet.</p>
      ) : (
        <MembersTable members={members} organisationSlug={organisation.slug} />
      )}

      <h2 className="govuk-heading-m">Email domains</h2>
      <p className="govuk-body">People who sign in with a verified email address on one of these domains join {organisation.name} as members.</p>
      <SummaryList
        rows={[
          {
            key: 'Email domains',
            value: organisation.emailDomains.length ? (
              <ul className="govuk-list">
                {organisation.emailDomains.map((domain) => (
                  <li key={domain}>{domain}</li>
                ))}
              </ul>
            ) : (
              'None: people join only by asking'
            ),
            actions: [{ href: `/organisations/${organisation.slug}/manage/email-domains`, text: 'Change', visuallyHiddenText: 'email domains' }],
          },
        ]}
      />

      <h2 className="govuk-heading-m">Checks before publishing</h2>
      <p className="govuk-body">
        Every file shared for {organisation.name} is checked for personal data, hidden content and accessibility, and stays a draft until whoever shared it
        publishes it. Publishing a file with findings always needs a reason.
      </p>
      <form method="post" action={`/organisations/${organisation.slug}/manage/check-settings`} noValidate>
        <Checkboxes
          id="requireCheckAcknowledgement"
          name="requireCheckAcknowledgement"
          label="Acknowledging the check"
          labelClassName="govuk-fieldset__legend--s"
          items={[{ value: 'yes', label: 'Ask everyone to confirm they have read the check before they publish, even when it found nothing' }]}
          defaultValues={organisation.requireCheckAcknowledgement ? ['yes'] : []}
        />
        <Button variant="secondary">Save setting</Button>
      </form>
    </>
  );
}

function bannerFor(done: unknown, who: string | undefined, organisationName: string): string | undefined {
  switch (done) {
    case 'approved':
      return who ? `${who} is now a member of ${organisationName}` : 'The request has been approved';
    case 'refused':
      return 'The request has been refused';
    case 'role_changed':
      return who ? `${who}’s role has been changed` : 'The role has been changed';
    case 'removed':
      return `The member has been removed. From their next page view they no longer see ${organisationName}’s private materials`;
    case 'checks_updated':
      return 'The setting for checks before publishing has been saved';
    case 'domains_updated':
      return 'The email domains have been saved';
    default:
      return undefined;
  }
}

function JoinRequestsTable({ requests, organisationSlug }: { requests: JoinRequestForReview[]; organisationSlug: string }) {
  return (
    <Table
      caption="People waiting to join"
      rowHeaders
      columns={[{ header: 'Name' }, { header: 'Message' }, { header: 'Sent' }, { header: 'Decision', headerHidden: true }]}
      rows={requests.map((request) => ({
        key: request.id,
        cells: [
          <>
            {request.requester.name}
            {request.requester.email ? (
              <>
                <br />
                <span className="govuk-body-s govuk-!-font-weight-regular" style={breakAnywhere}>
                  {request.requester.email}
                </span>
              </>
            ) : null}
          </>,
          request.message ? <span style={preserveLines}>{request.message}</span> : <span className="govuk-hint">No message</span>,
          formatDate(request.createdAt),
          <form key="decide" method="post" action={`/organisations/${organisationSlug}/manage/join-requests/decide`} className="govuk-button-group">
            <input type="hidden" name="requestId" value={request.id} />
            <Button name="decision" value="approve" preventDoubleClick>
              Approve<span className="govuk-visually-hidden"> {request.requester.name}</span>
            </Button>
            <Button name="decision" value="refuse" variant="warning" preventDoubleClick>
              Refuse<span className="govuk-visually-hidden"> {request.requester.name}</span>
            </Button>
          </form>,
        ],
      }))}
    />
  );
}

function MembersTable({ members, organisationSlug }: { members: Member[]; organisationSlug: string }) {
  const showEmails = members.some((m) => m.email !== undefined);
  return (
    <Table
      caption="Members"
      rowHeaders
      columns={[{ header: 'Name' }, ...(showEmails ? [{ header: 'Email' }] : []), { header: 'Role' }, { header: 'Actions', headerHidden: true }]}
      rows={members.map((member) => {
        const newRole = member.role === 'org_admin' ? 'member' : 'org_admin';
        return {
          key: member.userId,
          cells: [
            `${member.name}${member.isYou ? ' (you)' : ''}`,
            ...(showEmails ? [{ content: member.email, style: breakAnywhere }] : []),
            roleLabels[member.role],
            <form key="role" method="post" action={`/organisations/${organisationSlug}/manage/members/role`} className="govuk-button-group">
              <input type="hidden" name="userId" value={member.userId} />
              <input type="hidden" name="role" value={newRole} />
              <Button variant="secondary" preventDoubleClick>
                {newRole === 'org_admin' ? 'Make organisation admin' : 'Make member'}
                <span className="govuk-visually-hidden">: {member.name}</span>
              </Button>
              <a className="govuk-link" href={`/organisations/${organisationSlug}/manage/members/${member.userId}/remove`}>
                Remove<span className="govuk-visually-hidden"> {member.name}</span>
              </a>
            </form>,
          ],
        };
      })}
    />
  );
}

/** A member who is not an admin, on the manage page: whose page it is, and who to ask. */
function ForAdminsOnly({ slug, name, admins }: { slug: string; name: string; admins: OrganisationAdmins }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">This page is for organisation admins of {name}</h1>
        {admins.hasAdmin ? (
          <>
            <p className="govuk-body">
              Only organisation admins manage members, requests to join and email domains. {name}’s organisation{' '}
              {admins.names.length === 1 ? 'admin is' : 'admins are'} {admins.names.join(', ')}.
            </p>
            <p className="govuk-body">
              <a className="govuk-link" href={`/organisations/${slug}#contact`}>
                Contact them
              </a>
            </p>
          </>
        ) : (
          <>
            <p className="govuk-body">{name} has no organisation admin yet.</p>
            <p className="govuk-body">
              <a className="govuk-link" href="/account/become-admin">
                Ask to become its organisation admin
              </a>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
