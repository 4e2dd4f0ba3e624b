import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Button, InsetText, SummaryList } from '@/app/_components/govuk';
import { signInMethods } from '@/lib/sign-in/auth-options';
import { requireSignedIn } from '@/lib/sign-in/current-viewer';
import { getAccount } from '@/lib/people/get-account';
import { services } from '@/lib/runtime';

export const metadata: Metadata = { title: 'Your account', robots: { index: false } };

const roleNames = { member: 'Member', org_admin: 'Organisation admin' } as const;

/** "Your account": who you are signed in as, your council and role, and signing out. */
export default async function AccountPage() {
  await connection();
  const viewer = await requireSignedIn('/account');
  const account = await getAccount(await services(), viewer);
  if (!account) return null; // the user was deleted between the two reads: the next request is anonymous
  const { microsoft } = signInMethods();

  const rows = [
    { key: 'Name', value: account.name ?? 'Not given' },
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
    },
  ];
  if (account.organisation) rows.push({ key: 'Role', value: roleNames[account.role] });
  if (account.isSiteAdmin) rows.push({ key: 'Site admin', value: 'Yes' });
  if (microsoft) rows.push({ key: 'Sign in with Microsoft', value: account.signInWithMicrosoft ? 'Linked' : 'Not linked' });

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Your account</h1>
        <SummaryList rows={rows} />

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

        <form method="post" action="/sign-out">
          <Button variant="secondary">Sign out</Button>
        </form>
      </div>
    </div>
  );
}
