/**
 * The pages anyone may see and that are the same for everyone signed out: the home page, search, a
 * material, the organisations and the service pages. Matched on the path alone (no trailing slash).
 * Two decisions rest on this list: how browsers may keep these pages (cache-policy.ts) and that they
 * are sent without the framework's JavaScript (framework-free-pages.ts). Safe to import anywhere.
 */
const publicPages = [
  /^\/$/,
  /^\/search$/,
  /^\/materials\/[0-9a-f-]{36}$/,
  /^\/organisations$/,
  /^\/organisations\/[a-z0-9-]+$/,
  /^\/(accessibility|privacy|cookies|help|contact|developers)$/,
];

export function isPublicPagePath(pathname: string): boolean {
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  return publicPages.some((pattern) => pattern.test(path));
}
