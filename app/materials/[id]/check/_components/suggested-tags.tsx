import { Button, Checkboxes, Radios } from '@/app/_components/govuk';
import type { MaterialCheck } from '@/lib/file-checks/get-material-check';
import { errorsByField, type FormAttempt } from '@/lib/forms/form-attempts';

/** Tags suggested from the file's name and text, pre-ticked, added only when the person confirms them. */
export function SuggestedTags({ check, attempt }: { check: MaterialCheck; attempt: FormAttempt | undefined }) {
  const { suggestions } = check;
  if (!suggestions.artefactTypes.length && !suggestions.phases.length && !suggestions.topics.length) return null;
  const errors = errorsByField(attempt);
  return (
    <>
      <h2 className="govuk-heading-m">Suggested tags</h2>
      <p className="govuk-body">
        From the file’s name{suggestions.fromTextToo ? ' and text' : ' (its text is still being read)'}, these might also describe it. Untick anything that does
        not fit.
      </p>
      <form method="post" action={`/materials/${check.material.id}/check/tags`} noValidate>
        {suggestions.artefactTypes.length ? (
          <Radios
            id="artefactType"
            name="artefactType"
            label="Type of material"
            labelClassName="govuk-fieldset__legend--s"
            items={[
              { value: 'keep', label: `Keep ‘${check.material.artefactType.label}’` },
              ...suggestions.artefactTypes.map((t) => ({ value: t.slug, label: t.label })),
            ]}
            defaultValue="keep"
            error={errors.artefactType}
          />
        ) : null}
        {suggestions.phases.length ? (
          <Checkboxes
            id="phases"
            name="phases"
            label="Add phases"
            labelClassName="govuk-fieldset__legend--s"
            items={suggestions.phases.map((p) => ({ value: p.slug, label: p.label }))}
            defaultValues={suggestions.phases.map((p) => p.slug)}
            error={errors.phases}
          />
        ) : null}
        {suggestions.topics.length ? (
          <Checkboxes
            id="topics"
            name="topics"
            label="Add service areas"
            labelClassName="govuk-fieldset__legend--s"
            items={suggestions.topics.map((t) => ({ value: t.slug, label: t.label }))}
            defaultValues={suggestions.topics.map((t) => t.slug)}
            error={errors.topics}
          />
        ) : null}
        <Button variant="secondary">Add these tags</Button>
      </form>
    </>
  );
}
