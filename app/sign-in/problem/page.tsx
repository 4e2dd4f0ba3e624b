import type { Metadata } from 'next';
import type { ReactNode } from 'react';

// Where next-auth sends people when signing in goes wrong (`pages.error`), and the hub's own sign-in
// routes too. Each error code becomes plain English; nothing about the cause inside the server is shown.

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

interface Problem {
  title: string;
  body: ReactNode;
}

const tryAgain = (
  <p className="govuk-body">
    <a className="govuk-link" href="/sign-in">
      Try signing in again
    </a>
  </p>
);

const problems: Record<string, Problem> = {
  Verification: {
    title: 'That sign-in link has expired or has already been used',
    body: (
      <>
        <p className="govuk-body">Sign-in links work once and expire 15 minutes after we send them.</p>
        <p className="govuk-body">
          <a className="govuk-link" href="/sign-in">
            Ask for a new sign-in link
          </a>
        </p>
      </>
    ),
  },
  EmailSignin: {
    title: 'We could not send your sign-in email',
    body: (
      <>
        <p className="govuk-body">Check your email address and try again. If it keeps happening, try again later.</p>
        {tryAgain}
      </>
    ),
  },
  OAuthAccountNotLinked: {
    title: 'Sign in with an email link',
    body: (
      <>
        <p className="govuk-body">
          Someone has already signed in to Discovery Commons with this email address using an email link. To use your
          Microsoft account as well, sign in with an email link first, then link your Microsoft account from ‘Your
          account’.
        </p>
        {tryAgain}
      </>
    ),
  },
  MicrosoftNoEmail: {
    title: 'Your Microsoft account has no email address we can use',
    body: (
      <>
        <p className="govuk-body">Sign in with an email link instead.</p>
        {tryAgain}
      </>
    ),
  },
  OAuthMicrosoft: {
    title: 'We could not sign you in with Microsoft',
    body: (
      <>
        <p className="govuk-body">Try again, or sign in with an email link instead.</p>
        {tryAgain}
      </>
    ),
  },
  AccessDenied: {
    title: 'You cannot sign in with that account',
    body: (
      <>
        <p className="govuk-body">Try signing in with your work email address.</p>
        {tryAgain}
      </>
    ),
  },
  CreateAccount: {
    title: 'We could not set up your account',
    body: (
      <>
        <p className="govuk-body">Try again later.</p>
        {tryAgain}
      </>
    ),
  },
  Configuration: {
    title: 'Sorry, signing in is not working at the moment',
    body: <p className="govuk-body">Try again later.</p>,
  },
  SessionRequired: {
    title: 'You need to sign in',
    body: tryAgain,
  },
  Default: {
    title: 'Sorry, there is a problem signing you in',
    body: (
      <>
        <p className="govuk-body">Try again later.</p>
        {tryAgain}
      </>
    ),
  },
};

/** next-auth's codes (https://next-auth.js.org/configuration/pages#error-page), grouped. */
const aliases: Record<string, string> = {
  OAuthSignin: 'OAuthMicrosoft',
  OAuthCallback: 'OAuthMicrosoft',
  OAuthCreateAccount: 'CreateAccount',
  EmailCreateAccount: 'CreateAccount',
  Callback: 'Default',
  CredentialsSignin: 'Default',
  Signin: 'Default',
};

function problemFor(code: unknown): Problem {
  const key = typeof code === 'string' ? (aliases[code] ?? code) : 'Default';
  return Object.hasOwn(problems, key) ? problems[key]! : problems.Default!;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return { title: problemFor((await searchParams).error).title, robots: { index: false } };
}

export default async function SignInProblemPage({ searchParams }: Props) {
  const problem = problemFor((await searchParams).error);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{problem.title}</h1>
        {problem.body}
      </div>
    </div>
  );
}
