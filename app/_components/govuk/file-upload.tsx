import type { ComponentPropsWithoutRef } from 'react';
import { cx, describedByIds, FieldHeader, FormGroup, type FieldProps } from './field-parts';

type NativeFileInputProps = Omit<
  ComponentPropsWithoutRef<'input'>,
  'id' | 'name' | 'className' | 'type' | 'defaultValue' | 'value' | 'aria-describedby' | 'children'
>;

export interface FileUploadProps extends FieldProps, NativeFileInputProps {
  /** e.g. `.pdf,.docx` */
  accept?: string;
  multiple?: boolean;
  className?: string;
}

/**
 * GOV.UK file upload: a plain `<input type="file">` (no default value is
 * possible). The form needs `encType="multipart/form-data"`.
 */
export function FileUpload({
  id,
  name,
  label,
  labelClassName,
  labelIsPageHeading,
  hint,
  error,
  describedBy,
  formGroupClassName,
  className,
  ...rest
}: FileUploadProps) {
  return (
    <FormGroup error={error} className={formGroupClassName}>
      <FieldHeader {...{ id, label, labelClassName, labelIsPageHeading, hint, error }} />
      <input
        {...rest}
        className={cx('govuk-file-upload', className, Boolean(error) && 'govuk-file-upload--error')}
        id={id}
        name={name}
        type="file"
        aria-describedby={describedByIds(id, { describedBy, hint, error })}
      />
    </FormGroup>
  );
}
