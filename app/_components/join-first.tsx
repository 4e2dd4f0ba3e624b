/**
 * What a page that acts for a council shows someone signed in who belongs to none yet: what they
 * came to do, why they cannot yet, and the way to join.
 */
export function JoinFirst({ heading, reason }: { heading: string; reason: string }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{heading}</h1>
        <p className="govuk-body">{reason}</p>
        <p className="govuk-body">
          <a className="govuk-link" href="/account/join">
            Ask to join your council
          </a>
        </p>
      </div>
    </div>
  );
}
