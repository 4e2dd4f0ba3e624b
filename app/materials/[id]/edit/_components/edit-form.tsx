import { Button, Radios } from '@/app/_components/govuk';
import { ProjectField } from '@/app/materials/_components/project-field';
import { DescriptionFields, type DescriptionChoices } from '@/app/materials/_components/description-fields';
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
  project: string;
}

export interface EditFormChoices extends DescriptionChoices {
  /** Undefined when the material belongs to no council: then it can only be public. */
  visibilities: VisibilityOption[] | undefined;
  /** The council's projects (and those it is a partner in): empty when it has none, and then the field is left out. */
  projects: { value: string; label: string }[];
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
      <DescriptionFields choices={choices} values={values} errors={errors} />
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
      <ProjectField projects={choices.projects} value={values.project} error={errors.project} />
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
