import { CouncilPicker } from '@/app/_components/council-picker';
import { Button, FileUpload, Radios } from '@/app/_components/govuk';
import { DescriptionFields, type DescriptionChoices, type DescriptionValues } from '@/app/materials/_components/description-fields';

export interface UploadFormValues extends DescriptionValues {
  council?: string;
  licence?: string;
  visibility?: string;
}

export interface UploadFormChoices extends DescriptionChoices {
  councils: { value: string; label: string }[];
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
      <DescriptionFields choices={choices} values={values} errors={errors} />
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
