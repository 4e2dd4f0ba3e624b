import { Tag } from '@/app/_components/govuk';
import { commitmentStatusColours, commitmentStatusLabels, type CommitmentStatus } from '@/lib/commitments/commitment-words';

/** A commitment's status as a GOV.UK tag (colour and words: the words alone carry the meaning). */
export function StatusTag({ status }: { status: CommitmentStatus }) {
  const colour = commitmentStatusColours[status];
  // Blue is GOV.UK's default tag colour, given by no colour at all.
  return <Tag colour={colour === 'blue' ? undefined : colour}>{commitmentStatusLabels[status]}</Tag>;
}
