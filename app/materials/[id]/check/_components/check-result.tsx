import type { MaterialCheck } from '@/lib/file-checks/get-material-check';
import { FindingList } from './finding-list';

/** The result of the check: still running, could not finish, or its findings and accessibility signals. */
export function CheckResult({ check }: { check: MaterialCheck }) {
  if (check.formatProblem) {
    return (
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          This file cannot be published: {check.formatProblem}. Replace it with a file that opens.
        </strong>
      </div>
    );
  }
  if (check.checkStatus === 'pending' || check.checkStatus === 'checking') {
    return (
      <>
        <h2 className="govuk-heading-m">We are still checking the file</h2>
        <p className="govuk-body">
          This usually takes less than a minute.{' '}
          <a className="govuk-link" href={`/materials/${check.material.id}/check`}>
            Refresh this page
          </a>{' '}
          to see the result.
        </p>
      </>
    );
  }
  if (check.checkStatus === 'failed' || check.checkStatus === 'not-checked') {
    return (
      <>
        <h2 className="govuk-heading-m">{check.checkStatus === 'failed' ? 'The check could not finish' : 'This file was not checked'}</h2>
        <p className="govuk-body">{check.checkMessage}</p>
        <p className="govuk-body">It stays a draft until you decide. Check it yourself before you publish it.</p>
      </>
    );
  }
  return (
    <>
      <h2 className="govuk-heading-m">Personal data and hidden content</h2>
      {check.findings.length === 0 ? (
        <p className="govuk-body">We found nothing that looks like personal data or hidden content.</p>
      ) : (
        <>
          <p className="govuk-body">
            We found {check.findings.length} thing{check.findings.length === 1 ? '' : 's'} to look at, most likely to be personal first. Excerpts are partly hidden.
          </p>
          <FindingList findings={check.findings} />
          {check.notListed ? <p className="govuk-body">{check.notListed} more of the same kinds were found but are not listed.</p> : null}
        </>
      )}
      {check.notes.map((note) => (
        <p key={note} className="govuk-body">
          {note}
        </p>
      ))}
      <h2 className="govuk-heading-m">Accessibility signals</h2>
      <p className="govuk-body">
        These are signals, not a verdict: a file can avoid all of them and still be hard to use, and a short form may need no headings. Public sector documents
        must be accessible: see{' '}
        <a className="govuk-link" href="https://www.gov.uk/guidance/publishing-accessible-documents">
          publishing accessible documents (GOV.UK)
        </a>
        .
      </p>
      {check.signals.length === 0 ? (
        <p className="govuk-body">We saw no accessibility signals.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet">
          {check.signals.map((signal, index) => (
            <li key={index}>
              {signal.reason}
              {signal.guidance ? (
                <>
                  {' '}
                  <a className="govuk-link" href={signal.guidance.url}>
                    {signal.guidance.title}
                  </a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
