import type { ReactNode } from 'react';
import { cx } from './field-parts';

export interface ServiceNavigationItem {
  href: string;
  text: ReactNode;
  /** The link is the current page (`aria-current="page"`). */
  current?: boolean;
  /** The current page is inside this section (`aria-current="true"`). */
  active?: boolean;
}

export interface ServiceNavigationProps {
  items: readonly ServiceNavigationItem[];
  /** Shown at the start of the bar; leave out when a header already names the service. */
  serviceName?: string;
  serviceUrl?: string;
  navigationLabel?: string;
  navigationId?: string;
  menuButtonText?: string;
  className?: string;
}

/**
 * GOV.UK service navigation. With JavaScript, GOV.UK Frontend collapses the
 * links behind a "Menu" button on narrow screens; without it they stay visible.
 */
export function ServiceNavigation({
  items,
  serviceName,
  serviceUrl,
  navigationLabel,
  navigationId = 'navigation',
  menuButtonText = 'Menu',
  className,
}: ServiceNavigationProps) {
  const collapseOnMobile = items.length > 1;
  const inner = (
    <div className="govuk-width-container">
      <div className="govuk-service-navigation__container">
        {serviceName ? (
          <span className="govuk-service-navigation__service-name">
            {serviceUrl ? (
              <a href={serviceUrl} className="govuk-service-navigation__link">
                {serviceName}
              </a>
            ) : (
              <span className="govuk-service-navigation__text">{serviceName}</span>
            )}
          </span>
        ) : null}
        {items.length > 0 ? (
          <nav aria-label={navigationLabel ?? menuButtonText} className="govuk-service-navigation__wrapper">
            {collapseOnMobile ? (
              <button
                type="button"
                className="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
                aria-controls={navigationId}
                hidden
                aria-hidden="true"
              >
                {menuButtonText}
              </button>
            ) : null}
            <ul className="govuk-service-navigation__list" id={navigationId}>
              {items.map((item) => {
                const highlighted = item.current || item.active;
                return (
                  <li
                    key={item.href}
                    className={cx(
                      'govuk-service-navigation__item',
                      highlighted && 'govuk-service-navigation__item--active',
                    )}
                  >
                    <a
                      className="govuk-service-navigation__link"
                      href={item.href}
                      aria-current={item.current ? 'page' : item.active ? 'true' : undefined}
                    >
                      {highlighted ? (
                        // Bold fallback so the current item stands out when users override colours.
                        <strong className="govuk-service-navigation__active-fallback">{item.text}</strong>
                      ) : (
                        item.text
                      )}
                    </a>
                  </li>
                );
              })}
            </ul>
          </nav>
        ) : null}
      </div>
    </div>
  );

  const classes = cx('govuk-service-navigation', className);
  return serviceName ? (
    <section aria-label="Service information" className={classes} data-module="govuk-service-navigation">
      {inner}
    </section>
  ) : (
    <div className={classes} data-module="govuk-service-navigation">
      {inner}
    </div>
  );
}
