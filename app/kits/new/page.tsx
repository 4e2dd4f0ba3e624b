import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { BackLink, ErrorSummary } from '@/app/_components/govuk';
import { JoinFirst } from '@/app/_components/join-first';
import { canMakeKit } from '@/lib/auth/permissions';
import { errorsByField, loadFormAttempt, textValue } from '@/lib/forms/form-attempts';
import { services } from '@/lib/runtime';
import { currentViewer } from '@/lib/sign-in/current-viewer';
import { KitForm } from '../_components/kit-form';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { attempt } = await searchParams;
  return { title: typeof attempt === 'string' ? 'Error: Make a kit' : 'Make a kit' };
}

/** Make a kit for your council. Members of a council only. */
export default async function NewKitPage({ searchParams }: Props) {
  await connection();
  const viewer = await currentViewer();
  if (viewer.kind === 'anonymous') redirect('/sign-in?callbackUrl=%2Fkits%2Fnew');
  if (!canMakeKit(viewer) || !viewer.organisation) return <JoinFirst heading="Make a kit" reason="You need to belong to a council to make a kit." />;
  const { attempt: attemptId } = await searchParams;
  const attempt = await loadFormAttempt(await services(), viewer, 'kit', '', attemptId);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href="/kits">Back to kits</BackLink>
        {attempt?.errors.length ? <ErrorSummary errors={attempt.errors.map((e) => ({ href: `#${e.field}`, text: e.message }))} /> : null}
        <span className="govuk-caption-l">{viewer.organisation.name}</span>
        <h1 className="govuk-heading-l">Make a kit</h1>
        <p className="govuk-body">Give the kit a title, then add materials to it from their pages with ‘Add to a kit’. Members of your council can change it.</p>
        <KitForm
          action="/kits/make"
          submitLabel="Make kit"
          cancelHref="/kits"
          councilName={viewer.organisation.name}
          isOwnCouncil
          values={{ title: textValue(attempt?.values, 'title'), description: textValue(attempt?.values, 'description'), visibility: textValue(attempt?.values, 'visibility') }}
          errors={errorsByField(attempt)}
        />
      </div>
    </div>
  );
}
