import type { ReactNode } from 'react';
import { cx } from './field-parts';

export interface SummaryListAction {
  href: string;
  text: ReactNode;
  /** Read after `text` by screen readers, e.g. "licence" for "Change licence". */
  visuallyHiddenText?: string;
}

export interface SummaryListRow {
  key: ReactNode;
  value: ReactNode;
  actions?: readonly SummaryListAction[];
}

export interface SummaryListProps {
  rows: readonly SummaryListRow[];
  /** No row borders (`govuk-summary-list--no-border`). */
  noBorder?: boolean;
  className?: string;
}

function ActionLink({ action }: { action: SummaryListAction }) {
  return (
    <a className="govuk-link" href={action.href}>
      {action.text}
      {action.visuallyHiddenText ? <span className="govuk-visually-hidden"> {action.visuallyHiddenText}</span> : null}
    </a>
  );
}

/** GOV.UK summary list: key/value rows, with optional action links. */
export function SummaryList({ rows, noBorder, className }: SummaryListProps) {
  const anyRowHasActions = rows.some((row) => row.actions && row.actions.length > 0);
  return (
    <dl className={cx('govuk-summary-list', noBorder && 'govuk-summary-list--no-border', className)}>
      {rows.map((row, index) => {
        const actions = row.actions ?? [];
        return (
          <div
            key={index}
            className={cx(
              'govuk-summary-list__row',
              anyRowHasActions && actions.length === 0 && 'govuk-summary-list__row--no-actions',
            )}
          >
            <dt className="govuk-summary-list__key">{row.key}</dt>
            <dd className="govuk-summary-list__value">{row.value}</dd>
            {actions.length === 1 ? (
              <dd className="govuk-summary-list__actions">
                <ActionLink action={actions[0]!} />
              </dd>
            ) : actions.length > 1 ? (
              <dd className="govuk-summary-list__actions">
                <ul className="govuk-summary-list__actions-list">
                  {actions.map((action) => (
                    <li key={action.href} className="govuk-summary-list__actions-list-item">
                      <ActionLink action={action} />
                    </li>
                  ))}
                </ul>
              </dd>
            ) : null}
          </div>
        );
      })}
    </dl>
  );
}
