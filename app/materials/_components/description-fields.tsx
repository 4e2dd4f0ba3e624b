import { listValue, textValue, type FormValues } from '@/lib/forms/form-attempts';
import 'server-only';
import { Checkboxes, Radios, Select, Textarea, TextInput } from '@/app/_components/govuk';
import { vocabularies } from '@/lib/taxonomy/vocabularies';

/** The vocabulary choices the description fields offer, from the hub's vocabularies. */
export interface DescriptionChoices {
  phases: { value: string; label: string; hint: string }[];
  artefactTypes: { value: string; label: string }[];
  kinds: { value: string; label: string; hint: string }[];
  topics: { value: string; label: string }[];
  licences: { value: string; label: string }[];
}

export function descriptionChoices(): DescriptionChoices {
  const v = vocabularies();
  return {
    phases: v.phases.map((p) => ({ value: p.slug, label: p.label, hint: p.description })),
    artefactTypes: v.artefactTypes.map((a) => ({ value: a.slug, label: a.label })),
    kinds: v.kinds.map((k) => ({ value: k.slug, label: k.label, hint: k.description })),
    topics: v.topics.map((t) => ({ value: t.slug, label: t.label })),
    licences: v.licences.map((l) => ({ value: l.spdx, label: l.label })),
  };
}

export interface DescriptionValues {
  title?: string;
  summary?: string;
  phases?: string[];
  artefactType?: string;
  kind?: string;
  topics?: string[];
  tags?: string;
}

/** The description answers a refused attempt kept (lib/forms/form-attempts.ts), as the fields show them. */
export function keptDescription(kept: FormValues): Required<DescriptionValues> {
  return {
    title: textValue(kept, 'title') ?? '',
    summary: textValue(kept, 'summary') ?? '',
    phases: listValue(kept, 'phases') ?? [],
    artefactType: textValue(kept, 'artefactType') ?? '',
    kind: textValue(kept, 'kind') ?? '',
    topics: listValue(kept, 'topics') ?? [],
    tags: textValue(kept, 'tags') ?? '',
  };
}

/**
 * What a material is: title, summary, phases, type, kind, service areas and tags. The same fields, with
 * the same names, ids (for error summary links) and wording, on the share form and the edit form.
 */
export function DescriptionFields({
  choices,
  values,
  errors,
}: {
  choices: DescriptionChoices;
  values: DescriptionValues | undefined;
  errors: Record<string, string>;
}) {
  return (
    <>
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
    </>
  );
}
