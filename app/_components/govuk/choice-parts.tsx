import { Fragment, type ReactNode } from 'react';
import { cx, describedByIds, ErrorMessage, FormGroup, Hint, type FieldProps } from './field-parts';
import { Fieldset } from './fieldset';

/** One checkbox or radio. */
export interface ChoiceItem {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Defaults to `id` for the first item and `id-2`, `id-3`… after it. */
  id?: string;
  disabled?: boolean;
  /** Revealed when the item is checked (needs JavaScript; shown if checked on load). */
  conditional?: ReactNode;
  /** Checkboxes only: unticks every other box ("None of these"). */
  exclusive?: boolean;
}

/** A visual "or" between items. */
export interface ChoiceDivider {
  divider: string;
}

export type ChoiceEntry = ChoiceItem | ChoiceDivider;

export function isDivider(entry: ChoiceEntry): entry is ChoiceDivider {
  return 'divider' in entry;
}

/**
 * Shared markup of GOV.UK checkboxes and radios: form group, fieldset whose
 * legend is `label`, hint, error message and items.
 */
export function ChoiceGroup({
  kind,
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
  items,
  isChecked,
}: FieldProps & {
  kind: 'checkboxes' | 'radios';
  className?: string;
  items: readonly ChoiceEntry[];
  isChecked: (value: string) => boolean;
}) {
  const type = kind === 'checkboxes' ? 'checkbox' : 'radio';
  const dataModule = kind === 'checkboxes' ? 'govuk-checkboxes' : 'govuk-radios';
  return (
    <FormGroup error={error} className={formGroupClassName}>
      <Fieldset
        legend={label}
        legendClassName={labelClassName}
        legendIsPageHeading={labelIsPageHeading}
        describedBy={describedByIds(id, { describedBy, hint, error })}
      >
        {hint ? <Hint id={`${id}-hint`}>{hint}</Hint> : null}
        {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
        <div className={cx(`govuk-${kind}`, className)} data-module={dataModule}>
          {items.map((entry, index) => {
            if (isDivider(entry)) {
              return (
                <div key={`divider-${index}`} className={`govuk-${kind}__divider`}>
                  {entry.divider}
                </div>
              );
            }
            const itemId = entry.id ?? (index === 0 ? id : `${id}-${index + 1}`);
            const itemHintId = entry.hint ? `${itemId}-item-hint` : undefined;
            const conditionalId = `conditional-${itemId}`;
            const checked = isChecked(entry.value);
            return (
              <Fragment key={itemId}>
                <div className={`govuk-${kind}__item`}>
                  <input
                    className={`govuk-${kind}__input`}
                    id={itemId}
                    name={name}
                    type={type}
                    value={entry.value}
                    defaultChecked={checked}
                    disabled={entry.disabled}
                    data-aria-controls={entry.conditional ? conditionalId : undefined}
                    data-behaviour={kind === 'checkboxes' && entry.exclusive ? 'exclusive' : undefined}
                    aria-describedby={itemHintId}
                  />
                  <label className={`govuk-label govuk-${kind}__label`} htmlFor={itemId}>
                    {entry.label}
                  </label>
                  {entry.hint ? (
                    <div id={itemHintId} className={`govuk-hint govuk-${kind}__hint`}>
                      {entry.hint}
                    </div>
                  ) : null}
                </div>
                {entry.conditional ? (
                  <div
                    className={cx(`govuk-${kind}__conditional`, !checked && `govuk-${kind}__conditional--hidden`)}
                    id={conditionalId}
                  >
                    {entry.conditional}
                  </div>
                ) : null}
              </Fragment>
            );
          })}
        </div>
      </Fieldset>
    </FormGroup>
  );
}

