import { CouncilPicker } from '@/app/_components/council-picker';
import { Button, Checkboxes, FileUpload, Radios, Select, Textarea, TextInput } from '@/app/_components/govuk';
import type { UploadFormValues } from '@/lib/materials/upload-attempts';

export interface UploadFormChoices {
  phases: { value: string; label: string; hint: string }[];
  artefactTypes: { value: string; label: string }[];
  kinds: { value: string; label: string; hint: string }[];
  topics: { value: string; label: string }[];
  councils: { value: string; label: string }[];
  licences: { value: string; label: string }[];
  visibilities: { value: string; label: string; hint: string }[];
  /** The sharer's own organisation; undefined for site admins, who choose. */
  ownOrganisation: string | undefined;
  defaultLicence: string;
  maxSize: string;
  acceptedFormats: string;
  accept: string;
}

/**
 * The upload form. It posts multipart/form-data to /materials/upload, which streams the file, so it
 * works the same with JavaScript off. The file input is last: the server reads every answer before the
 * first byte of the file.
 */
export function UploadForm({
  choices,
  values,
  errors,
}: {
  choices: UploadFormChoices;
  values: UploadFormValues | undefined;
  errors: Record<string, string>;
}) {
  return (
    <form method="post" action="/materials/upload" encType="multipart/form-data" noValidate>
      <TextInput
        id="title"
        name="title"
        label="Title"
        labelClassName="govuk-label--m"
        hint="Say what it is and what it was for, for example ‘Discussion guide for residents who missed a bin collection’"
        defaultValue={values?.title}
        error={errors.title}
        spellCheck
      />
      <Textarea
        id="summary"
        name="summary"
        label="Summary (optional)"
        labelClassName="govuk-label--m"
        hint="A few sentences on what it contains, how you used it and what you would change. This helps others find it."
        defaultValue={values?.summary}
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
        defaultValues={values?.phases}
        error={errors.phases}
      />
      <Select
        id="artefactType"
        name="artefactType"
        label="Type of material"
        labelClassName="govuk-label--m"
        options={[{ value: '', label: 'Choose a type' }, ...choices.artefactTypes]}
        defaultValue={values?.artefactType ?? ''}
        error={errors.artefactType}
      />
      <Radios
        id="kind"
        name="kind"
        label="Is it a template, a worked example or guidance?"
        labelClassName="govuk-fieldset__legend--m"
        items={choices.kinds}
        defaultValue={values?.kind}
        error={errors.kind}
      />
      <Checkboxes
        id="topics"
        name="topics"
        label="Service areas (optional)"
        labelClassName="govuk-fieldset__legend--m"
        hint="Select the council services it relates to, if any."
        items={choices.topics}
        defaultValues={values?.topics}
        error={errors.topics}
        small
      />
      <TextInput
        id="tags"
        name="tags"
        label="Tags (optional)"
        labelClassName="govuk-label--m"
        hint="Other words people might search for, separated by commas, for example ‘interviews, older residents, recycling’"
        defaultValue={values?.tags}
        error={errors.tags}
      />
      {choices.ownOrganisation ? (
        <div className="govuk-form-group">
          <h2 className="govuk-label-wrapper">
            <span className="govuk-label govuk-label--m">Council</span>
          </h2>
          <p className="govuk-body">
            You are sharing this for <strong>{choices.ownOrganisation}</strong>.
          </p>
        </div>
      ) : (
        <CouncilPicker
          id="council"
          name="council"
          label="Council (optional)"
          labelClassName="govuk-label--m"
          hint="As a site admin you can share for any council. Start typing to find it."
          options={choices.councils}
          defaultValue={values?.council}
          error={errors.council}
        />
      )}
      <Radios
        id="visibility"
        name="visibility"
        label="Who can see it?"
        labelClassName="govuk-fieldset__legend--m"
        hint="You can change this later."
        items={choices.visibilities}
        defaultValue={values?.visibility || 'public'}
        error={errors.visibility}
      />
      <Radios
        id="licence"
        name="licence"
        label="Licence"
        labelClassName="govuk-fieldset__legend--m"
        hint="How others may reuse it. Most council material can be shared under the Open Government Licence."
        items={choices.licences}
        defaultValue={values?.licence || choices.defaultLicence}
        error={errors.licence}
        small
      />
      <FileUpload
        id="file"
        name="file"
        label="Upload a file"
        labelClassName="govuk-label--m"
        hint={`${choices.acceptedFormats}. Smaller than ${choices.maxSize}. Remove personal information about research participants before you share it.`}
        accept={choices.accept}
        error={errors.file}
      />
      <Button preventDoubleClick>Share material</Button>
    </form>
  );
}
