/**
 * The request header by which proxy.ts tells the layout the address of the page being shown (path and
 * query string). Always set by the proxy itself, replacing anything the browser sent.
 */
export const PAGE_ADDRESS_HEADER = 'x-discovery-commons-page';

/** The page's address as the proxy set it, if it is a path on this site; otherwise undefined. */
export function pageAddressFrom(value: string | null | undefined): string | undefined {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.length > 2000) return undefined;
  return value;
}
