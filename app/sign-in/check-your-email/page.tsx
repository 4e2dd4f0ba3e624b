import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { connection } from 'next/server';
import { signInMethods } from '@/lib/sign-in/auth-options';
import { normaliseEmailAddress } from '@/lib/text/email-address';
import { SIGN_IN_EMAIL_COOKIE } from '@/lib/sign-in/sign-in-pages';
import { SIGN_IN_LINK_MINUTES } from '@/lib/sign-in/sign-in-email';

export const metadata: Metadata = { title: 'Check your email', robots: { index: false } };

export default async function CheckYourEmailPage() {
  await connection();
  const address = normaliseEmailAddress((await cookies()).get(SIGN_IN_EMAIL_COOKIE)?.value);
  const { email } = signInMethods();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Check your email</h1>
        {address ? (
          <p className="govuk-body">
            We have sent a sign-in link to <strong className="app-break-anywhere">{address}</strong>.
          </p>
        ) : (
          <p className="govuk-body">We have sent a sign-in link to the email address you gave.</p>
        )}
        <p className="govuk-body">
          Select the link in the email to sign in. The link works once and expires in {SIGN_IN_LINK_MINUTES} minutes.
        </p>
        {email === 'log' ? (
          <p className="govuk-body">
            This hub has no email server set up: the link is in the server’s log, on a line starting “[sign-in]”.
          </p>
        ) : null}
        <h2 className="govuk-heading-m">If you cannot find the email</h2>
        <p className="govuk-body">It can take a few minutes to arrive. Check your spam or junk folder.</p>
        <p className="govuk-body">
          <a className="govuk-link" href="/sign-in">
            Ask for a new sign-in link
          </a>{' '}
          or check the email address you gave.
        </p>
      </div>
    </div>
  );
}
