import { Button, Checkboxes, DateInput, Radios, Select, TextInput, Textarea } from '@/app/_components/govuk';
import { visibilityOptions } from '@/lib/materials/visibility-words';
import {
  collaborationChoices,
  collaborationLabels,
  fundingSourceLabels,
  fundingSources,
  projectNameLimit,
  projectPhaseLabels,
  projectPhases,
  projectSummaryLimit,
} from '@/lib/projects/project-words';
import { LinkRows } from './link-rows';

export type ProjectFormValues = Record<string, string | string[] | undefined>;

export interface ProjectFormProps {
  action: string;
  submitLabel: string;
  cancelHref: string;
  councilName: string;
  isOwnCouncil: boolean;
  topics: { value: string; label: string }[];
  contacts: { value: string; label: string }[];
  values: ProjectFormValues;
  errors: Record<string, string>;
}

const text = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const list = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);

/**
 * A project's answers, for registering and changing one: what, which services, where it is and when,
 * how open it is, how it is paid for, links, who can see it and who to contact. A plain form: it works
 * without JavaScript, and a refused attempt comes back with the answers and what to fix.
 */
export function ProjectForm({ action, submitLabel, cancelHref, councilName, isOwnCouncil, topics, contacts, values, errors }: ProjectFormProps) {
  return (
    <form method="post" action={action} noValidate>
      <TextInput id="name" name="name" label="Project name" labelClassName="govuk-label--m" hint={`${projectNameLimit} characters or fewer.`} defaultValue={text(values.name)} error={errors.name} />
      <Textarea
        id="summary"
        name="summary"
        label="What is the project about?"
        labelClassName="govuk-label--m"
        hint={`The problem you are looking at and for whom. ${projectSummaryLimit} characters or fewer.`}
        defaultValue={text(values.summary)}
        error={errors.summary}
        rows={4}
      />
      <Checkboxes
        id="topics"
        name="topics"
        label="Service areas"
        labelClassName="govuk-fieldset__legend--m"
        hint="Choose all that apply."
        items={topics}
        defaultValues={list(values.topics)}
        error={errors.topics}
        small
      />
      <TextInput
        id="lgsl"
        name="lgsl"
        label="LGSL codes (optional)"
        labelClassName="govuk-label--s"
        hint="The Local Government Services List codes of the services, separated by commas, for example 524, 525."
        defaultValue={text(values.lgsl)}
        error={errors.lgsl}
        className="govuk-input--width-20"
      />
      <Radios
        id="phase"
        name="phase"
        label="Which phase is it in now?"
        labelClassName="govuk-fieldset__legend--m"
        items={projectPhases.map((phase) => ({ value: phase, label: projectPhaseLabels[phase] }))}
        defaultValue={text(values.phase)}
        error={errors.phase}
      />
      <DateInput
        id="start"
        legend="When did it start, or when will it start?"
        legendClassName="govuk-fieldset__legend--m"
        hint="For example, 1 4 2026."
        values={{ day: text(values.startDay), month: text(values.startMonth), year: text(values.startYear) }}
        error={errors.startDay}
      />
      <Checkboxes id="startEstimated" name="startEstimated" label="Is the start date an estimate?" labelClassName="govuk-fieldset__legend--s" items={[{ value: 'yes', label: 'This date is an estimate' }]} defaultValues={list(values.startEstimated)} small />
      <DateInput
        id="end"
        legend="When do you expect it to end? (optional)"
        legendClassName="govuk-fieldset__legend--m"
        hint="The same day as the start or later."
        values={{ day: text(values.endDay), month: text(values.endMonth), year: text(values.endYear) }}
        error={errors.endDay}
      />
      <Checkboxes id="endEstimated" name="endEstimated" label="Is the end date an estimate?" labelClassName="govuk-fieldset__legend--s" items={[{ value: 'yes', label: 'This date is an estimate' }]} defaultValues={list(values.endEstimated)} small />
      <Checkboxes
        id="collaboration"
        name="collaboration"
        label="How open is it to working with other councils?"
        labelClassName="govuk-fieldset__legend--m"
        hint="Choose all that apply."
        items={collaborationChoices.map((c) => ({ value: c, label: collaborationLabels[c] }))}
        defaultValues={list(values.collaboration)}
        error={errors.collaboration}
      />
      <Select
        id="fundingSource"
        name="fundingSource"
        label="How is it funded? (optional)"
        labelClassName="govuk-label--m"
        options={[{ value: '', label: 'Not saying' }, ...fundingSources.map((f) => ({ value: f, label: fundingSourceLabels[f] }))]}
        defaultValue={text(values.fundingSource) ?? ''}
        error={errors.fundingSource}
      />
      <TextInput id="fundingDetail" name="fundingDetail" label="Anything to add about funding (optional)" labelClassName="govuk-label--s" hint="For example, the funding round." defaultValue={text(values.fundingDetail)} error={errors.fundingDetail} />
      <LinkRows legend="Links (optional)" hint="Blog posts, weeknotes, prototypes, code." values={values} errors={errors} />
      <Radios
        id="visibility"
        name="visibility"
        label="Who can see this project?"
        labelClassName="govuk-fieldset__legend--m"
        hint="Partner councils you invite can always see it."
        items={visibilityOptions(councilName, isOwnCouncil).map((option) => ({ ...option, hint: option.hint.replace('find and download it', 'see it') }))}
        defaultValue={text(values.visibility) || 'public'}
        error={errors.visibility}
      />
      {contacts.length > 0 ? (
        <Select
          id="contact"
          name="contact"
          label="Who should other councils contact?"
          labelClassName="govuk-label--m"
          hint="Their name and council are shown to everyone who can see the project; their email address only to people signed in from a council. They are reminded when the project has had no update for 90 days."
          options={contacts}
          defaultValue={text(values.contact)}
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
