/**
 * The Cache-Control of a page. Next.js sends every page it renders on request with
 * `private, no-cache, no-store, max-age=0, must-revalidate`; `no-store` also keeps the page out of the
 * browser's back/forward cache, so going back to a search reloads it.
 *
 * Pages anyone may see, asked for by someone signed out, are the same for everyone signed out: they
 * get `private, no-cache` instead: kept only by the browser (never by a shared cache), checked with the
 * server before each reuse, and restorable from the back/forward cache. Everything personal keeps
 * Next.js's `no-store`: any page for someone signed in (their name, their council's private
 * materials), the sign-in pages, forms shown again with someone's answers (`attempt=`), admin pages.
 * Safe to import anywhere.
 */
import { isPublicPagePath } from './public-pages';

export const PUBLIC_PAGE_CACHE_CONTROL = 'private, no-cache';

/** The Cache-Control to send for this page, or undefined to leave Next.js's `no-store`. */
export function cacheControlFor(page: { pathname: string; search: string; signedIn: boolean }): string | undefined {
  if (page.signedIn) return undefined;
  if (new URLSearchParams(page.search).has('attempt')) return undefined;
  return isPublicPagePath(page.pathname) ? PUBLIC_PAGE_CACHE_CONTROL : undefined;
}
