import { Button, Checkboxes, Textarea } from '@/app/_components/govuk';
import type { MaterialCheck } from '@/lib/file-checks/get-material-check';
import { publishReasonLimit } from '@/lib/file-checks/publish-material';
import { errorsByField, textValue, type FormAttempt } from '@/lib/forms/form-attempts';

/** Publish the draft: a reason when something was found, and the council's acknowledgement if it asks for one. */
export function PublishForm({ check, attempt }: { check: MaterialCheck; attempt: FormAttempt | undefined }) {
  const { needs } = check;
  if (needs.kind === 'wait' || needs.kind === 'blocked') return null;
  const errors = errorsByField(attempt);
  return (
    <>
      <h2 className="govuk-heading-m">Publish</h2>
      <form method="post" action={`/materials/${check.material.id}/check/publish`} noValidate>
        {check.acknowledgementRequired ? (
          <Checkboxes
            id="acknowledged"
            name="acknowledged"
            label="Your council asks you to confirm the check"
            labelClassName="govuk-fieldset__legend--s"
            items={[{ value: 'yes', label: 'I have read the check of this file' }]}
            defaultValues={textValue(attempt?.values, 'acknowledged') === 'yes' ? ['yes'] : []}
            error={errors.acknowledged}
          />
        ) : null}
        {needs.kind === 'reason' ? (
          <Textarea
            id="reason"
            name="reason"
            label="Why is it right to publish this file as it is?"
            labelClassName="govuk-label--s"
            hint={`${needs.why} For example, ‘The phone numbers are our council’s office numbers’. This goes in your council’s audit log. ${publishReasonLimit} characters or fewer.`}
            defaultValue={textValue(attempt?.values, 'reason')}
            error={errors.reason}
            rows={3}
          />
        ) : (
          <>
            {errors.reason ? <p className="govuk-error-message" id="reason">{errors.reason}</p> : null}
            <p className="govuk-body">When you publish it, everyone it is shared with can find and download it.</p>
          </>
        )}
        <Button preventDoubleClick>{needs.kind === 'reason' ? 'Publish anyway' : 'Publish'}</Button>
      </form>
    </>
  );
}
