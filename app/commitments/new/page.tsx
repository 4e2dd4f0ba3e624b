import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { BackLink, ErrorSummary } from '@/app/_components/govuk';
import { canRecordCommitment } from '@/lib/auth/permissions';
import { newCommitmentContactChoices, phaseChoices } from '@/lib/commitments/commitment-form-choices';
import { errorsByField, loadFormAttempt } from '@/lib/forms/form-attempts';
import { services } from '@/lib/runtime';
import { currentViewer } from '@/lib/sign-in/current-viewer';
import { CommitmentForm } from '../_components/commitment-form';
import { commitmentFormValues } from '../_components/commitment-form-values';
import { JoinFirst } from '@/app/_components/join-first';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { attempt } = await searchParams;
  return { title: typeof attempt === 'string' ? 'Error: Record a commitment' : 'Record a commitment' };
}

/** Record a public commitment for your council. Members of a council only. */
export default async function NewCommitmentPage({ searchParams }: Props) {
  await connection();
  const viewer = await currentViewer();
  if (viewer.kind === 'anonymous') redirect('/sign-in?callbackUrl=%2Fcommitments%2Fnew');
  if (!canRecordCommitment(viewer) || !viewer.organisation) return <JoinFirst heading="Record a commitment" reason="You need to belong to a council to record a commitment on its behalf." />;
  const hub = await services();
  const { attempt: attemptId } = await searchParams;
  const [attempt, phases, contacts] = await Promise.all([
    loadFormAttempt(hub, viewer, 'commitment', '', attemptId),
    phaseChoices(hub),
    newCommitmentContactChoices(hub, viewer),
  ]);
  const values = commitmentFormValues(attempt);
  values.contact ??= viewer.userId;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href="/commitments">Back to commitments</BackLink>
        {attempt?.errors.length ? <ErrorSummary errors={attempt.errors.map((e) => ({ href: `#${e.field}`, text: e.message }))} /> : null}
        <span className="govuk-caption-l">{viewer.organisation.name}</span>
        <h1 className="govuk-heading-l">Record a commitment</h1>
        <p className="govuk-body">
          Say, in public, what your council will do to share its Discovery work, and by when. Other councils can see whether you kept it.
        </p>
        <CommitmentForm
          action="/commitments/record"
          submitLabel="Record commitment"
          cancelHref="/commitments"
          councilName={viewer.organisation.name}
          isOwnCouncil
          phases={phases}
          contacts={contacts}
          values={values}
          errors={errorsByField(attempt)}
        />
      </div>
    </div>
  );
}

