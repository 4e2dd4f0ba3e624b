import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { SummaryList, type SummaryListRow } from '@/app/_components/govuk';
import { currentViewer } from '@/lib/sign-in/current-viewer';
import { getOrganisation, type OrganisationProfile } from '@/lib/organisations/get-organisation';
import { organisationTypeLabels } from '@/lib/organisations/organisation-common';
import { services } from '@/lib/runtime';

type Props = { params: Promise<{ slug: string }> };

async function load(slug: string) {
  await connection();
  return getOrganisation(await services(), await currentViewer(), slug);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const organisation = await load((await params).slug);
  return { title: organisation ? organisation.name : 'Page not found' };
}

const tierLabels: Record<string, string> = { county: 'County council', district: 'District council', unitary: 'Unitary authority' };

/** An organisation's public page: who it is and what it has shared. Anyone may see it. */
export default async function OrganisationPage({ params }: Props) {
  const organisation = await load((await params).slug);
  if (!organisation) notFound();
  const searchHref = `/search?${new URLSearchParams({ council: organisation.slug })}`;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <span className="govuk-caption-l">{organisationTypeLabels[organisation.type]}</span>
        <h1 className="govuk-heading-l">{organisation.name}</h1>
        <SummaryList rows={rows(organisation)} />
        <p className="govuk-body">
          {organisation.publicMaterialCount === 0 ? (
            <>{organisation.name} has not shared any public materials yet.</>
          ) : (
            <a className="govuk-link" href={searchHref}>
              Browse {organisation.publicMaterialCount === 1 ? 'the 1 public material' : `all ${organisation.publicMaterialCount} public materials`} from{' '}
              {organisation.name}
            </a>
          )}
        </p>
        {organisation.canManage ? (
          <>
            <h2 className="govuk-heading-m">Manage this organisation</h2>
            <ul className="govuk-list">
              <li>
                <a className="govuk-link" href={`/organisations/${organisation.slug}/manage`}>
                  Members, requests to join and email domains
                </a>
              </li>
              <li>
                <a className="govuk-link" href={`/organisations/${organisation.slug}/audit`}>
                  Audit log
                </a>
              </li>
            </ul>
          </>
        ) : null}
      </div>
    </div>
  );
}

function rows(organisation: OrganisationProfile): SummaryListRow[] {
  const rows: SummaryListRow[] = [{ key: 'Type', value: organisationTypeLabels[organisation.type] }];
  if (organisation.tier) rows.push({ key: 'Tier', value: tierLabels[organisation.tier] ?? organisation.tier });
  if (organisation.country) rows.push({ key: 'Country', value: organisation.country });
  if (organisation.homepageUrl) {
    rows.push({
      key: 'Website',
      value: (
        <a className="govuk-link" href={organisation.homepageUrl} rel="noopener noreferrer">
          {organisation.homepageUrl.replace(/^https?:\/\//, '').replace(/\/$/, '')}
        </a>
      ),
    });
  }
  rows.push({ key: 'Public materials', value: String(organisation.publicMaterialCount) });
  return rows;
}
