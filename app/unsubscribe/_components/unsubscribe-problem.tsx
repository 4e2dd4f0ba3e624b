import type { TokenState } from '@/lib/following/unsubscribe-tokens';

const problems: Record<Exclude<TokenState, 'valid'>, { heading: string; text: string }> = {
  used: { heading: 'This link has already been used', text: 'Each link to stop emails works once. If you still get emails, the link in the newest one will work.' },
  expired: { heading: 'This link has expired', text: 'Links to stop emails work for 60 days. The link in the newest email will work.' },
  unknown: { heading: 'This link does not work', text: 'It may have been copied wrongly. Check it is the whole link from the email.' },
};

/** What an unsubscribe link that cannot be used says. Nothing has been changed. */
export function UnsubscribeProblem({ state }: { state: Exclude<TokenState, 'valid'> }) {
  const problem = problems[state];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{problem.heading}</h1>
        <p className="govuk-body">{problem.text}</p>
        <p className="govuk-body">
          Nothing has been changed. You can also{' '}
          <a className="govuk-link" href="/account/following">
            sign in and choose your emails
          </a>
          .
        </p>
      </div>
    </div>
  );
}
