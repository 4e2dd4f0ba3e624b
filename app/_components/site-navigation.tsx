'use client';

import { useSelectedLayoutSegments } from 'next/navigation';
import { ServiceNavigation, type ServiceNavigationItem } from './govuk/service-navigation';

const LINKS: ReadonlyArray<{ href: string; text: string }> = [
  { href: '/search', text: 'Search' },
  { href: '/materials/new', text: 'Share a material' },
];

/**
 * The site's service navigation, marking the link for the current page, and ending with "Your
 * account" for someone signed in or "Sign in" (coming back to this page afterwards) for anyone else.
 * `signedIn` comes from the server layout, which reads the session; nothing here reads it.
 *
 * The current route comes from the router's segments, not `usePathname()`:
 * the prerendered 404 page is served at any unknown address, and the address
 * seen while hydrating would not match the HTML prerendered for `/_not-found`
 * (React then throws away the server HTML, including the body classes set by
 * the GOV.UK Frontend snippet).
 */
export function SiteNavigation({ signedIn = false }: { signedIn?: boolean }) {
  const path = `/${useSelectedLayoutSegments()
    .filter((segment) => !segment.startsWith('(') && !segment.startsWith('__'))
    .join('/')}`;
  const items: ServiceNavigationItem[] = LINKS.map((link) => ({
    ...link,
    current: path === link.href,
    active: path.startsWith(`${link.href}/`),
  }));
  if (signedIn) {
    items.push({ href: '/account', text: 'Your account', current: path === '/account', active: path.startsWith('/account/') });
  } else {
    const comeBack = path !== '/' && !/^\/(sign-in|sign-out|account)(\/|$)/.test(path) && !path.includes('[');
    items.push({
      href: comeBack ? `/sign-in?callbackUrl=${encodeURIComponent(path)}` : '/sign-in',
      text: 'Sign in',
      current: path === '/sign-in',
      active: path.startsWith('/sign-in/'),
    });
  }
  return <ServiceNavigation items={items} navigationLabel="Main" />;
}
