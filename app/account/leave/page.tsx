import type { Metadata } from 'next';
import { connection } from 'next/server';
import { cache } from 'react';
import { BackLink, Button, ErrorSummary, InsetText } from '@/app/_components/govuk';
import { loadFormAttempt } from '@/lib/forms/form-attempts';
import { services } from '@/lib/runtime';
import { currentViewer, requireSignedIn } from '@/lib/sign-in/current-viewer';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const refused = cache(async (attemptId: unknown) => loadFormAttempt(await services(), await currentViewer(), 'leave', '', attemptId));

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  await connection();
  const viewer = await currentViewer();
  const attempt = await refused((await searchParams).attempt);
  const name = viewer.kind === 'user' && viewer.organisation ? viewer.organisation.name : 'your organisation';
  return { title: `${attempt ? 'Error: ' : ''}Leave ${name}`, robots: { index: false } };
}

/** Leaving one's council, for instance to ask to join another. */
export default async function LeavePage({ searchParams }: Props) {
  await connection();
  const viewer = await requireSignedIn('/account/leave');
  const attempt = await refused((await searchParams).attempt);
  const organisation = viewer.organisation;

  if (!organisation) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <BackLink href="/account">Back to your account</BackLink>
          <h1 className="govuk-heading-l">You do not belong to an organisation</h1>
          <p className="govuk-body">
            <a className="govuk-link" href="/account/join">
              Ask to join your council
            </a>
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href="/account">Back to your account</BackLink>
        {attempt ? <ErrorSummary errors={attempt.errors.map((e) => ({ text: e.message }))} /> : null}
        <h1 className="govuk-heading-l">Are you sure you want to leave {organisation.name}?</h1>
        <p className="govuk-body">From your next page view:</p>
        <ul className="govuk-list govuk-list--bullet">
          <li>you will no longer share materials for {organisation.name}, or see the materials it keeps to itself</li>
          <li>what you shared stays with {organisation.name}, for its members to look after</li>
          <li>you can ask to join another council or public body</li>
        </ul>
        {viewer.role === 'org_admin' ? (
          <InsetText>
            You are an organisation admin. If others still belong to {organisation.name}, make one of them an organisation admin
            before you leave.
          </InsetText>
        ) : null}
        <form method="post" action="/account/leave/confirm" className="govuk-button-group">
          <Button variant="warning" preventDoubleClick>
            Leave {organisation.name}
          </Button>
          <a className="govuk-link" href="/account">
            Cancel
          </a>
        </form>
      </div>
    </div>
  );
}
