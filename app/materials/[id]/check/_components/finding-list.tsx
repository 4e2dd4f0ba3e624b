import { Tag } from '@/app/_components/govuk';
import type { Finding } from '@/lib/checks';

const likelihoodWords: Record<string, { text: string; colour: 'red' | 'orange' | 'grey' }> = {
  likely: { text: 'Likely personal', colour: 'red' },
  possible: { text: 'Possibly personal', colour: 'orange' },
  unlikely: { text: 'Unlikely to matter', colour: 'grey' },
};

/** Each finding as a card: what it is, how likely it is to be personal, where, a masked excerpt and why. */
export function FindingList({ findings }: { findings: Finding[] }) {
  return (
    <ol className="govuk-list app-findings" aria-label="Findings">
      {findings.map((finding, index) => {
        const words = likelihoodWords[finding.likelihood];
        return (
          <li key={index} className="govuk-summary-card">
            <div className="govuk-summary-card__title-wrapper">
              <h3 className="govuk-summary-card__title">
                {kindLabel(finding.kind)} {words ? <Tag colour={words.colour}>{words.text}</Tag> : null}
              </h3>
            </div>
            <div className="govuk-summary-card__content">
              <dl className="govuk-summary-list">
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Where</dt>
                  <dd className="govuk-summary-list__value">
                    {finding.where}
                    {finding.occurrences > 1 ? ` (and ${finding.occurrences - 1} more place${finding.occurrences === 2 ? '' : 's'})` : ''}
                  </dd>
                </div>
                {finding.excerpt ? (
                  <div className="govuk-summary-list__row">
                    <dt className="govuk-summary-list__key">Excerpt</dt>
                    <dd className="govuk-summary-list__value">{finding.excerpt}</dd>
                  </div>
                ) : null}
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Why</dt>
                  <dd className="govuk-summary-list__value">{finding.reason}</dd>
                </div>
              </dl>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function kindLabel(kind: string): string {
  const words = kind.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
