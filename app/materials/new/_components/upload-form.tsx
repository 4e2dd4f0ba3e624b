import { CouncilPicker } from '@/app/_components/council-picker';
import { Button, Checkboxes, FileUpload, Radios } from '@/app/_components/govuk';
import { ProjectField } from '@/app/materials/_components/project-field';
import { DescriptionFields, type DescriptionChoices, type DescriptionValues } from '@/app/materials/_components/description-fields';

export interface UploadFormValues extends DescriptionValues {
  council?: string;
  licence?: string;
  visibility?: string;
  project?: string;
}

export interface UploadFormChoices extends DescriptionChoices {
  councils: { value: string; label: string }[];
  visibilities: { value: string; label: string; hint: string }[];
  /** The sharer's council's projects (and those it is a partner in); the field is left out when empty. */
  projects: { value: string; label: string }[];
  /** The sharer's own organisation; undefined for site admins, who choose. */
  ownOrganisation: string | undefined;
  defaultLicence: string;
  maxSize: string;
  acceptedFormats: string;
  accept: string;
}

/** A material the sharer can already see that has the same file as the one they chose. */
export interface DuplicateMaterial {
  id: string;
  title: string;
  council: string | null;
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
  duplicate,
  action = '/materials/upload',
  submitLabel = 'Share material',
}: {
  choices: UploadFormChoices;
  values: UploadFormValues | undefined;
  errors: Record<string, string>;
  duplicate?: DuplicateMaterial;
  /** Where it posts: /materials/upload, or /materials/<id>/adapt/upload for an adaptation. */
  action?: string;
  submitLabel?: string;
}) {
  return (
    <form method="post" action={action} encType="multipart/form-data" noValidate>
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
      <ProjectField projects={choices.projects} value={values?.project} error={errors.project} />
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
      {duplicate ? <AlreadyShared duplicate={duplicate} /> : null}
      <FileUpload
        id="file"
        name="file"
        label="Upload a file"
        labelClassName="govuk-label--m"
        hint={`${choices.acceptedFormats}. Smaller than ${choices.maxSize}. Remove personal information about research participants before you share it.`}
        accept={choices.accept}
        error={errors.file}
      />
      <Button preventDoubleClick>{submitLabel}</Button>
    </form>
  );
}

/**
 * The file chosen last time is already in the hub: a link to the material that has it, and a box to
 * share it anyway (before the file input: the file must be the last part posted).
 */
function AlreadyShared({ duplicate }: { duplicate: DuplicateMaterial }) {
  return (
    <>
      <div className="govuk-inset-text" data-testid="already-shared">
        <p className="govuk-body">
          The file you chose is the same as the file of{' '}
          <a className="govuk-link" href={`/materials/${encodeURIComponent(duplicate.id)}`}>
            {duplicate.title}
          </a>
          {duplicate.council ? `, shared by ${duplicate.council}` : ''}.
        </p>
        <p className="govuk-body govuk-!-margin-bottom-0">
          You can use that material instead. To share your copy anyway, tick the box and choose the file again.
        </p>
      </div>
      <Checkboxes
        id="shareAnyway"
        name="shareAnyway"
        label="Share the same file again?"
        labelClassName="govuk-fieldset__legend--s"
        items={[{ value: 'yes', label: 'Share it anyway' }]}
      />
    </>
  );
}
