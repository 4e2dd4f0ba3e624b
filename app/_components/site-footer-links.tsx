/** The footer's support links, as on GOV.UK services: the pages every public-sector service publishes. */
export const FOOTER_LINKS: ReadonlyArray<{ href: string; text: string }> = [
  { href: '/help', text: 'Help' },
  { href: '/contact', text: 'Contact' },
  { href: '/organisations', text: 'Councils and public bodies' },
  { href: '/accessibility', text: 'Accessibility statement' },
  { href: '/privacy', text: 'Privacy' },
  { href: '/cookies', text: 'Cookies' },
  { href: '/feedback', text: 'Feedback' },
  { href: '/developers', text: 'API for developers' },
];

export function SiteFooterLinks() {
  return (
    <>
      <h2 className="govuk-visually-hidden">Support links</h2>
      <ul className="govuk-footer__inline-list">
        {FOOTER_LINKS.map((link) => (
          <li key={link.href} className="govuk-footer__inline-list-item">
            <a className="govuk-footer__link" href={link.href}>
              {link.text}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
