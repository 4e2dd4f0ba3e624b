import { Table } from '@/app/_components/govuk';
import type { ReferenceOperation } from '@/lib/api/reference/api-reference';
import { Described } from './described';

/** One operation of the API: what it does, its parameters and its answers. */
export function OperationSection({ operation, apiPath }: { operation: ReferenceOperation; apiPath: string }) {
  return (
    <section id={operation.id} aria-labelledby={`${operation.id}-heading`} className="govuk-!-margin-bottom-8">
      <h3 className="govuk-heading-m" id={`${operation.id}-heading`}>
        {operation.summary}
      </h3>
      <p className="govuk-body">
        <code className="app-code">
          {operation.method} {apiPath}
          {operation.path}
        </code>
      </p>
      <p className="govuk-body">
        <Described text={operation.description} />
      </p>
      {operation.needsWriteToken ? (
        <p className="govuk-body">
          <strong>Needs a read and write token</strong> in the <code>Authorization</code> header. Signing in to the website is not
          enough: the API never takes the website’s cookie for a change.
        </p>
      ) : null}
      {operation.requestBody ? (
        <p className="govuk-body">
          Send {operation.requestBody.required ? '' : '(if anything) '}
          <code>{operation.requestBody.contentType}</code>
          {operation.requestBody.schema ? (
            <>
              {' '}
              shaped as{' '}
              <a className="govuk-link" href={`#schema-${operation.requestBody.schema}`}>
                {operation.requestBody.schema}
              </a>
            </>
          ) : null}
          .
        </p>
      ) : null}
      {operation.parameters.length > 0 ? (
        <Table
          caption={`Parameters of ${operation.summary.toLowerCase()}`}
          captionVisible
          className="govuk-table--small-text-until-tablet"
          columns={[{ header: 'Name' }, { header: 'In' }, { header: 'Type' }, { header: 'What it means' }]}
          rowHeaders
          rows={operation.parameters.map((p) => ({
            key: `${p.where}-${p.name}`,
            cells: [
              <code key="name">{p.name}</code>,
              `${p.where}${p.required ? ', required' : ''}`,
              p.type,
              <Described key="description" text={p.description} />,
            ],
          }))}
        />
      ) : (
        <p className="govuk-body">It takes no query parameters.</p>
      )}
      <Table
        caption={`Answers of ${operation.summary.toLowerCase()}`}
        captionVisible
        className="govuk-table--small-text-until-tablet"
        columns={[{ header: 'Status' }, { header: 'When' }, { header: 'Body' }]}
        rowHeaders
        rows={operation.answers.map((a) => ({
          key: a.status,
          cells: [
            a.status,
            <Described key="description" text={a.description} />,
            a.schema ? (
              <a key="schema" className="govuk-link" href={a.schema === 'Problem' ? '#problems' : `#schema-${a.schema}`}>
                {a.schema}
              </a>
            ) : (
              (a.contentType ?? 'None')
            ),
          ],
        }))}
      />
    </section>
  );
}
