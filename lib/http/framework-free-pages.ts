/**
 * Pages sent without Next.js's and React's JavaScript.
 *
 * Why: every App Router page loads about 140 KB (compressed) of framework JavaScript and runs it to
 * "hydrate" the page, though the hub's pages are rendered in full on the server and work without
 * JavaScript (the browser tests prove it). On a mid-range phone that is one to four seconds during
 * which the page does not answer taps. The pages people open most on phones (the home page, search,
 * a material, the organisations and the service pages) need none of it, so the web server
 * (lib/cli/web-server.ts) drops it from them: they behave exactly as with JavaScript switched off.
 * Pages with forms that are better with JavaScript (sharing, editing, the council picker) keep it.
 *
 * Next.js 16 has no setting for this (an App Router page cannot opt out of hydration), so it is done
 * on the finished HTML. Only Next.js's own scripts are removed, recognised by their exact shapes; any
 * other script (a page's JSON-LD, say) stays. React escapes "<" in everything it renders from data,
 * so no material's title or text can look like one of these tags.
 */
import { isPublicPagePath } from './public-pages';

/** The public pages (public-pages.ts) need no JavaScript; others may have forms better with it. */
export function isFrameworkFreePage(method: string | undefined, pathname: string): boolean {
  return method === 'GET' && isPublicPagePath(pathname);
}

/** Next.js's scripts: its chunks (and their preload links), its bootstrap, and the page's React data. */
const frameworkScript = /<script\b[^>]*\bsrc="\/_next\/[^"]*"[^>]*><\/script>/g;
const frameworkPreload = /<link\b[^>]*\bhref="\/_next\/[^"]*\.js"[^>]*\/?>/g;
const frameworkInlineScript = /<script\b[^>]*>(?:\(self\.__next_f|self\.__next_f|\(globalThis\["TURBOPACK"\])[\s\S]*?<\/script>/g;
/**
 * The layout's snippet marking the body as ready for GOV.UK Frontend's JavaScript. Without the
 * framework no component is initialised, so the page must be styled as without JavaScript too.
 */
const jsEnabledSnippet = /<script>document\.body\.className \+= ' js-enabled'[\s\S]*?<\/script>/g;

export function withoutFrameworkScripts(html: string): string {
  return html
    .replace(frameworkScript, '')
    .replace(frameworkPreload, '')
    .replace(frameworkInlineScript, '')
    .replace(jsEnabledSnippet, '');
}
