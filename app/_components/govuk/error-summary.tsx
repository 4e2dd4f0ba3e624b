import type { ReactNode } from 'react';
import { cx } from './field-parts';

export interface ErrorSummaryItem {
  /** `#` + the id of the field in error, e.g. `#title`. */
  href?: string;
  text: ReactNode;
}

export interface ErrorSummaryProps {
  errors: readonly ErrorSummaryItem[];
  title?: ReactNode;
  description?: ReactNode;
  /** By default (with JavaScript) the summary takes focus on page load. */
  disableAutoFocus?: boolean;
  className?: string;
}

/**
 * GOV.UK error summary. Put it at the top of `<main>`, before the `<h1>`, and
 * add "Error: " to the start of the page `<title>`. Renders nothing when
 * `errors` is empty.
 */
export function ErrorSummary({
  errors,
  title = 'There is a problem',
  description,
  disableAutoFocus,
  className,
}: ErrorSummaryProps) {
  if (errors.length === 0 && !description) return null;
  return (
    <div
      className={cx('govuk-error-summary', className)}
      data-disable-auto-focus={disableAutoFocus === undefined ? undefined : String(disableAutoFocus)}
      data-module="govuk-error-summary"
    >
      {/* role="alert" sits on a child, as in GOV.UK Frontend, so focusing the summary does not cut the announcement short. */}
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          {description ? <p>{description}</p> : null}
          {errors.length > 0 ? (
            <ul className="govuk-list govuk-error-summary__list">
              {errors.map((error, index) => (
                <li key={`${error.href ?? ''}-${index}`}>
                  {error.href ? <a href={error.href}>{error.text}</a> : error.text}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>
    </div>
  );
}
