import type { ComponentPropsWithoutRef } from 'react';
import { cx, describedByIds, FieldHeader, FormGroup, type FieldProps } from './field-parts';

type NativeInputProps = Omit<
  ComponentPropsWithoutRef<'input'>,
  'id' | 'name' | 'className' | 'defaultValue' | 'value' | 'type' | 'aria-describedby' | 'children'
>;

export interface TextInputProps extends FieldProps, NativeInputProps {
  defaultValue?: string;
  type?: 'text' | 'email' | 'number' | 'password' | 'search' | 'tel' | 'url';
  /** Extra input classes, e.g. `govuk-input--width-20` or `govuk-!-width-one-half`. */
  className?: string;
}

/** GOV.UK text input (uncontrolled: posts without JavaScript). */
export function TextInput({
  id,
  name,
  label,
  labelClassName,
  labelIsPageHeading,
  hint,
  error,
  describedBy,
  formGroupClassName,
  defaultValue,
  type = 'text',
  className,
  ...rest
}: TextInputProps) {
  return (
    <FormGroup error={error} className={formGroupClassName}>
      <FieldHeader {...{ id, label, labelClassName, labelIsPageHeading, hint, error }} />
      <input
        {...rest}
        className={cx('govuk-input', className, Boolean(error) && 'govuk-input--error')}
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        aria-describedby={describedByIds(id, { describedBy, hint, error })}
      />
    </FormGroup>
  );
}
