import 'server-only';
import { sql } from 'drizzle-orm';
import { publicInterfaceViewer, visibleKitsSql, visibleMaterialsSql, visibleProjectsSql } from '@/lib/auth/permissions';
import { queryRows } from '@/lib/db/query-rows';
import type { Services } from '@/lib/services';
import { absoluteUrl } from './site-address';

/**
 * What sitemap.xml lists: the pages anyone may read. Public, published materials only (asked as
 * publicInterfaceViewer, lib/auth/permissions.ts, through visibleMaterialsSql), the councils that
 * have at least one, public projects and public kits (through their own rules, visibleProjectsSql and
 * visibleKitsSql, as the same viewer), and the pages of the service itself. Organisations with nothing public are left
 * out: their pages say little, and a crawler has no reason to visit hundreds of empty ones.
 */

/** The sitemap protocol's limit of addresses in one file. */
export const sitemapUrlLimit = 50_000;

/** The service's own pages, always listed. */
export const servicePages = ['/', '/search', '/organisations', '/projects', '/kits', '/help', '/accessibility', '/privacy', '/cookies', '/contact'] as const;

export interface SitemapEntry {
  url: string;
  lastModified?: string;
}

export async function listSitemapEntries(services: Services, site: string): Promise<SitemapEntry[]> {
  const visible = visibleMaterialsSql(publicInterfaceViewer);
  const councils = await queryRows<{ slug: string; last_modified: string | Date }>(
    services.db,
    sql`SELECT o.slug, max(m.updated_at) AS last_modified
          FROM materials m JOIN organisations o ON o.id = m.organisation_id
         WHERE ${visible}
         GROUP BY o.slug
         ORDER BY o.slug`,
  );
  const projectRows = await queryRows<{ id: string; last_modified: string | Date }>(
    services.db,
    sql`SELECT p.id, greatest(p.updated_at, (SELECT max(u.created_at) FROM project_updates u WHERE u.project_id = p.id)) AS last_modified
          FROM projects p
         WHERE ${visibleProjectsSql(publicInterfaceViewer)}
         ORDER BY last_modified DESC, p.id
         LIMIT ${sitemapUrlLimit / 10}`,
  );
  const kitRows = await queryRows<{ id: string; updated_at: string | Date }>(
    services.db,
    sql`SELECT k.id, k.updated_at FROM kits k WHERE ${visibleKitsSql(publicInterfaceViewer)} ORDER BY k.updated_at DESC, k.id LIMIT ${sitemapUrlLimit / 10}`,
  );
  // Past the protocol's limit, the most recently changed materials are the ones worth crawling.
  const room = Math.max(0, sitemapUrlLimit - servicePages.length - councils.length - projectRows.length - kitRows.length);
  const materialRows = await queryRows<{ id: string; updated_at: string | Date }>(
    services.db,
    sql`SELECT m.id, m.updated_at FROM materials m WHERE ${visible} ORDER BY m.updated_at DESC, m.id LIMIT ${room}`,
  );
  return [
    ...servicePages.map((path) => ({ url: absoluteUrl(site, path) })),
    ...councils.map((row) => ({ url: absoluteUrl(site, `/organisations/${row.slug}`), lastModified: new Date(row.last_modified).toISOString() })),
    ...projectRows.map((row) => ({ url: absoluteUrl(site, `/projects/${row.id}`), lastModified: new Date(row.last_modified).toISOString() })),
    ...kitRows.map((row) => ({ url: absoluteUrl(site, `/kits/${row.id}`), lastModified: new Date(row.updated_at).toISOString() })),
    ...materialRows.map((row) => ({ url: absoluteUrl(site, `/materials/${row.id}`), lastModified: new Date(row.updated_at).toISOString() })),
  ];
}
