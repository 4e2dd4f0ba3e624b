import type { MetadataRoute } from 'next';
import { absoluteUrl, siteAddress } from '@/lib/open-data/site-address';

/**
 * /robots.txt. Crawlers may read the public pages; the rest would only waste their time and ours:
 *
 * - /account, /admin, /sign-in, /sign-out, /api, the forms to share, change and report materials,
 *   councils' management pages: each needs a session, so a crawler gets a sign-in page or "not found".
 * - downloads (/materials/…/download, old versions): files can be 100 MB; a crawler fetching every
 *   one costs bandwidth and storage requests for nothing, since the material's page describes it
 *   (with its structured data). People and harvesters (the catalogue) still download them.
 * - the forms to register, change and delete projects and kits, and kits' zips (as downloads above).
 * - /search and /projects with parameters: every combination of words, filters and pages is another address, an
 *   endless crawl; the sitemap lists every public material and project instead. /search and /projects stay open.
 * - /search/export.csv: a spreadsheet of results, not a page.
 *
 * This asks politely and hides nothing: what is private is kept private by the permission rules.
 * Made on each request, since the address comes from the settings, which the build does not have.
 */
export const dynamic = 'force-dynamic';

export default function robots(): MetadataRoute.Robots {
  const site = siteAddress();
  return {
    rules: {
      userAgent: '*',
      allow: '/',
      disallow: [
        '/account',
        '/admin',
        '/api/',
        '/sign-in',
        '/sign-out',
        '/feedback',
        '/concerns',
        '/materials/new',
        '/materials/upload',
        '/materials/*/download',
        '/materials/*/versions/',
        '/materials/*/edit',
        '/materials/*/replace',
        '/materials/*/withdraw',
        '/materials/*/restore',
        '/materials/*/delete',
        '/materials/*/check',
        '/materials/*/report',
        '/organisations/*/manage',
        '/organisations/*/audit',
        '/organisations/*/contact',
        '/projects/new',
        '/projects/register',
        '/projects/*/edit',
        '/projects/*/delete',
        '/projects?',
        '/kits/new',
        '/kits/make',
        '/kits/*/download',
        '/kits/*/edit',
        '/kits/*/delete',
        '/search?',
        '/search/export.csv',
        '/healthz',
        '/readyz',
        '/metrics',
      ],
    },
    sitemap: absoluteUrl(site, '/sitemap.xml'),
  };
}
