import { Button, Textarea } from '@/app/_components/govuk';
import type { FormAttempt } from '@/lib/forms/form-attempts';
import { errorsByField, textValue } from '@/lib/forms/form-attempts';
import type { MaterialReuse } from '@/lib/reuse/get-material-reuse';
import { useNoteLimit } from '@/lib/reuse/record-use';

/**
 * "Used by": the councils that said they used this material, with how, for everyone who may see it;
 * and for members of other councils, the form to say theirs did (or change its note, or take it back).
 * Plain forms: they work without JavaScript, and a refused note comes back with its error.
 */
export function WeUsedThis({ materialId, reuse, attempt, done }: { materialId: string; reuse: MaterialReuse; attempt?: FormAttempt; done?: string }) {
  const errors = errorsByField(attempt);
  return (
    <section id="we-used-this" aria-labelledby="used-by-heading">
      <h2 className="govuk-heading-m" id="used-by-heading">
        Used by
      </h2>
      {done === 'recorded' ? <p className="govuk-body govuk-!-font-weight-bold">Your council is now listed as using this material.</p> : null}
      {done === 'withdrawn' ? <p className="govuk-body govuk-!-font-weight-bold">Your council is no longer listed as using this material.</p> : null}
      {reuse.uses.length === 0 ? (
        <p className="govuk-body">No council has said it used this material yet.</p>
      ) : (
        <ul className="govuk-list">
          {reuse.uses.map((use) => (
            <li key={use.council.slug}>
              <a className="govuk-link" href={`/organisations/${encodeURIComponent(use.council.slug)}`}>
                {use.council.name}
              </a>
              {use.note ? <p className="govuk-body govuk-!-margin-top-1">{use.note}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {reuse.canRecord ? (
        <>
          <h3 className="govuk-heading-s">We used this</h3>
          <form method="post" action={`/materials/${materialId}/uses/record`} noValidate>
            <Textarea
              id="note"
              name="note"
              label={reuse.own ? 'How your council used it (optional)' : 'Say your council used this material, and how (optional)'}
              labelClassName="govuk-label--s"
              hint={`For example, which project or service it helped. ${useNoteLimit} characters or fewer.`}
              defaultValue={textValue(attempt?.values, 'note') ?? reuse.own?.note ?? ''}
              error={errors.note}
              rows={3}
            />
            <Button preventDoubleClick>{reuse.own ? 'Save the note' : 'We used this'}</Button>
          </form>
          {reuse.own ? (
            <form method="post" action={`/materials/${materialId}/uses/withdraw`}>
              <Button variant="secondary" preventDoubleClick>
                Remove our council from this list
              </Button>
            </form>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
