import { Button, Radios, TextInput, Textarea } from '@/app/_components/govuk';
import { kitDescriptionLimit, kitTitleLimit } from '@/lib/kits/kit-words';
import { visibilityOptions } from '@/lib/materials/visibility-words';

export interface KitFormValues {
  title?: string;
  description?: string;
  visibility?: string;
}

/**
 * A kit's own answers, for making and changing one: a title, a description and who can see it (the
 * same three choices as materials). A plain form: works without JavaScript; a refused attempt comes
 * back with the answers and what to fix.
 */
export function KitForm(props: {
  action: string;
  submitLabel: string;
  cancelHref: string;
  councilName: string;
  isOwnCouncil: boolean;
  values: KitFormValues;
  errors: Record<string, string>;
}) {
  const { action, submitLabel, cancelHref, councilName, isOwnCouncil, values, errors } = props;
  return (
    <form method="post" action={action} noValidate>
      <TextInput
        id="title"
        name="title"
        label="Title"
        labelClassName="govuk-label--m"
        hint={`For example, ‘Discovery kit for a bin collection service’. ${kitTitleLimit} characters or fewer.`}
        defaultValue={values.title}
        error={errors.title}
      />
      <Textarea
        id="description"
        name="description"
        label="Description (optional)"
        labelClassName="govuk-label--m"
        hint={`Who the kit is for and how to use it. ${kitDescriptionLimit} characters or fewer.`}
        defaultValue={values.description}
        error={errors.description}
        rows={4}
      />
      <Radios
        id="visibility"
        name="visibility"
        label="Who can see this kit?"
        labelClassName="govuk-fieldset__legend--m"
        hint="People only ever see the materials in it that they are allowed to see."
        items={visibilityOptions(councilName, isOwnCouncil).map((option) => ({ ...option, hint: option.hint.replace('find and download it', 'see it') }))}
        defaultValue={values.visibility || 'public'}
        error={errors.visibility}
      />
      <div className="govuk-button-group">
        <Button preventDoubleClick>{submitLabel}</Button>
        <a className="govuk-link" href={cancelHref}>
          Cancel
        </a>
      </div>
    </form>
  );
}
