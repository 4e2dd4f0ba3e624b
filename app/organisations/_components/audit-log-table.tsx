import { Table } from '@/app/_components/govuk';
import type { AuditEventEntry } from '@/lib/organisations/list-audit-events';
import { breakAnywhere, formatDateTime } from './format';

/** The audit log as a table: when, who, what, and each value before and after. */
export function AuditLogTable({ events }: { events: readonly AuditEventEntry[] }) {
  return (
    <Table
      caption="Changes, newest first"
      columns={[{ header: 'When' }, { header: 'Who' }, { header: 'What' }, { header: 'Details' }]}
      rows={events.map((event) => ({
        key: event.id,
        cells: [
          <time key="at" dateTime={event.at}>
            {formatDateTime(event.at)}
          </time>,
          event.actor,
          event.actionLabel,
          { content: <Details event={event} />, style: breakAnywhere },
        ],
      }))}
    />
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
