import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { visibleProjectsSql } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import type { Collaboration, ProjectPhase, ProjectStatus } from '@/lib/projects/project-words';
import type { Services } from '@/lib/services';
import { planSearch } from './postgres/plan';

/**
 * Projects matching a search (issue 8, part 4): the words planned as for materials (planSearch: the
 * same synonyms, and typed words the dictionary does not know widened with close dictionary words),
 * matched against each project's name (weighted first) and summary with Postgres full-text search, on
 * both drivers, and only projects the viewer may see (visibleProjectsSql, the one visibility rule).
 *
 * It runs in Postgres whichever engine searches materials: projects are few (a register, not a
 * library), so the vector is worked out per query rather than stored. Meilisearch has no projects
 * index yet.
 */

export interface ProjectSearchFilters {
  phases?: ProjectPhase[];
  /** Service areas (topic slugs). */
  topics?: string[];
  /** Councils' slugs. */
  councils?: string[];
  collaboration?: Collaboration[];
}

export interface ProjectSearchHit {
  id: string;
  name: string;
  summary: string;
  council: { slug: string; name: string };
  phase: ProjectPhase;
  status: ProjectStatus;
}

export interface ProjectSearchResults {
  hits: ProjectSearchHit[];
  total: number;
}

export const projectSearchLimit = 5;

const projectVector = sql`(setweight(to_tsvector('english', p.name), 'A') || setweight(to_tsvector('english', p.summary), 'B'))`;

/** Projects matching `text` (nothing typed: none, the page shows materials only), best match first. */
export async function searchProjects(
  services: Services,
  viewer: Viewer,
  text: string,
  filters: ProjectSearchFilters = {},
  options: { limit?: number } = {},
): Promise<ProjectSearchResults> {
  const plan = await planSearch(services.db, text);
  if (plan.kind !== 'words') return { hits: [], total: 0 };
  const conditions: SQL[] = [visibleProjectsSql(viewer), sql`${projectVector} @@ ${plan.match}`];
  if (filters.phases?.length) conditions.push(sql`p.phase IN (${sql.join(filters.phases.map((v) => sql`${v}`), sql`, `)})`);
  if (filters.topics?.length) conditions.push(sql`p.topics && string_to_array(${filters.topics.join(',')}, ',')`);
  if (filters.councils?.length) conditions.push(sql`o.slug IN (${sql.join(filters.councils.map((v) => sql`${v}`), sql`, `)})`);
  if (filters.collaboration?.length) conditions.push(sql`p.collaboration && string_to_array(${filters.collaboration.join(',')}, ',')`);
  const where = sql.join(conditions, sql` AND `);
  const rows = await queryRows<{ id: string; name: string; summary: string; slug: string; council: string; phase: ProjectPhase; status: ProjectStatus; total: number }>(
    services.db,
    sql`SELECT p.id, p.name, p.summary, o.slug, o.name AS council, p.phase, p.status, (count(*) OVER ())::int AS total
        FROM projects p JOIN organisations o ON o.id = p.organisation_id
        WHERE ${where}
        ORDER BY ts_rank(${projectVector}, ${plan.match}) DESC, p.created_at DESC, p.id ASC
        LIMIT ${options.limit ?? projectSearchLimit}`,
  );
  return {
    hits: rows.map((row) => ({ id: row.id, name: row.name, summary: row.summary, council: { slug: row.slug, name: row.council }, phase: row.phase, status: row.status })),
    total: rows[0]?.total ?? 0,
  };
}
