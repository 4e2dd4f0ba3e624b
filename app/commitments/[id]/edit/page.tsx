import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { BackLink, ErrorSummary } from '@/app/_components/govuk';
import { commitmentContactChoices, phaseChoices } from '@/lib/commitments/commitment-form-choices';
import { errorsByField, loadFormAttempt } from '@/lib/forms/form-attempts';
import { CommitmentForm } from '../../_components/commitment-form';
import { commitmentFormValues } from '../../_components/commitment-form-values';
import { CannotChangeCommitment } from '../_components/cannot-change';
import { loadCommitment } from '../_components/load-commitment';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { id } = await params;
  const { commitment } = await loadCommitment(id);
  const { attempt } = await searchParams;
  return { title: `${typeof attempt === 'string' ? 'Error: ' : ''}Change ${commitment.description}` };
}

/** Change a commitment: its council's members and site admins. */
export default async function EditCommitmentPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { hub, viewer, commitment } = await loadCommitment(id);
  if (viewer.kind === 'anonymous') redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/commitments/${commitment.id}/edit`)}`);
  if (!commitment.can.change) return <CannotChangeCommitment commitment={commitment} />;
  const { attempt: attemptId } = await searchParams;
  const [attempt, phases, contacts] = await Promise.all([
    loadFormAttempt(hub, viewer, 'commitment', commitment.id, attemptId),
    phaseChoices(hub),
    commitmentContactChoices(hub, viewer, commitment.id),
  ]);
  const isOwnCouncil = viewer.kind === 'user' && viewer.organisation?.slug === commitment.council.slug;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/commitments/${commitment.id}`}>Back to the commitment</BackLink>
        {attempt?.errors.length ? <ErrorSummary errors={attempt.errors.map((e) => ({ href: `#${e.field}`, text: e.message }))} /> : null}
        <span className="govuk-caption-l">{commitment.council.name}</span>
        <h1 className="govuk-heading-l">Change this commitment</h1>
        <CommitmentForm
          action={`/commitments/${commitment.id}/save`}
          submitLabel="Save changes"
          cancelHref={`/commitments/${commitment.id}`}
          councilName={commitment.council.name}
          isOwnCouncil={isOwnCouncil}
          phases={phases}
          contacts={contacts}
          values={commitmentFormValues(attempt, commitment)}
          errors={errorsByField(attempt)}
        />
      </div>
    </div>
  );
}
