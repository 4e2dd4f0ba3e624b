import type { ReactNode } from 'react';
import { cx } from './field-parts';

interface CommonButtonProps {
  children: ReactNode;
  /** Green "Start now" style with an arrow. */
  isStartButton?: boolean;
  variant?: 'secondary' | 'warning' | 'inverse';
  id?: string;
  className?: string;
}

export interface LinkButtonProps extends CommonButtonProps {
  /** Renders a link styled as a button. */
  href: string;
}

export interface FormButtonProps extends CommonButtonProps {
  href?: undefined;
  type?: 'submit' | 'button' | 'reset';
  name?: string;
  value?: string;
  disabled?: boolean;
  /** Ignore a second click within a second (needs JavaScript). */
  preventDoubleClick?: boolean;
  /** Submit to a different action than the form's, e.g. for a second submit button. */
  formAction?: string;
}

export type ButtonProps = LinkButtonProps | FormButtonProps;

function StartIcon() {
  return (
    <svg
      className="govuk-button__start-icon"
      xmlns="http://www.w3.org/2000/svg"
      width="17.5"
      height="19"
      viewBox="0 0 33 40"
      aria-hidden="true"
      focusable="false"
    >
      <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
    </svg>
  );
}

/** GOV.UK button: a `<button>` (submit by default) or, with `href`, a link. */
export function Button(props: ButtonProps) {
  const { children, isStartButton, variant, id, className } = props;
  const classes = cx(
    'govuk-button',
    variant && `govuk-button--${variant}`,
    className,
    isStartButton && 'govuk-button--start',
  );
  const content = (
    <>
      {/* Start buttons use flexbox, which drops whitespace between elements: keep rich content in one span. */}
      {isStartButton && typeof children !== 'string' ? <span>{children}</span> : children}
      {isStartButton ? <StartIcon /> : null}
    </>
  );

  if (props.href !== undefined) {
    return (
      <a href={props.href} role="button" draggable="false" className={classes} data-module="govuk-button" id={id}>
        {content}
      </a>
    );
  }

  const { type = 'submit', name, value, disabled, preventDoubleClick, formAction } = props;
  return (
    <button
      type={type}
      name={name}
      value={value}
      disabled={disabled}
      aria-disabled={disabled ? 'true' : undefined}
      formAction={formAction}
      data-prevent-double-click={preventDoubleClick === undefined ? undefined : String(preventDoubleClick)}
      className={classes}
      data-module="govuk-button"
      id={id}
    >
      {content}
    </button>
  );
}
