import { Fieldset, TextInput } from '@/app/_components/govuk';
import { projectLinkSlots } from '@/lib/projects/project-words';

/** The fixed rows of title and address for a project's or an update's links: no JavaScript needed to add one. */
export function LinkRows({ legend, hint, values, errors }: { legend: string; hint: string; values: Record<string, string | string[] | undefined>; errors: Record<string, string> }) {
  const text = (name: string) => {
    const value = values[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return (
    <Fieldset legend={legend} legendClassName="govuk-fieldset__legend--m">
      <p className="govuk-hint">{hint}</p>
      {Array.from({ length: projectLinkSlots }, (_, i) => i + 1).map((slot) => (
        <div key={slot} className="govuk-!-margin-bottom-4">
          <TextInput id={`link${slot}Title`} name={`link${slot}Title`} label={`Link ${slot} title`} labelClassName="govuk-label--s" defaultValue={text(`link${slot}Title`)} error={errors[`link${slot}Title`]} />
          <TextInput id={`link${slot}Url`} name={`link${slot}Url`} label={`Link ${slot} address`} labelClassName="govuk-label--s" type="url" spellCheck={false} defaultValue={text(`link${slot}Url`)} error={errors[`link${slot}Url`]} />
        </div>
      ))}
    </Fieldset>
  );
}
