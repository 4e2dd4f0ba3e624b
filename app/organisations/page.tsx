import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Button, Radios, TextInput } from '@/app/_components/govuk';
import { findOrganisations } from '@/lib/organisations/find-organisations';
import { organisationTypeLabels } from '@/lib/organisations/organisation-common';
import { services } from '@/lib/runtime';
import { currentViewer } from '@/lib/sign-in/current-viewer';

export const metadata: Metadata = { title: 'Councils and public bodies' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Every council and public body in the hub, each linking to its page, filtered by name and type with a
 * plain GET form: no JavaScript needed, and a filtered list has an address to share.
 */
export default async function OrganisationsPage({ searchParams }: Props) {
  await connection();
  const params = await searchParams;
  const { filter, organisations, total } = await findOrganisations(await services(), await currentViewer(), {
    name: first(params.name),
    type: first(params.type),
  });
  const filtered = filter.name !== '' || filter.type !== undefined;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-one-third">
        <h1 className="govuk-heading-l">Councils and public bodies</h1>
        <form method="get" action="/organisations" className="app-facets" role="search" aria-label="Filter councils and public bodies">
          <TextInput id="name" name="name" label="Name" labelClassName="govuk-label--s" defaultValue={filter.name} spellCheck={false} />
          <Radios
            id="type"
            name="type"
            label="Type"
            labelClassName="govuk-fieldset__legend--s"
            small
            defaultValue={filter.type ?? ''}
            items={[
              { value: '', label: 'All' },
              { value: 'council', label: 'Councils' },
              { value: 'public-body', label: 'Other public bodies' },
            ]}
          />
          <Button variant="secondary" className="govuk-!-margin-bottom-0">
            Filter
          </Button>
        </form>
      </div>
      <div className="govuk-grid-column-two-thirds">
        <p className="govuk-body" role="status">
          {filtered ? `${organisations.length} of ${total} organisations match. ` : `${total} organisations. `}
          {filtered ? (
            <a className="govuk-link" href="/organisations">
              Show all
            </a>
          ) : null}
        </p>
        {organisations.length === 0 ? (
          <p className="govuk-body">No council or public body has a name like that. Check the spelling, or use fewer words.</p>
        ) : (
          <ul className="govuk-list app-organisation-list">
            {organisations.map((organisation) => (
              <li key={organisation.slug}>
                <a className="govuk-link" href={`/organisations/${organisation.slug}`}>
                  {organisation.name}
                </a>
                {organisation.type === 'public-body' ? <span className="govuk-hint govuk-!-display-inline"> ({organisationTypeLabels['public-body']})</span> : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
