import { ChoiceGroup, type ChoiceEntry } from './choice-parts';
import { cx, type FieldProps } from './field-parts';

export interface RadiosProps extends FieldProps {
  /** Items (and optional `{ divider: 'or' }` entries). */
  items: readonly ChoiceEntry[];
  /** Value selected when the page loads. */
  defaultValue?: string;
  /** Side by side; only for 2 short options. */
  inline?: boolean;
  small?: boolean;
  className?: string;
}

/**
 * GOV.UK radios in a fieldset. `label` is the legend (`labelClassName`
 * takes legend classes, e.g. `govuk-fieldset__legend--m`). The first radio's id
 * is `id`, so an error summary link `#id` reaches it.
 */
export function Radios({ defaultValue, inline, small, className, ...props }: RadiosProps) {
  return (
    <ChoiceGroup
      {...props}
      kind="radios"
      className={cx(inline && 'govuk-radios--inline', small && 'govuk-radios--small', className)}
      isChecked={(value) => defaultValue !== undefined && value === defaultValue}
    />
  );
}
