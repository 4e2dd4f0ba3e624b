import type { Metadata } from 'next';
import { connection } from 'next/server';
import { cache } from 'react';
import { BackLink, Button, ErrorSummary, Textarea } from '@/app/_components/govuk';
import { orNotFound } from '@/app/organisations/_components/or-not-found';
import { errorsByField, loadFormAttempt, textValue } from '@/lib/forms/form-attempts';
import { getOrganisationSettings } from '@/lib/organisations/get-organisation-settings';
import { services } from '@/lib/runtime';
import { currentViewer } from '@/lib/sign-in/current-viewer';

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// Once per request, shared by the metadata and the page.
const load = cache(async (slug: string, attemptId: unknown) => {
  await connection();
  const hub = await services();
  const viewer = await currentViewer();
  // For the organisation's own admins and site admins; anyone else gets "Page not found".
  const organisation = await orNotFound(getOrganisationSettings(hub, viewer, slug));
  const attempt = await loadFormAttempt(hub, viewer, 'email-domains', organisation.slug, attemptId);
  return { organisation, attempt };
});

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { attempt } = await load((await params).slug, (await searchParams).attempt);
  // GOV.UK pattern: "Error: " first when the page shows errors.
  return { title: `${attempt ? 'Error: ' : ''}Email domains` };
}

/** Changing an organisation's email domains, one on each line. Posts without JavaScript. */
export default async function EmailDomainsPage({ params, searchParams }: Props) {
  const { organisation, attempt } = await load((await params).slug, (await searchParams).attempt);
  const errors = errorsByField(attempt);
  const manageHref = `/organisations/${organisation.slug}/manage`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={manageHref} />
        {attempt ? <ErrorSummary errors={attempt.errors.map((e) => ({ href: e.field === 'form' ? undefined : `#${e.field}`, text: e.message }))} /> : null}
        <form method="post" action={`/organisations/${organisation.slug}/manage/email-domains/save`} noValidate>
          <span className="govuk-caption-l">{organisation.name}</span>
          <Textarea
            id="emailDomains"
            name="emailDomains"
            label="Email domains"
            labelClassName="govuk-label--l"
            labelIsPageHeading
            hint={
              <>
                <p className="govuk-body govuk-hint">
                  People who sign in with a verified address on one of these domains join {organisation.name} as members.
                  Enter one domain on each line, for example bristol.gov.uk.
                </p>
                <p className="govuk-body govuk-hint govuk-!-margin-bottom-0">
                  Public email services such as gmail.com or outlook.com cannot be used: anyone can get an address there.
                  People with those addresses can ask to join instead.
                </p>
              </>
            }
            defaultValue={textValue(attempt?.values, 'emailDomains') ?? organisation.emailDomains.join('\n')}
            error={errors.emailDomains}
            rows={6}
            spellCheck={false}
            autoCapitalize="none"
            autoComplete="off"
          />
          <div className="govuk-button-group">
            <Button preventDoubleClick>Save email domains</Button>
            <a className="govuk-link" href={manageHref}>
              Cancel
            </a>
          </div>
        </form>
      </div>
    </div>
  );
}
