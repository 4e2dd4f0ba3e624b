import type { ReactNode } from 'react';
import { cx } from './field-parts';

/** GOV.UK Frontend v6 tag colours (blue when none is given). */
export type TagColour = 'grey' | 'green' | 'teal' | 'purple' | 'magenta' | 'red' | 'orange' | 'yellow';

export interface TagProps {
  children: ReactNode;
  colour?: TagColour;
  className?: string;
}

/** GOV.UK tag: a short status label. Not a link or button. */
export function Tag({ children, colour, className }: TagProps) {
  return <strong className={cx('govuk-tag', colour && `govuk-tag--${colour}`, className)}>{children}</strong>;
}
