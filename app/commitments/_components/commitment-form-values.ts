import { textValue, type FormAttempt } from '@/lib/forms/form-attempts';
import type { CommitmentView } from '@/lib/commitments/get-commitment';
import type { CommitmentFormValues } from './commitment-form';

const names = ['kind', 'phase', 'description', 'dueDay', 'dueMonth', 'dueYear', 'evidenceExpected', 'visibility', 'contact'] as const;

/** The form's answers: as refused (kept in the attempt), else the commitment as it is, else blank. */
export function commitmentFormValues(attempt: FormAttempt | undefined, commitment?: CommitmentView): CommitmentFormValues {
  if (attempt) return Object.fromEntries(names.map((name) => [name, textValue(attempt.values, name)]));
  if (!commitment) return {};
  const [year, month, day] = commitment.dueOn.split('-') as [string, string, string];
  return {
    kind: commitment.kind,
    phase: commitment.phase?.slug,
    description: commitment.description,
    dueDay: String(Number(day)),
    dueMonth: String(Number(month)),
    dueYear: year,
    evidenceExpected: commitment.evidenceExpected,
    visibility: commitment.visibility,
    contact: commitment.contactUserId ?? undefined,
  };
}
