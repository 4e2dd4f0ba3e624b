import { Button, Select, Textarea } from '@/app/_components/govuk';
import { errorsByField, textValue, type FormAttempt } from '@/lib/forms/form-attempts';
import { kitNoteLimit } from '@/lib/kits/kit-words';

/**
 * "Add to a kit" on a published material's page, for members of a council: choose one of your
 * council's kits, add a note, post. A plain form (no JavaScript). With no kit yet, a link to make one.
 * addKitItem (lib/kits) checks the kit, the viewer and the material again when it is posted.
 * The note's id is 'kit-note': "We used this" on the same page has its own 'note'.
 */
export const addToKitFieldIds: Record<string, string> = { note: 'kit-note', material: 'kit' };

export function AddToKit({ materialId, kits, attempt }: { materialId: string; kits: { value: string; label: string }[]; attempt: FormAttempt | undefined }) {
  const errors = errorsByField(attempt);
  return (
    <section aria-labelledby="add-to-kit-heading" id="add-to-kit">
      <h2 className="govuk-heading-m" id="add-to-kit-heading">
        Add to a kit
      </h2>
      {kits.length === 0 ? (
        <p className="govuk-body">
          A kit gathers materials for a piece of work so others can download them together.{' '}
          <a className="govuk-link" href="/kits/new">
            Make a kit
          </a>{' '}
          first, then come back to add this material.
        </p>
      ) : (
        <form method="post" action={`/materials/${materialId}/add-to-kit`} noValidate>
          <Select
            id="kit"
            name="kit"
            label="Kit"
            labelClassName="govuk-label--s"
            options={[{ value: '', label: 'Choose a kit' }, ...kits]}
            defaultValue={textValue(attempt?.values, 'kit') ?? ''}
            error={errors.kit ?? errors.material}
          />
          <Textarea
            id="kit-note"
            name="note"
            label="Note (optional)"
            labelClassName="govuk-label--s"
            hint={`Why it belongs in the kit, or how to use it. ${kitNoteLimit} characters or fewer.`}
            defaultValue={textValue(attempt?.values, 'note')}
            error={errors.note}
            rows={2}
          />
          <Button variant="secondary" preventDoubleClick>
            Add to kit
          </Button>
        </form>
      )}
    </section>
  );
}
