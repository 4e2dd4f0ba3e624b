import type { ReactNode } from 'react';

/** Props shared by every form control wrapper. */
export interface FieldProps {
  /** id of the control; error summary links point at `#id`. */
  id: string;
  name: string;
  label: ReactNode;
  /** Extra label classes, e.g. `govuk-label--l`. */
  labelClassName?: string;
  /** Wrap the label in an `<h1>` (one-question pages). */
  labelIsPageHeading?: boolean;
  hint?: ReactNode;
  /** Error message text; also marks the control and form group as in error. */
  error?: ReactNode;
  /** Extra ids for `aria-describedby`, before the hint and error ids. */
  describedBy?: string;
  /** Extra classes for the `.govuk-form-group` wrapper. */
  formGroupClassName?: string;
}

/** Joins class names, skipping empty ones. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}

/** Builds `aria-describedby` the way GOV.UK Frontend does: extra ids, then hint, then error. */
export function describedByIds(
  idPrefix: string,
  { describedBy, hint, error }: { describedBy?: string; hint?: ReactNode; error?: ReactNode },
): string | undefined {
  const ids = cx(describedBy, hint ? `${idPrefix}-hint` : null, error ? `${idPrefix}-error` : null);
  return ids || undefined;
}

export function FormGroup({
  error,
  className,
  children,
}: {
  error?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return <div className={cx('govuk-form-group', Boolean(error) && 'govuk-form-group--error', className)}>{children}</div>;
}

export function Label({
  htmlFor,
  className,
  isPageHeading,
  children,
}: {
  htmlFor?: string;
  className?: string;
  isPageHeading?: boolean;
  children: ReactNode;
}) {
  const label = (
    <label className={cx('govuk-label', className)} htmlFor={htmlFor}>
      {children}
    </label>
  );
  return isPageHeading ? <h1 className="govuk-label-wrapper">{label}</h1> : label;
}

export function Hint({ id, className, children }: { id?: string; className?: string; children: ReactNode }) {
  return (
    <div id={id} className={cx('govuk-hint', className)}>
      {children}
    </div>
  );
}

export function ErrorMessage({
  id,
  visuallyHiddenText = 'Error',
  children,
}: {
  id?: string;
  /** Prefix read out before the message; GOV.UK Frontend's default is "Error". */
  visuallyHiddenText?: string;
  children: ReactNode;
}) {
  return (
    <p id={id} className="govuk-error-message">
      {visuallyHiddenText ? <span className="govuk-visually-hidden">{visuallyHiddenText}:</span> : null}{' '}
      {children}
    </p>
  );
}

/** Label, hint and error message of a single-control field, in GOV.UK order. */
export function FieldHeader({
  id,
  label,
  labelClassName,
  labelIsPageHeading,
  hint,
  error,
}: Pick<FieldProps, 'id' | 'label' | 'labelClassName' | 'labelIsPageHeading' | 'hint' | 'error'>) {
  return (
    <>
      <Label htmlFor={id} className={labelClassName} isPageHeading={labelIsPageHeading}>
        {label}
      </Label>
      {hint ? <Hint id={`${id}-hint`}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
    </>
  );
}
