import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Button, InsetText, NotificationBanner, SummaryList, type SummaryListRow } from '@/app/_components/govuk';
import { formatDate } from '@/app/organisations/_components/format';
import { getOwnAdminRequest } from '@/lib/organisations/get-own-admin-request';
import { getOwnJoinRequest } from '@/lib/organisations/get-own-join-request';
import { listOrganisationAdmins } from '@/lib/organisations/organisation-admins';
import { signInMethods } from '@/lib/sign-in/auth-options';
import { requireSignedIn } from '@/lib/sign-in/current-viewer';
import { getAccount } from '@/lib/people/get-account';
import { services } from '@/lib/runtime';
import { concernReasons, concernStatuses } from '@/lib/concerns/concern-words';
import { listMyConcerns } from '@/lib/concerns/list-concerns';

export const metadata: Metadata = { title: 'Your account', robots: { index: false } };

const roleNames = { member: 'Member', org_admin: 'Organisation admin' } as const;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const requestStates = {
  pending: 'Waiting for a decision',
  approved: 'Approved',
  refused: 'Refused',
  cancelled: 'Cancelled',
} as const;

const doneBanners: Record<string, string> = {
  name: 'Your name has been saved',
  admin_requested: 'Your request to become an organisation admin has been sent',
};

/**
 * "Your account": who you are signed in as, your name (which you can change), your council and role,
 * leaving it, your requests and their state, your materials, and signing out.
 */
