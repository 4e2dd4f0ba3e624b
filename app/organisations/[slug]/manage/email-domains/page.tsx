import type { Metadata } from 'next';
import { connection } from 'next/server';
import { BackLink } from '@/app/_components/govuk';
import { orNotFound } from '@/app/organisations/_components/or-not-found';
import { currentViewer } from '@/lib/auth/current-viewer';
import { getOrganisationSettings } from '@/lib/organisations/get-organisation-settings';
import { services } from '@/lib/runtime';
import { EmailDomainsForm } from '../_components/email-domains-form';
import { updateEmailDomainsAction } from '../actions';

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: 'Email domains' };

/** For the organisation's own admins and site admins; anyone else gets "Page not found". */
export default async function EmailDomainsPage({ params }: Props) {
  await connection();
  const { slug } = await params;
  const organisation = await orNotFound(getOrganisationSettings(await services(), await currentViewer(), slug));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/organisations/${organisation.slug}/manage`} />
        <EmailDomainsForm
          action={updateEmailDomainsAction.bind(null, organisation.slug)}
          organisationName={organisation.name}
          manageHref={`/organisations/${organisation.slug}/manage`}
          emailDomains={organisation.emailDomains}
        />
      </div>
    </div>
  );
}
