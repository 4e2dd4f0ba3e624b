import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'You have signed out', robots: { index: false } };

export default function SignedOutPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">You have signed out</h1>
        <p className="govuk-body">
          <a className="govuk-link" href="/sign-in">
            Sign in again
          </a>{' '}
          or go to the{' '}
          <a className="govuk-link" href="/">
            Discovery Commons home page
          </a>
          .
        </p>
      </div>
    </div>
  );
}
