import { ChoiceGroup, type ChoiceEntry } from './choice-parts';
import { cx, type FieldProps } from './field-parts';

export interface CheckboxesProps extends FieldProps {
  /** Items (and optional `{ divider: 'or' }` entries). */
  items: readonly ChoiceEntry[];
  /** Values ticked when the page loads. */
  defaultValues?: readonly string[];
  /** Smaller boxes, e.g. for search filters. */
  small?: boolean;
  className?: string;
}

/**
 * GOV.UK checkboxes in a fieldset. `label` is the legend (`labelClassName`
 * takes legend classes, e.g. `govuk-fieldset__legend--m`). The first box's id
 * is `id`, so an error summary link `#id` reaches it.
 */
export function Checkboxes({ defaultValues = [], small, className, ...props }: CheckboxesProps) {
  return (
    <ChoiceGroup
      {...props}
      kind="checkboxes"
      className={cx(small && 'govuk-checkboxes--small', className)}
      isChecked={(value) => defaultValues.includes(value)}
    />
  );
}
