import type { ReactNode } from 'react';
import { cx } from './field-parts';

export interface PaginationLink {
  href: string;
  /** Defaults to "Previous page" / "Next page". */
  text?: ReactNode;
  /** Block style only (no numbered items): a second line, e.g. the page title. */
  labelText?: string;
}

export type PaginationItem =
  | { number: number; href: string; current?: boolean; visuallyHiddenText?: string }
  | { ellipsis: true };

export interface PaginationProps {
  previous?: PaginationLink;
  next?: PaginationLink;
  /** Numbered pages; build them with `paginationItems()`. Without items the block style is used. */
  items?: readonly PaginationItem[];
  landmarkLabel?: string;
  className?: string;
}

function PrevIcon() {
  return (
    <svg
      className="govuk-pagination__icon govuk-pagination__icon--prev"
      xmlns="http://www.w3.org/2000/svg"
      height="13"
      width="15"
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 15 13"
    >
      <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z" />
    </svg>
  );
}

function NextIcon() {
  return (
    <svg
      className="govuk-pagination__icon govuk-pagination__icon--next"
      xmlns="http://www.w3.org/2000/svg"
      height="13"
      width="15"
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 15 13"
    >
      <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z" />
    </svg>
  );
}

function ArrowLink({ link, type, blockLevel }: { link: PaginationLink; type: 'prev' | 'next'; blockLevel: boolean }) {
  const icon = type === 'prev' ? <PrevIcon /> : <NextIcon />;
  const defaultText = (
    <>
      {type === 'prev' ? 'Previous' : 'Next'}
      <span className="govuk-visually-hidden"> page</span>
    </>
  );
  return (
    <div className={`govuk-pagination__${type}`}>
      <a className="govuk-link govuk-pagination__link" href={link.href} rel={type}>
        {blockLevel || type === 'prev' ? icon : null}
        <span
          className={cx(
            'govuk-pagination__link-title',
            blockLevel && !link.labelText && 'govuk-pagination__link-title--decorated',
          )}
        >
          {link.text ?? defaultText}
        </span>
        {link.labelText && blockLevel ? (
          <>
            <span className="govuk-visually-hidden">:</span>
            <span className="govuk-pagination__link-label">{link.labelText}</span>
          </>
        ) : null}
        {!blockLevel && type === 'next' ? icon : null}
      </a>
    </div>
  );
}

/** GOV.UK pagination: previous/next links and, optionally, numbered pages with ellipses. */
export function Pagination({ previous, next, items, landmarkLabel = 'Pagination', className }: PaginationProps) {
  const hasItems = Boolean(items && items.length > 0);
  const blockLevel = !hasItems && Boolean(previous || next);
  return (
    <nav
      className={cx('govuk-pagination', blockLevel && 'govuk-pagination--block', className)}
      aria-label={landmarkLabel}
    >
      {previous?.href ? <ArrowLink link={previous} type="prev" blockLevel={blockLevel} /> : null}
      {hasItems ? (
        <ul className="govuk-pagination__list">
          {items!.map((item, index) =>
            'ellipsis' in item ? (
              <li key={`ellipsis-${index}`} className="govuk-pagination__item govuk-pagination__item--ellipsis">
                {'\u22EF'}
              </li>
            ) : (
              <li
                key={item.number}
                className={cx('govuk-pagination__item', item.current && 'govuk-pagination__item--current')}
              >
                <a
                  className="govuk-link govuk-pagination__link"
                  href={item.href}
                  aria-label={item.visuallyHiddenText ?? `Page ${item.number}`}
                  aria-current={item.current ? 'page' : undefined}
                >
                  {item.number}
                </a>
              </li>
            ),
          )}
        </ul>
      ) : null}
      {next?.href ? <ArrowLink link={next} type="next" blockLevel={blockLevel} /> : null}
    </nav>
  );
}

/**
 * Numbered items the GOV.UK way: first, last, current and its neighbours,
 * with an ellipsis for each gap. Pages are 1-based.
 *
 * `paginationItems(5, 12, (n) => `/search?page=${n}`)` gives
 * 1 … 4 [5] 6 … 12.
 */
export function paginationItems(current: number, total: number, hrefFor: (page: number) => string): PaginationItem[] {
  if (total <= 1) return [];
  const pages = new Set([1, total, current - 1, current, current + 1].filter((page) => page >= 1 && page <= total));
  const sorted = [...pages].sort((a, b) => a - b);
  const items: PaginationItem[] = [];
  let last = 0;
  for (const page of sorted) {
    if (page - last === 2) {
      // A gap of exactly one page: show it rather than an ellipsis.
      items.push({ number: last + 1, href: hrefFor(last + 1) });
    } else if (page - last > 2) {
      items.push({ ellipsis: true });
    }
    items.push({ number: page, href: hrefFor(page), current: page === current });
    last = page;
  }
  return items;
}
