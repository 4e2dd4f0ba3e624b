import type { ReactNode } from 'react';
import { cx, ErrorMessage, FormGroup, Hint } from './field-parts';
import { Fieldset } from './fieldset';

export interface DateInputProps {
  /** Prefix of the three inputs' ids and names: `<id>Day`, `<id>Month`, `<id>Year`. An error summary links to `#<id>Day`. */
  id: string;
  legend: ReactNode;
  legendClassName?: string;
  hint?: ReactNode;
  error?: ReactNode;
  values?: { day?: string; month?: string; year?: string };
}

/** GOV.UK date input: day, month and year boxes in a fieldset (uncontrolled: posts without JavaScript). */
export function DateInput({ id, legend, legendClassName, hint, error, values = {} }: DateInputProps) {
  const describedBy = cx(hint ? `${id}-hint` : null, error ? `${id}-error` : null) || undefined;
  const parts = [
    { key: 'day', suffix: 'Day', label: 'Day', width: 2 },
    { key: 'month', suffix: 'Month', label: 'Month', width: 2 },
    { key: 'year', suffix: 'Year', label: 'Year', width: 4 },
  ] as const;
  return (
    <FormGroup error={error}>
      <Fieldset legend={legend} legendClassName={legendClassName} role="group" describedBy={describedBy}>
        {hint ? <Hint id={`${id}-hint`}>{hint}</Hint> : null}
        {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
        <div className="govuk-date-input" id={id}>
          {parts.map((part) => (
            <div className="govuk-date-input__item" key={part.key}>
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={`${id}${part.suffix}`}>
                  {part.label}
                </label>
                <input
                  className={cx('govuk-input govuk-date-input__input', `govuk-input--width-${part.width}`, Boolean(error) && 'govuk-input--error')}
                  id={`${id}${part.suffix}`}
                  name={`${id}${part.suffix}`}
                  type="text"
                  inputMode="numeric"
                  defaultValue={values[part.key] ?? ''}
                />
              </div>
            </div>
          ))}
        </div>
      </Fieldset>
    </FormGroup>
  );
}
