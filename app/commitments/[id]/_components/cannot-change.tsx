import type { CommitmentView } from '@/lib/commitments/get-commitment';

/** For someone who may see a commitment but not change it (a page, not a bare 403, as for materials). */
export function CannotChangeCommitment({ commitment }: { commitment: CommitmentView }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">You cannot change this commitment</h1>
        <p className="govuk-body">Only members of {commitment.council.name} can change or withdraw its commitments.</p>
        <p className="govuk-body">
          <a className="govuk-link" href={`/commitments/${commitment.id}`}>
            Back to the commitment
          </a>
        </p>
      </div>
    </div>
  );
}
