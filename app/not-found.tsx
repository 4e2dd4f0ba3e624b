import type { Metadata } from 'next';

export const metadata: Metadata = {
  title: 'Page not found',
};

// GOV.UK "Page not found" pattern.
export default function NotFound() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Page not found</h1>
        <p className="govuk-body">If you typed the web address, check it is correct.</p>
        <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
        <p className="govuk-body">
          You can <a href="/search" className="govuk-link">search for materials</a> or go to the{' '}
          <a href="/" className="govuk-link">Discovery Commons home page</a>.
        </p>
      </div>
    </div>
  );
}
