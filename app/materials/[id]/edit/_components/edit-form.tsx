import { Button, Checkboxes, Radios, Select, Textarea, TextInput } from '@/app/_components/govuk';
import type { VisibilityOption } from '@/lib/materials/visibility-words';

export interface EditFormValues {
  title: string;
  summary: string;
  phases: string[];
  artefactType: string;
  kind: string;
  topics: string[];
  tags: string;
  licence: string;
  visibility: string;
}

export interface EditFormChoices {
  phases: { value: string; label: string; hint: string }[];
  artefactTypes: { value: string; label: string }[];
  kinds: { value: string; label: string; hint: string }[];
  topics: { value: string; label: string }[];
  licences: { value: string; label: string }[];
  /** Undefined when the material belongs to no council: then it can only be public. */
  visibilities: VisibilityOption[] | undefined;
}

/**
 * Changing a material's details. A plain form (urlencoded POST to a route handler), so it works the
 * same with JavaScript off; the answers come back prefilled, with the errors, when something is wrong.
 */
export function EditForm({
  materialId,
  choices,
  values,
  errors,
}: {
  materialId: string;
  choices: EditFormChoices;
  values: EditFormValues;
  errors: Record<string, string>;
}) {
  return (
    <form method="post" action={`/materials/${materialId}/edit/save`} noValidate>
      <TextInput id="title" name="title" label="Title" labelClassName="govuk-label--m" defaultValue={values.title} error={errors.title} spellCheck />
      <Textarea
        id="summary"
        name="summary"
        label="Summary (optional)"
        labelClassName="govuk-label--m"
        hint="A few sentences on what it contains, how you used it and what you would change."
        defaultValue={values.summary}
        error={errors.summary}
        rows={5}
      />
      <Checkboxes
        id="phases"
        name="phases"
        label="Which phases is it for?"
        labelClassName="govuk-fieldset__legend--m"
        hint="Select all that apply."
        items={choices.phases}
        defaultValues={values.phases}
        error={errors.phases}
      />
      <Select
        id="artefactType"
        name="artefactType"
        label="Type of material"
        labelClassName="govuk-label--m"
        options={[{ value: '', label: 'Choose a type' }, ...choices.artefactTypes]}
        defaultValue={values.artefactType}
        error={errors.artefactType}
      />
      <Radios
        id="kind"
        name="kind"
        label="Is it a template, a worked example or guidance?"
        labelClassName="govuk-fieldset__legend--m"
        items={choices.kinds}
        defaultValue={values.kind}
        error={errors.kind}
      />
      <Checkboxes
        id="topics"
        name="topics"
        label="Service areas (optional)"
        labelClassName="govuk-fieldset__legend--m"
        items={choices.topics}
        defaultValues={values.topics}
        error={errors.topics}
        small
      />
      <TextInput
        id="tags"
        name="tags"
        label="Tags (optional)"
        labelClassName="govuk-label--m"
        hint="Other words people might search for, separated by commas."
        defaultValue={values.tags}
        error={errors.tags}
      />
      {choices.visibilities ? (
        <Radios
          id="visibility"
          name="visibility"
          label="Who can see it?"
          labelClassName="govuk-fieldset__legend--m"
          items={choices.visibilities}
          defaultValue={values.visibility}
          error={errors.visibility}
        />
      ) : (
        <div className="govuk-form-group">
          <h2 className="govuk-heading-m">Who can see it?</h2>
          <p className="govuk-body">Public – anyone can find and download it. It does not belong to a council, so it stays public.</p>
          <input type="hidden" name="visibility" value="public" />
        </div>
      )}
      <Radios
        id="licence"
        name="licence"
        label="Licence"
        labelClassName="govuk-fieldset__legend--m"
        hint="How others may reuse it."
        items={choices.licences}
        defaultValue={values.licence}
        error={errors.licence}
        small
      />
      <div className="govuk-button-group">
        <Button preventDoubleClick>Save changes</Button>
        <a className="govuk-link" href={`/materials/${materialId}`}>
          Cancel
        </a>
      </div>
    </form>
  );
}
