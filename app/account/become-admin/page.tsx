import type { Metadata } from 'next';
import { connection } from 'next/server';
import { cache } from 'react';
import { BackLink, Button, ErrorSummary, Textarea } from '@/app/_components/govuk';
import { errorsByField, loadFormAttempt, textValue } from '@/lib/forms/form-attempts';
import { maxAdminRequestMessageLength } from '@/lib/organisations/ask-to-become-admin';
import { listOrganisationAdmins } from '@/lib/organisations/organisation-admins';
import { services } from '@/lib/runtime';
import { currentViewer, requireSignedIn } from '@/lib/sign-in/current-viewer';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const refused = cache(async (attemptId: unknown) => loadFormAttempt(await services(), await currentViewer(), 'become-admin', '', attemptId));

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  await connection();
  const attempt = await refused((await searchParams).attempt);
  return { title: `${attempt ? 'Error: ' : ''}Ask to become an organisation admin`, robots: { index: false } };
}

/** A member of a council with no organisation admin asks a site admin to make them its first. */
export default async function BecomeAdminPage({ searchParams }: Props) {
  await connection();
  const viewer = await requireSignedIn('/account/become-admin');
  const attempt = await refused((await searchParams).attempt);
  const organisation = viewer.organisation;
  const admins = organisation ? await listOrganisationAdmins(await services(), viewer, organisation.slug) : undefined;

  if (!organisation || !admins || admins.hasAdmin || viewer.role === 'org_admin') {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <BackLink href="/account">Back to your account</BackLink>
          <h1 className="govuk-heading-l">You cannot ask to become an organisation admin</h1>
          <p className="govuk-body">
            {!organisation
              ? 'You need to belong to a council or public body first.'
              : viewer.role === 'org_admin'
                ? `You are already an organisation admin of ${organisation.name}.`
                : `${organisation.name} has an organisation admin (${admins?.names.join(', ')}). Ask them to make you one.`}
          </p>
        </div>
      </div>
    );
  }

  const errors = errorsByField(attempt);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href="/account">Back to your account</BackLink>
        <ErrorSummary errors={(attempt?.errors ?? []).map((e) => ({ href: e.field === 'form' ? undefined : `#${e.field}`, text: e.message }))} />
        <h1 className="govuk-heading-l">Ask to become an organisation admin of {organisation.name}</h1>
        <p className="govuk-body">
          {organisation.name} has no organisation admin yet, so nobody can approve requests to join it or manage its members.
        </p>
        <p className="govuk-body">
          A site admin of Discovery Commons will check your request: whether your email address is on {organisation.name}’s
          email domain and who else belongs to it. They will see your name, your email address and your message. We will email
          you when they decide.
        </p>
        <form method="post" action="/account/become-admin/send" noValidate>
          <Textarea
            id="message"
            name="message"
            label="Your role at the council (optional)"
            labelClassName="govuk-label--m"
            hint={`For example, your job title and team, so the site admin knows who you are. Up to ${maxAdminRequestMessageLength} characters.`}
            defaultValue={textValue(attempt?.values, 'message')}
            error={errors.message}
            rows={4}
          />
          <Button preventDoubleClick>Send request</Button>
        </form>
      </div>
    </div>
  );
}
