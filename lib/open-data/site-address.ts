import 'server-only';
import { config } from '@/lib/config';

/** The hub's name, as feeds, the catalogue and structured data give it. */
export const hubName = 'Discovery Commons';

/**
 * The hub's own address (NEXTAUTH_URL's origin, such as https://hub.example.org), for the absolute
 * links of feeds, the sitemap and the catalogue. Never the request's Host header: anyone can send
 * any Host, and a cached or harvested document would then point readers at their site.
 */
export function siteAddress(): string {
  return config().auth.url;
}

/** An absolute URL on the hub for a path such as `/materials/<id>`. */
export function absoluteUrl(site: string, path: string): string {
  return new URL(path, site).href;
}
