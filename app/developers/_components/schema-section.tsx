import { Table } from '@/app/_components/govuk';
import type { ApiReference } from '@/lib/api/reference/api-reference';
import { Described } from './described';

/** One data shape of the API's answers, field by field. */
export function SchemaSection({ schema }: { schema: ApiReference['schemas'][number] }) {
  return (
    <section id={`schema-${schema.name}`} aria-labelledby={`schema-${schema.name}-heading`} className="govuk-!-margin-bottom-6">
      <h3 className="govuk-heading-s" id={`schema-${schema.name}-heading`}>
        {schema.name}
      </h3>
      {schema.description ? (
        <p className="govuk-body">
          <Described text={schema.description} />
        </p>
      ) : null}
      <Table
        caption={`Fields of ${schema.name}`}
        className="govuk-table--small-text-until-tablet"
        columns={[{ header: 'Field' }, { header: 'Type' }, { header: 'Always there' }, { header: 'What it means' }]}
        rowHeaders
        rows={schema.fields.map((f) => ({
          key: f.name,
          cells: [<code key="name">{f.name}</code>, f.type, f.required ? 'Yes' : 'No', <Described key="description" text={f.description} />],
        }))}
      />
    </section>
  );
}