export default async function AccountPage({ searchParams }: Props) {
  await connection();
  const viewer = await requireSignedIn('/account');
  const hub = await services();
  const account = await getAccount(hub, viewer);
  if (!account) return null; // the user was deleted between the two reads: the next request is anonymous
  const { microsoft } = signInMethods();
  const concerns = await listMyConcerns(hub, viewer);
  const [joinRequest, adminRequest, admins] = await Promise.all([
    getOwnJoinRequest(hub, viewer),
    getOwnAdminRequest(hub, viewer),
    account.organisation ? listOrganisationAdmins(hub, viewer, account.organisation.slug) : undefined,
  ]);
  const { done } = await searchParams;
  const banner = typeof done === 'string' ? doneBanners[done] : undefined;
  const mayAskToBeAdmin = account.organisation && admins && !admins.hasAdmin && account.role !== 'org_admin' && adminRequest?.status !== 'pending';

  const rows: SummaryListRow[] = [
    {
      key: 'Name',
      value: account.name ?? 'Not given',
      actions: [{ href: '/account/name', text: account.name ? 'Change' : 'Add', visuallyHiddenText: 'your name' }],
    },
    { key: 'Email address', value: <span className="app-break-anywhere">{account.email}</span> },
    {
      key: 'Council or organisation',
      value: account.organisation ? (
        <a className="govuk-link" href={`/organisations/${account.organisation.slug}`}>
          {account.organisation.name}
        </a>
      ) : (
        'None'
      ),
      actions: account.organisation
        ? [{ href: '/account/leave', text: 'Leave', visuallyHiddenText: account.organisation.name }]
        : [{ href: '/account/join', text: 'Ask to join', visuallyHiddenText: 'a council' }],
    },
  ];
  if (account.organisation) rows.push({ key: 'Role', value: roleNames[account.role] });
  if (account.isSiteAdmin) rows.push({ key: 'Site admin', value: 'Yes' });
  if (microsoft) rows.push({ key: 'Sign in with Microsoft', value: account.signInWithMicrosoft ? 'Linked' : 'Not linked' });

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {banner ? <NotificationBanner type="success" heading={banner} /> : null}
        <h1 className="govuk-heading-l">Your account</h1>
        <SummaryList rows={rows} />

        {account.organisation && admins ? (
          <p className="govuk-body">
            {admins.hasAdmin
              ? `${account.organisation.name}’s organisation ${admins.names.length === 1 ? 'admin is' : 'admins are'} ${admins.names.join(', ')}.`
              : `${account.organisation.name} has no organisation admin yet.`}
          </p>
        ) : null}
        {mayAskToBeAdmin ? (
          <InsetText>
            <p className="govuk-body">
              Nobody can approve requests to join {account.organisation!.name} or manage its members until it has an organisation
              admin.
            </p>
            <p className="govuk-body">
              <a className="govuk-link" href="/account/become-admin">
                Ask to become its organisation admin
              </a>
            </p>
          </InsetText>
        ) : null}

        {joinRequest || adminRequest ? (
          <>
            <h2 className="govuk-heading-m">Your requests</h2>
            <SummaryList
              rows={[
                ...(joinRequest
                  ? [
                      {
                        key: `To join ${joinRequest.organisation.name}`,
                        value: requestState(joinRequest, joinRequest.organisationHasAdmin ? 'its organisation admins' : 'a site admin, as it has no organisation admin yet'),
                        actions: joinRequest.status === 'pending' ? [{ href: '/account/join', text: 'View or cancel', visuallyHiddenText: 'your request to join' }] : [],
                      },
                    ]
                  : []),
                ...(adminRequest
                  ? [{ key: `To become an organisation admin of ${adminRequest.organisation.name}`, value: requestState(adminRequest, 'a site admin') }]
                  : []),
              ]}
            />
          </>
        ) : null}

        <h2 className="govuk-heading-m">Materials</h2>
        <ul className="govuk-list">
          <li>
            <a className="govuk-link" href="/account/materials">
              {account.organisation ? 'Your materials and your council’s materials' : 'Your materials'}
            </a>
            , including withdrawn ones
          </li>
        </ul>

        <h2 className="govuk-heading-m">Following</h2>
        <ul className="govuk-list">
          <li>
            <a className="govuk-link" href="/account/following">
              What you follow
            </a>
            : councils, service areas and searches, what is new since your last visit, and how often you get emails
          </li>
        </ul>

        <h2 className="govuk-heading-m">Connecting other tools</h2>
        <ul className="govuk-list">
          <li>
            <a className="govuk-link" href="/account/api-tokens">
              Your API tokens
            </a>
            , for programs that use the hub’s API as you
          </li>
        </ul>

        {account.organisation ? null : (
          <InsetText>
            <p className="govuk-body">You are not a member of a council yet.</p>
            <p className="govuk-body">
              <a className="govuk-link" href="/account/join">
                Ask to join your council
              </a>
            </p>
          </InsetText>
        )}

        {(account.organisation && account.role === 'org_admin') || account.isSiteAdmin ? (
          <>
            <h2 className="govuk-heading-m">Managing</h2>
            <ul className="govuk-list">
              {account.organisation && (account.role === 'org_admin' || account.isSiteAdmin) ? (
                <>
                  <li>
                    <a className="govuk-link" href={`/organisations/${account.organisation.slug}/manage`}>
                      Members, join requests and email domains
                    </a>
                  </li>
                  <li>
                    <a className="govuk-link" href={`/organisations/${account.organisation.slug}/audit`}>
                      Audit log
                    </a>
                  </li>
                </>
              ) : null}
              <li>
                <a className="govuk-link" href="/concerns">
                  Concerns about materials
                </a>
              </li>
              {account.isSiteAdmin ? (
                <li>
                  <a className="govuk-link" href="/admin/requests">
                    Requests waiting for a site admin
                  </a>
                </li>
              ) : null}
              {account.isSiteAdmin ? (
                <li>
                  <a className="govuk-link" href="/admin/organisations">
                    Add a public body
                  </a>
                </li>
              ) : null}
            </ul>
          </>
        ) : null}

        {microsoft && !account.signInWithMicrosoft ? (
          <form method="post" action="/sign-in/microsoft">
            <input type="hidden" name="callbackUrl" value="/account" />
            <Button variant="secondary">Link your Microsoft account</Button>
          </form>
        ) : null}

        {concerns.length ? (
          <>
            <h2 className="govuk-heading-m">Concerns you raised</h2>
            <p className="govuk-body">The council that shared the material does not see who raised a concern.</p>
            <ul className="govuk-list" aria-label="Concerns you raised">
              {concerns.map((c) => (
                <li key={c.id} className="app-concern">
                  <strong>{c.material.title}</strong>: {concernReasons[c.reason as keyof typeof concernReasons] ?? c.reason}. Outcome:{' '}
                  {concernStatuses[c.status]}
                  {c.outcomeNote ? ` (${c.outcomeNote})` : ''}
                </li>
              ))}
            </ul>
          </>
        ) : null}

        <form method="post" action="/sign-out">
          <Button variant="secondary">Sign out</Button>
        </form>
      </div>
    </div>
  );
}

function requestState(request: { status: keyof typeof requestStates; createdAt: string; decidedAt: string | null }, decider: string): string {
  if (request.status === 'pending') return `Sent ${formatDate(request.createdAt)}. Waiting for ${decider} to decide`;
  return `${requestStates[request.status]}${request.decidedAt ? ` on ${formatDate(request.decidedAt)}` : ''}`;
}
