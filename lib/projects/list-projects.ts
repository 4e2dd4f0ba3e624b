import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { visibleProjectsSql } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import { single } from '@/lib/materials/material-access';
import type { Services } from '@/lib/services';
import { collaborationChoices, projectPhases, projectStatuses, type Collaboration, type ProjectPhase, type ProjectStatus } from './project-words';

export const projectsPageSize = 20;
const maxPage = 10_000;
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(100);

/**
 * The filters of /projects, from its GET form. Anything that is not a known value is ignored (the
 * list is then unfiltered by it): a GET form must never fail.
 */
export interface ProjectFilters {
  phase?: ProjectPhase;
  /** A council's slug. */
  council?: string;
  /** A service area (topic slug). */
  topic?: string;
  collaboration?: Collaboration;
  status?: ProjectStatus;
  page: number;
}

const filterSchema = z.object({
  phase: z.enum(projectPhases).optional().catch(undefined),
  council: slug.optional().catch(undefined),
  topic: slug.optional().catch(undefined),
  collaboration: z.enum(collaborationChoices).optional().catch(undefined),
  status: z.enum(projectStatuses).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(maxPage).catch(1),
});

export function readProjectFilters(query: Record<string, unknown>): ProjectFilters {
  return filterSchema.parse({
    phase: single(query.phase) || undefined,
    council: single(query.council) || undefined,
    topic: single(query.topic) || undefined,
    collaboration: single(query.collaboration) || undefined,
    status: single(query.status) || undefined,
    page: single(query.page) ?? 1,
  });
}

/** The filters as a query string (without `page` on the first page): the list's, its feed's and its pages' links. */
export function projectFilterQuery(filters: Omit<ProjectFilters, 'page'> & { page?: number }): string {
  const query = new URLSearchParams();
  for (const key of ['phase', 'topic', 'council', 'collaboration', 'status'] as const) if (filters[key]) query.set(key, filters[key]);
  if (filters.page && filters.page > 1) query.set('page', String(filters.page));
  return query.toString();
}

export interface ProjectListItem {
  id: string;
  name: string;
  summary: string;
  council: { slug: string; name: string };
  phase: ProjectPhase;
  status: ProjectStatus;
  collaboration: Collaboration[];
  /** The day of its latest update, or of its registration. */
  lastUpdatedOn: string;
}

export interface ProjectList {
  items: ProjectListItem[];
  total: number;
  page: number;
  pageCount: number;
}

/**
 * Every project the viewer may see (visibleProjectsSql: the one visibility rule, with partner
 * councils), filtered, most recently updated first, a page at a time.
 */
export async function listProjects(services: Services, viewer: Viewer, filters: ProjectFilters, options: { pageSize?: number } = {}): Promise<ProjectList> {
  const pageSize = options.pageSize ?? projectsPageSize;
  const conditions: SQL[] = [visibleProjectsSql(viewer)];
  if (filters.phase) conditions.push(sql`p.phase = ${filters.phase}`);
  if (filters.council) conditions.push(sql`o.slug = ${filters.council}`);
  if (filters.topic) conditions.push(sql`${filters.topic} = ANY(p.topics)`);
  if (filters.collaboration) conditions.push(sql`${filters.collaboration} = ANY(p.collaboration)`);
  if (filters.status) conditions.push(sql`p.status = ${filters.status}`);
  const where = sql.join(conditions, sql` AND `);

  const [counted] = await queryRows<{ total: number }>(
    services.db,
    sql`SELECT count(*)::int AS total FROM projects p JOIN organisations o ON o.id = p.organisation_id WHERE ${where}`,
  );
  const total = counted?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(filters.page, pageCount);
  const rows = await queryRows<{ id: string; name: string; summary: string; slug: string; council: string; phase: ProjectPhase; status: ProjectStatus; collaboration: Collaboration[]; last_updated_on: string }>(
    services.db,
    sql`SELECT p.id, p.name, p.summary, o.slug, o.name AS council, p.phase, p.status, p.collaboration,
               greatest((p.created_at AT TIME ZONE 'Europe/London')::date,
                        (SELECT max(u.posted_on) FROM project_updates u WHERE u.project_id = p.id))::text AS last_updated_on
        FROM projects p JOIN organisations o ON o.id = p.organisation_id
        WHERE ${where}
        ORDER BY last_updated_on DESC, p.created_at DESC, p.id ASC
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
  );
  return {
    items: rows.map((row) => ({
      id: row.id,
      name: row.name,
      summary: row.summary,
      council: { slug: row.slug, name: row.council },
      phase: row.phase,
      status: row.status,
      collaboration: row.collaboration,
      lastUpdatedOn: String(row.last_updated_on),
    })),
    total,
    page,
    pageCount,
  };
}
