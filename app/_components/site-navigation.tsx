'use client';

import { useSelectedLayoutSegments } from 'next/navigation';
import { ServiceNavigation, type ServiceNavigationItem } from './govuk/service-navigation';

const LINKS: ReadonlyArray<{ href: string; text: string }> = [
  { href: '/search', text: 'Search' },
  { href: '/materials/new', text: 'Share a material' },
];

/**
 * The site's service navigation, marking the link for the current page.
 *
 * The current route comes from the router's segments, not `usePathname()`:
 * the prerendered 404 page is served at any unknown address, and the address
 * seen while hydrating would not match the HTML prerendered for `/_not-found`
 * (React then throws away the server HTML, including the body classes set by
 * the GOV.UK Frontend snippet).
 */
export function SiteNavigation() {
  const path = `/${useSelectedLayoutSegments()
    .filter((segment) => !segment.startsWith('(') && !segment.startsWith('__'))
    .join('/')}`;
  const items: ServiceNavigationItem[] = LINKS.map((link) => ({
    ...link,
    current: path === link.href,
    active: path.startsWith(`${link.href}/`),
  }));
  return <ServiceNavigation items={items} navigationLabel="Main" />;
}
