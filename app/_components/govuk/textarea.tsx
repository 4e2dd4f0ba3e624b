import type { ComponentPropsWithoutRef } from 'react';
import { cx, describedByIds, FieldHeader, FormGroup, type FieldProps } from './field-parts';

type NativeTextareaProps = Omit<
  ComponentPropsWithoutRef<'textarea'>,
  'id' | 'name' | 'className' | 'defaultValue' | 'value' | 'aria-describedby' | 'children'
>;

export interface TextareaProps extends FieldProps, NativeTextareaProps {
  defaultValue?: string;
  /** Visible rows; GOV.UK Frontend's default is 5. */
  rows?: number;
  className?: string;
}

/** GOV.UK textarea (uncontrolled: posts without JavaScript). */
export function Textarea({
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
  rows = 5,
  className,
  ...rest
}: TextareaProps) {
  return (
    <FormGroup error={error} className={formGroupClassName}>
      <FieldHeader {...{ id, label, labelClassName, labelIsPageHeading, hint, error }} />
      <textarea
        {...rest}
        className={cx('govuk-textarea', Boolean(error) && 'govuk-textarea--error', className)}
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        aria-describedby={describedByIds(id, { describedBy, hint, error })}
      />
    </FormGroup>
  );
}
