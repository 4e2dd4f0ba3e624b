import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { BackLink, Button } from '@/app/_components/govuk';
import { CannotChangeCommitment } from '../_components/cannot-change';
import { loadCommitment } from '../_components/load-commitment';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const { commitment } = await loadCommitment(id);
  return { title: `Withdraw ${commitment.description}` };
}

/** Withdraw a commitment, after saying what that means. */
export default async function WithdrawCommitmentPage({ params }: Props) {
  const { id } = await params;
  const { viewer, commitment } = await loadCommitment(id);
  if (viewer.kind === 'anonymous') redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/commitments/${commitment.id}/withdraw`)}`);
  if (!commitment.can.change) return <CannotChangeCommitment commitment={commitment} />;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/commitments/${commitment.id}`}>Back to the commitment</BackLink>
        <span className="govuk-caption-l">{commitment.description}</span>
        <h1 className="govuk-heading-l">Withdraw this commitment</h1>
        <p className="govuk-body">When you withdraw it:</p>
        <ul className="govuk-list govuk-list--bullet">
          <li>it is no longer listed on the hub or on {commitment.council.name}’s page, and its evidence is no longer shown</li>
          <li>the materials attached as evidence are not changed</li>
          <li>{commitment.council.name}’s audit log keeps a record of what it said and who withdrew it</li>
        </ul>
        <p className="govuk-body">If only the date or the details need to change, change the commitment instead.</p>
        <form method="post" action={`/commitments/${commitment.id}/withdraw/confirm`}>
          <div className="govuk-button-group">
            <Button variant="warning" preventDoubleClick>
              Withdraw commitment
            </Button>
            <a className="govuk-link" href={`/commitments/${commitment.id}/edit`}>
              Change it instead
            </a>
          </div>
        </form>
      </div>
    </div>
  );
}
