import { cx } from './govuk/field-parts';

const LINKS: ReadonlyArray<{ href: string; text: string }> = [
  { href: '/search', text: 'Search' },
  { href: '/organisations', text: 'Councils' },
  { href: '/projects', text: 'Projects' },
  { href: '/commitments', text: 'Commitments' },
  { href: '/kits', text: 'Kits' },
  { href: '/materials/new', text: 'Share a material' },
];

/**
 * The site's service navigation (GOV.UK service navigation, without its "Menu" button: seven short
 * links need no collapsing, and a menu that collapses once JavaScript runs shifts the page). Marks the
 * link for the current page, and ends with "Your account" and "Sign out" for someone signed in, or
 * "Sign in" for anyone else, coming back to this very page afterwards, query string and all.
 *
 * A server component: `page` (the address of the page shown, from proxy.ts) and `signedIn` come from
 * the layout. No JavaScript is sent for it. "Sign out" is a form, since signing out changes state, its
 * button styled as the navigation's links.
 */
export function SiteNavigation({ signedIn, page }: { signedIn: boolean; page: string | undefined }) {
  const path = page ? new URL(page, 'http://hub.invalid').pathname.replace(/(.)\/$/, '$1') : undefined;
  const isCurrent = (href: string) => path === href;
  const isWithin = (href: string) => path !== undefined && path.startsWith(`${href}/`);
  const comeBack = page && path !== '/' && !/^\/(sign-in|sign-out)(\/|$)/.test(path ?? '') ? page : undefined;

  const link = (href: string, text: string, section = href) => {
    const current = isCurrent(section);
    const active = isWithin(section);
    const highlighted = current || active;
    return (
      <li key={href} className={cx('govuk-service-navigation__item', highlighted && 'govuk-service-navigation__item--active')}>
        <a className="govuk-service-navigation__link" href={href} aria-current={current ? 'page' : active ? 'true' : undefined}>
          {/* Bold fallback so the current item stands out when people override colours. */}
          {highlighted ? <strong className="govuk-service-navigation__active-fallback">{text}</strong> : text}
        </a>
      </li>
    );
  };

  return (
    <div className="govuk-service-navigation app-service-navigation">
      <div className="govuk-width-container">
        <div className="govuk-service-navigation__container">
          <nav aria-label="Main" className="govuk-service-navigation__wrapper">
            <ul className="govuk-service-navigation__list" id="navigation">
              {LINKS.map(({ href, text }) => link(href, text))}
              {signedIn ? (
                <>
                  {link('/account', 'Your account')}
                  <li className="govuk-service-navigation__item">
                    <form method="post" action="/sign-out" className="app-service-navigation__form">
                      <button type="submit" className="govuk-service-navigation__link app-service-navigation__button">
                        Sign out
                      </button>
                    </form>
                  </li>
                </>
              ) : (
                link(comeBack ? `/sign-in?callbackUrl=${encodeURIComponent(comeBack)}` : '/sign-in', 'Sign in', '/sign-in')
              )}
            </ul>
          </nav>
        </div>
      </div>
    </div>
  );
}
