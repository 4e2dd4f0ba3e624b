import type { MetadataRoute } from 'next';
import { listSitemapEntries } from '@/lib/open-data/sitemap-entries';
import { siteAddress } from '@/lib/open-data/site-address';
import { services } from '@/lib/runtime';

/**
 * /sitemap.xml: the public pages, councils with public materials and public materials
 * (lib/open-data/sitemap-entries.ts), whoever asks. Made on each request (dynamic), never at
 * build time: the build has no database, and a sitemap frozen then would list nothing shared since.
 * Every address is a UUID or a checked slug on the hub's own address, so none needs XML escaping.
 */
export const dynamic = 'force-dynamic';

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  return listSitemapEntries(await services(), siteAddress());
}
