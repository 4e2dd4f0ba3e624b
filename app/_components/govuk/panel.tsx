import type { ReactNode } from 'react';
import { cx } from './field-parts';

export interface PanelProps {
  title: ReactNode;
  children?: ReactNode;
  /** Heading level of the title; 1 by default (the panel is the page's main message). */
  headingLevel?: 1 | 2 | 3 | 4 | 5 | 6;
  className?: string;
}

/** GOV.UK confirmation panel, e.g. "Material shared". */
export function Panel({ title, children, headingLevel = 1, className }: PanelProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className={cx('govuk-panel govuk-panel--confirmation', className)}>
      <Heading className="govuk-panel__title">{title}</Heading>
      {children ? <div className="govuk-panel__body">{children}</div> : null}
    </div>
  );
}
