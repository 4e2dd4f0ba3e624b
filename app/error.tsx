'use client';

import { useEffect } from 'react';

// GOV.UK "There is a problem with the service" pattern. No error detail is
// shown: in production Next.js passes only a digest, which is logged in the
// server's own logs.
export default function ErrorPage({ error }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    document.title = 'Sorry, there is a problem with the service – Discovery Commons';
    if (error.digest) console.error(`Error reference: ${error.digest}`);
  }, [error]);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Sorry, there is a problem with the service</h1>
        <p className="govuk-body">Try again later.</p>
        <p className="govuk-body">
          You can <a href="/search" className="govuk-link">search for materials</a> or go to the{' '}
          <a href="/" className="govuk-link">Discovery Commons home page</a>.
        </p>
      </div>
    </div>
  );
}
