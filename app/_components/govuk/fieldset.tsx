import type { ReactNode } from 'react';
import { cx } from './field-parts';

export interface FieldsetProps {
  legend?: ReactNode;
  /** Extra legend classes, e.g. `govuk-fieldset__legend--l`. */
  legendClassName?: string;
  /** Wrap the legend text in an `<h1>` (one-question pages). */
  legendIsPageHeading?: boolean;
  describedBy?: string;
  role?: string;
  className?: string;
  children?: ReactNode;
}

/** GOV.UK fieldset: groups related inputs under a legend. */
export function Fieldset({
  legend,
  legendClassName,
  legendIsPageHeading,
  describedBy,
  role,
  className,
  children,
}: FieldsetProps) {
  return (
    <fieldset className={cx('govuk-fieldset', className)} role={role} aria-describedby={describedBy || undefined}>
      {legend ? (
        <legend className={cx('govuk-fieldset__legend', legendClassName)}>
          {legendIsPageHeading ? <h1 className="govuk-fieldset__heading">{legend}</h1> : legend}
        </legend>
      ) : null}
      {children}
    </fieldset>
  );
}
