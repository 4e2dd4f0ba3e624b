import type { ReactNode } from 'react';
import { cx } from './field-parts';

export interface BackLinkProps {
  href: string;
  children?: ReactNode;
  className?: string;
}

/** GOV.UK back link. Place it before `<main>` content, above the heading. */
export function BackLink({ href, children = 'Back', className }: BackLinkProps) {
  return (
    <a href={href} className={cx('govuk-back-link', className)}>
      {children}
    </a>
  );
}
