import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Button } from '@/app/_components/govuk';
import { safeCallbackPath } from '@/lib/sign-in/callback-url';
import { normaliseEmailAddress } from '@/lib/text/email-address';
import { config } from '@/lib/config';

// The page an emailed sign-in link opens. The link itself changes nothing: the button posts the token
// to /sign-in/verify, which uses it. So a mail scanner that opens links (Microsoft Defender's Safe
// Links, for example) cannot use up the link before its owner does.
export const metadata: Metadata = {
  title: 'Sign in to Discovery Commons',
  robots: { index: false },
  // The address holds a one-time token: never send it to another site as a referrer. ('no-referrer'
  // would also make the browser send `Origin: null` with the form, which the Origin check refuses.)
  referrer: 'same-origin',
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInLinkPage({ searchParams }: Props) {
  await connection();
  const params = await searchParams;
  const token = typeof params.token === 'string' && /^[0-9a-f]{16,128}$/.test(params.token) ? params.token : undefined;
  const email = normaliseEmailAddress(params.email);
  const callbackUrl = safeCallbackPath(params.callbackUrl, config().auth.url);

  if (!token || !email) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">This sign-in link does not work</h1>
          <p className="govuk-body">
            The link may not have been copied in full. Copy the whole link from the email, or ask for a new one.
          </p>
          <p className="govuk-body">
            <a className="govuk-link" href="/sign-in">
              Ask for a new sign-in link
            </a>
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Sign in to Discovery Commons</h1>
        <p className="govuk-body">
          You are signing in as <strong className="app-break-anywhere">{email}</strong>.
        </p>
        <form method="post" action="/sign-in/verify">
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="email" value={email} />
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <Button preventDoubleClick>Sign in</Button>
        </form>
        <p className="govuk-body">
          If you did not ask to sign in, close this page. Nobody can sign in without selecting the button.
        </p>
      </div>
    </div>
  );
}
