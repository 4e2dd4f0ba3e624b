import { Button, DateInput, Radios, Select, TextInput, Textarea } from '@/app/_components/govuk';
import { commitmentDescriptionLimit, commitmentKindLabels, commitmentKinds, evidenceExpectedLimit } from '@/lib/commitments/commitment-words';
import { visibilityOptions } from '@/lib/materials/visibility-words';

export interface CommitmentFormValues {
  kind?: string;
  phase?: string;
  description?: string;
  dueDay?: string;
  dueMonth?: string;
  dueYear?: string;
  evidenceExpected?: string;
  visibility?: string;
  contact?: string;
}

export interface CommitmentFormProps {
  action: string;
  submitLabel: string;
  cancelHref: string;
  councilName: string;
  isOwnCouncil: boolean;
  phases: { value: string; label: string }[];
  contacts: { value: string; label: string }[];
  values: CommitmentFormValues;
  errors: Record<string, string>;
}

/**
 * The commitment's answers, for recording and changing one: what, by when, what will count as evidence,
 * who can see it (the same three choices as materials) and who is reminded. A plain form: it works
 * without JavaScript, and a refused attempt comes back with the answers and what to fix.
 */
export function CommitmentForm({ action, submitLabel, cancelHref, councilName, isOwnCouncil, phases, contacts, values, errors }: CommitmentFormProps) {
  return (
    <form method="post" action={action} noValidate>
      <Radios
        id="kind"
        name="kind"
        label="What will your council do?"
        labelClassName="govuk-fieldset__legend--m"
        items={commitmentKinds.map((kind) => ({ value: kind, label: commitmentKindLabels[kind] }))}
        defaultValue={values.kind}
        error={errors.kind}
      />
      <Select
        id="phase"
        name="phase"
        label="Which phase’s materials? (only if sharing materials)"
        labelClassName="govuk-label--s"
        options={[{ value: '', label: 'Choose a phase' }, ...phases]}
        defaultValue={values.phase ?? ''}
        error={errors.phase}
      />
      <TextInput
        id="description"
        name="description"
        label="Describe it in a few words"
        labelClassName="govuk-label--m"
        hint={`For example, ‘Share our Discovery research plan and findings on bin collections’. ${commitmentDescriptionLimit} characters or fewer.`}
        defaultValue={values.description}
        error={errors.description}
      />
      <DateInput
        id="due"
        legend="By when?"
        legendClassName="govuk-fieldset__legend--m"
        hint="For example, 31 3 2027. It must be today or later."
        values={{ day: values.dueDay, month: values.dueMonth, year: values.dueYear }}
        error={errors.dueDay}
      />
      <Textarea
        id="evidenceExpected"
        name="evidenceExpected"
        label="What will count as evidence that it was done?"
        labelClassName="govuk-label--m"
        hint={`For example, ‘The research plan and findings report, published on the hub’. ${evidenceExpectedLimit} characters or fewer.`}
        defaultValue={values.evidenceExpected}
        error={errors.evidenceExpected}
        rows={3}
      />
      <Radios
        id="visibility"
        name="visibility"
        label="Who can see this commitment?"
        labelClassName="govuk-fieldset__legend--m"
        hint="Commitments are public unless you choose otherwise: being seen is what makes them count."
        items={visibilityOptions(councilName, isOwnCouncil).map((option) => ({ ...option, hint: option.hint.replace('find and download it', 'see it') }))}
        defaultValue={values.visibility || 'public'}
        error={errors.visibility}
      />
      {contacts.length > 0 ? (
        <Select
          id="contact"
          name="contact"
          label="Who should be reminded of the date?"
          labelClassName="govuk-label--m"
          hint="They get an email two weeks before the date and on the date. Only members of your council see who it is."
          options={contacts}
          defaultValue={values.contact}
          error={errors.contact}
        />
      ) : null}
      <div className="govuk-button-group">
        <Button preventDoubleClick>{submitLabel}</Button>
        <a className="govuk-link" href={cancelHref}>
          Cancel
        </a>
      </div>
    </form>
  );
}
