import type { ReactNode } from 'react';
import { cx } from './field-parts';

export interface InsetTextProps {
  children: ReactNode;
  id?: string;
  className?: string;
}

/** GOV.UK inset text: sets a short passage apart from the content around it. */
export function InsetText({ children, id, className }: InsetTextProps) {
  return (
    <div id={id} className={cx('govuk-inset-text', className)}>
      {children}
    </div>
  );
}
