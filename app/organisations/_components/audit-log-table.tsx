import type { AuditEventEntry } from '@/lib/organisations/list-audit-events';
import { breakAnywhere, formatDateTime } from './format';

/** The audit log as a table: when, who, what, and each value before and after. */
export function AuditLogTable({ events }: { events: readonly AuditEventEntry[] }) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-visually-hidden">Changes, newest first</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            When
          </th>
          <th scope="col" className="govuk-table__header">
            Who
          </th>
          <th scope="col" className="govuk-table__header">
            What
          </th>
          <th scope="col" className="govuk-table__header">
            Details
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {events.map((event) => (
          <tr key={event.id} className="govuk-table__row">
            <td className="govuk-table__cell">
              <time dateTime={event.at}>{formatDateTime(event.at)}</time>
            </td>
            <td className="govuk-table__cell">{event.actor}</td>
            <td className="govuk-table__cell">{event.actionLabel}</td>
            <td className="govuk-table__cell" style={breakAnywhere}>
              <Details event={event} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Details({ event }: { event: AuditEventEntry }) {
  if (event.context.length === 0 && event.changes.length === 0) return null;
  return (
    <dl className="govuk-body-s govuk-!-margin-0">
      {event.context.map((item, index) => (
        <div key={`c${index}`}>
          <dt className="govuk-!-display-inline govuk-!-font-weight-bold">{item.label}:</dt> <dd className="govuk-!-display-inline govuk-!-margin-0">{item.value}</dd>
        </div>
      ))}
      {event.changes.map((change, index) => (
        <div key={`v${index}`}>
          <dt className="govuk-!-display-inline govuk-!-font-weight-bold">{change.label}:</dt>{' '}
          <dd className="govuk-!-display-inline govuk-!-margin-0">
            {change.before === '' ? (
              change.after
            ) : change.after === '' ? (
              <>was {change.before}</>
            ) : (
              <>
                {change.before} <span aria-hidden="true">→</span>
                <span className="govuk-visually-hidden">changed to</span> {change.after}
              </>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
