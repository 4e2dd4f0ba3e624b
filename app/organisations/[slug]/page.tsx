import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { cache } from 'react';
import { ErrorSummary, SummaryList, type SummaryListRow } from '@/app/_components/govuk';
import { MaterialList } from '@/app/_components/material-list';
import { currentViewer } from '@/lib/sign-in/current-viewer';
import { loadFormAttempt } from '@/lib/forms/form-attempts';
import { listOrganisationMaterials } from '@/lib/materials/list-organisation-materials';
import { maxContactMessageLength } from '@/lib/organisations/contact-organisation-admins';
import { getOrganisation, type OrganisationProfile } from '@/lib/organisations/get-organisation';
import { listOrganisationAdmins } from '@/lib/organisations/organisation-admins';
import { organisationTypeLabels } from '@/lib/organisations/organisation-common';
import { feedAlternates } from '@/lib/open-data/feed-links';
import { services } from '@/lib/runtime';
import { listCommitments } from '@/lib/commitments/list-commitments';
import { listProjects } from '@/lib/projects/list-projects';
import { FollowButton } from '@/app/_components/follow-button';
import { findFollow } from '@/lib/following/list-follows';
import { ContactAdmins } from './_components/contact-admins';
import { CouncilCommitments } from './_components/council-commitments';
import { CouncilProjects } from './_components/council-projects';

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// Once per request, shared by the metadata and the page.
const load = cache(async (slug: string) => {
  await connection();
  return getOrganisation(await services(), await currentViewer(), slug);
});

// A refused message comes back with what to fix (lib/forms/form-attempts.ts).
const refusal = cache(async (slug: string, attemptId: unknown) =>
  loadFormAttempt(await services(), await currentViewer(), 'contact-admins', slug, attemptId),
);

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { slug } = await params;
  const organisation = await load(slug);
  const attempt = organisation ? await refusal(slug, (await searchParams).attempt) : undefined;
  if (!organisation) return { title: 'Page not found' };
  return {
    title: `${attempt ? 'Error: ' : ''}${organisation.name}`,
    alternates: feedAlternates(`/organisations/${organisation.slug}/feed`, `New public materials from ${organisation.name} (Atom feed)`),
  };
}

const tierLabels: Record<string, string> = { county: 'County council', district: 'District council', unitary: 'Unitary authority' };

/**
 * An organisation's page: who it is, the materials of it the viewer may see, who its admins are and
 * how to write to them. Anyone may see it; what it lists depends on the viewer (visibleMaterialsSql).
 */
export default async function OrganisationPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const organisation = await load(slug);
  if (!organisation) notFound();
  const { attempt: attemptId, sent } = await searchParams;
  const hub = await services();
  const viewer = await currentViewer();
  const [attempt, admins, listed, commitments, projects, followId] = await Promise.all([
    refusal(slug, attemptId),
    listOrganisationAdmins(hub, viewer, slug),
    listOrganisationMaterials(hub, viewer, slug),
    listCommitments(hub, viewer, { council: organisation.slug, page: 1 }, { pageSize: 10 }),
    listProjects(hub, viewer, { council: organisation.slug, page: 1 }, { pageSize: 10 }),
    findFollow(hub, viewer, 'council', organisation.slug),
  ]);
  const searchHref = `/search?${new URLSearchParams({ council: organisation.slug })}`;
  const isMember = viewer.kind === 'user' && viewer.organisation?.id !== undefined && viewer.organisation.slug === organisation.slug;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={(attempt?.errors ?? []).map((e) => ({ href: e.field === 'form' ? undefined : `#${e.field}`, text: e.message }))} />
        <span className="govuk-caption-l">{organisationTypeLabels[organisation.type]}</span>
        <h1 className="govuk-heading-l">{organisation.name}</h1>
        <FollowButton
          viewer={viewer}
          kind="council"
          target={organisation.slug}
          followId={followId}
          label={organisation.name}
          returnTo={`/organisations/${organisation.slug}`}
        />
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
        <h2 className="govuk-heading-m">Materials</h2>
        <p className="govuk-body-s">
          <a className="govuk-link" href={`/organisations/${organisation.slug}/feed`}>
            Subscribe to new materials from {organisation.name} (Atom feed)
          </a>{' '}
          – public materials only.
        </p>
        {listed.total === 0 ? (
          <p className="govuk-body">There are no materials from {organisation.name} that you can see.</p>
        ) : (
          <>
            <MaterialList caption={`Materials from ${organisation.name} you can see`} items={listed.items} />
            {listed.total > listed.items.length ? (
              <p className="govuk-body">
                The newest {listed.items.length} of {listed.total} are listed.{' '}
                <a className="govuk-link" href={searchHref}>
                  Search all of them
                </a>
              </p>
            ) : null}
          </>
        )}
        <CouncilProjects council={organisation} list={projects} canRegister={isMember} />
        <CouncilCommitments council={organisation} list={commitments} canRecord={isMember} />
        {isMember && !admins.hasAdmin && viewer.kind === 'user' && viewer.role !== 'org_admin' ? (
          <p className="govuk-body">
            You are a member of {organisation.name}, which has no organisation admin yet.{' '}
            <a className="govuk-link" href="/account/become-admin">
              Ask to become its organisation admin
            </a>
          </p>
        ) : null}
        <ContactAdmins
          organisation={organisation}
          admins={admins}
          signedIn={viewer.kind === 'user'}
          sent={sent === '1'}
          attempt={attempt}
          maxMessageLength={maxContactMessageLength}
        />
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
