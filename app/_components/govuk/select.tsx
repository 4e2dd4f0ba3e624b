import type { ComponentPropsWithoutRef, Ref } from 'react';
import { cx, describedByIds, FieldHeader, FormGroup, type FieldProps } from './field-parts';

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

type NativeSelectProps = Omit<
  ComponentPropsWithoutRef<'select'>,
  'id' | 'name' | 'className' | 'defaultValue' | 'value' | 'multiple' | 'aria-describedby' | 'children'
>;

export interface SelectProps extends FieldProps, NativeSelectProps {
  options: readonly SelectOption[];
  /** Value of the option selected when the page loads. */
  defaultValue?: string;
  className?: string;
  ref?: Ref<HTMLSelectElement>;
}

/** GOV.UK select (uncontrolled: posts without JavaScript). */
export function Select({
  id,
  name,
  label,
  labelClassName,
  labelIsPageHeading,
  hint,
  error,
  describedBy,
  formGroupClassName,
  options,
  defaultValue,
  className,
  ref,
  ...rest
}: SelectProps) {
  return (
    <FormGroup error={error} className={formGroupClassName}>
      <FieldHeader {...{ id, label, labelClassName, labelIsPageHeading, hint, error }} />
      <select
        {...rest}
        ref={ref}
        className={cx('govuk-select', className, Boolean(error) && 'govuk-select--error')}
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-describedby={describedByIds(id, { describedBy, hint, error })}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
    </FormGroup>
  );
}
