import type { ReactNode } from 'react';
import { cx } from './field-parts';

export interface NotificationBannerProps {
  /** Defaults to "Success" for `type="success"`, otherwise "Important". */
  title?: ReactNode;
  /** Green banner with `role="alert"`, for confirming an action the user just took. */
  type?: 'success';
  /** A single line shown in the banner's bold heading style. */
  heading?: ReactNode;
  /** Further content (paragraphs, links with `govuk-notification-banner__link`). */
  children?: ReactNode;
  titleId?: string;
  titleHeadingLevel?: 2 | 3 | 4 | 5 | 6;
  role?: string;
  /** Success banners take focus on load (with JavaScript) unless this is true. */
  disableAutoFocus?: boolean;
  className?: string;
}

/** GOV.UK notification banner. Use one per page at most. */
export function NotificationBanner({
  title,
  type,
  heading,
  children,
  titleId = 'govuk-notification-banner-title',
  titleHeadingLevel = 2,
  role,
  disableAutoFocus,
  className,
}: NotificationBannerProps) {
  const success = type === 'success';
  const Heading = `h${titleHeadingLevel}` as const;
  return (
    <div
      className={cx('govuk-notification-banner', success && 'govuk-notification-banner--success', className)}
      role={role ?? (success ? 'alert' : 'region')}
      aria-labelledby={titleId}
      data-module="govuk-notification-banner"
      data-disable-auto-focus={disableAutoFocus === undefined ? undefined : String(disableAutoFocus)}
    >
      <div className="govuk-notification-banner__header">
        <Heading className="govuk-notification-banner__title" id={titleId}>
          {title ?? (success ? 'Success' : 'Important')}
        </Heading>
      </div>
      <div className="govuk-notification-banner__content">
        {heading ? <p className="govuk-notification-banner__heading">{heading}</p> : null}
        {children}
      </div>
    </div>
  );
}
