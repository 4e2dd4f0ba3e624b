import type { Metadata } from 'next';
import { connection } from 'next/server';
import { cache } from 'react';
import { BackLink, Button, ErrorSummary, TextInput } from '@/app/_components/govuk';
import { errorsByField, loadFormAttempt, textValue } from '@/lib/forms/form-attempts';
import { getAccount } from '@/lib/people/get-account';
import { services } from '@/lib/runtime';
import { currentViewer, requireSignedIn } from '@/lib/sign-in/current-viewer';
import { maxDisplayNameLength } from '@/lib/text/display-name';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const refused = cache(async (attemptId: unknown) => loadFormAttempt(await services(), await currentViewer(), 'display-name', '', attemptId));

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  await connection();
  const attempt = await refused((await searchParams).attempt);
  return { title: `${attempt ? 'Error: ' : ''}Your name`, robots: { index: false } };
}

/** Set the name others see: in member lists, beside versions, in the audit log. */
export default async function NamePage({ searchParams }: Props) {
  await connection();
  const viewer = await requireSignedIn('/account/name');
  const attempt = await refused((await searchParams).attempt);
  const account = await getAccount(await services(), viewer);
  const errors = errorsByField(attempt);
  const current = attempt ? textValue(attempt.values, 'name') : (account?.name ?? '');

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href="/account">Back to your account</BackLink>
        <ErrorSummary errors={(attempt?.errors ?? []).map((e) => ({ href: e.field === 'form' ? undefined : `#${e.field}`, text: e.message }))} />
        <form method="post" action="/account/name/save" noValidate>
          <TextInput
            id="name"
            name="name"
            label="What is your name?"
            labelClassName="govuk-label--l"
            labelIsPageHeading
            hint={`Others see it beside what you share and change, and in your council’s member list. Your email address is never shown in its place. Up to ${maxDisplayNameLength} characters.`}
            defaultValue={current}
            error={errors.name}
            autoComplete="name"
            spellCheck={false}
            className="govuk-!-width-two-thirds"
          />
          <Button preventDoubleClick>Save your name</Button>
        </form>
      </div>
    </div>
  );
}
