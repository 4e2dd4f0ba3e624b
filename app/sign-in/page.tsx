import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { connection } from 'next/server';
import { Button, ErrorSummary, InsetText, TextInput } from '@/app/_components/govuk';
import { signInMethods } from '@/lib/sign-in/auth-options';
import { safeCallbackPath } from '@/lib/sign-in/callback-url';
import { currentViewer } from '@/lib/sign-in/current-viewer';
import { emailAddressProblemMessage, parseEmailAddress } from '@/lib/text/email-address';
import { SIGN_IN_EMAIL_COOKIE } from '@/lib/sign-in/sign-in-pages';
import { tooManySignInRequestsMessage } from '@/lib/sign-in/rate-limit-sign-in';
import { config } from '@/lib/config';
import { signInReason } from '@/lib/sign-in/sign-in-reason';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const errors = ['invalid-email', 'too-many-requests'] as const;
type SignInError = (typeof errors)[number];

function errorOf(value: unknown): SignInError | undefined {
  return errors.find((e) => e === value);
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return { title: errorOf((await searchParams).error) ? 'Error: Sign in' : 'Sign in', robots: { index: false } };
}

/**
 * "Sign in": an email address and a button that posts to /sign-in/email (the link is emailed), and
 * "Sign in with Microsoft" when Entra ID is configured. Both are plain forms: no JavaScript needed.
 */
export default async function SignInPage({ searchParams }: Props) {
  await connection();
  const params = await searchParams;
  const error = errorOf(params.error);
  const callbackUrl = safeCallbackPath(params.callbackUrl, config().auth.url);
  // Why they are here, when a page sent them ("Sign in to share a material").
  const reason = signInReason(callbackUrl);
  const methods = signInMethods();
  const viewer = await currentViewer();
  const typed = error ? ((await cookies()).get(SIGN_IN_EMAIL_COOKIE)?.value ?? '') : '';
  const emailError =
    error === 'too-many-requests'
      ? tooManySignInRequestsMessage
      : error === 'invalid-email'
        ? (() => {
            const parsed = parseEmailAddress(typed);
            return emailAddressProblemMessage(parsed.ok ? 'not_one_address' : parsed.problem);
          })()
        : undefined;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {emailError ? <ErrorSummary errors={[{ href: '#email', text: emailError }]} /> : null}
        <h1 className="govuk-heading-l">Sign in</h1>
        {reason && viewer.kind !== 'user' ? <p className="govuk-body-l">{reason}</p> : null}

        {viewer.kind === 'user' ? (
          <InsetText>
            You are already signed in{viewer.name ? ` as ${viewer.name}` : ''}.{' '}
            <a className="govuk-link" href="/account">
              Go to your account
            </a>
            .
          </InsetText>
        ) : null}

        {methods.microsoft ? (
          <>
            <p className="govuk-body">If your council uses Microsoft 365, sign in with your work account.</p>
            <form method="post" action="/sign-in/microsoft">
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <Button variant="secondary" preventDoubleClick>
                Sign in with Microsoft
              </Button>
            </form>
            {methods.email ? <h2 className="govuk-heading-m">Or get a sign-in link by email</h2> : null}
          </>
        ) : null}

        {methods.email ? (
          <>
            <p className="govuk-body">We will email you a link. Select the link to sign in. You do not need a password.</p>
            <form method="post" action="/sign-in/email" noValidate>
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <TextInput
                id="email"
                name="email"
                type="email"
                label="Email address"
                labelClassName="govuk-label--s"
                hint="Use your work email address"
                autoComplete="email"
                spellCheck={false}
                defaultValue={typed}
                error={emailError}
              />
              <Button preventDoubleClick>Send me a sign-in link</Button>
            </form>
            {methods.email === 'log' ? (
              <InsetText>
                This hub has no email server set up, so sign-in links are written to the server’s log instead. This is
                only for trying the hub out: set SMTP_HOST to send them by email.
              </InsetText>
            ) : null}
          </>
        ) : null}

        <h2 className="govuk-heading-m">Joining your council</h2>
        <p className="govuk-body">
          If your email address is on your council’s own email domain, you join your council when you sign in. If it is
          not, you can ask to join your council after you have signed in.
        </p>
      </div>
    </div>
  );
}
