import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { visibleProjectsSql } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import type { Services } from '@/lib/services';
import type { ProjectPhase } from './project-words';

/**
 * "Who is working on what" at a glance (issue 8, part 4): the home page and a service area's search
 * page show a handful of projects in Discovery now and the latest updates. Both read only what the
 * viewer may see (visibleProjectsSql, the one visibility rule) and are small LIMITed queries.
 */

export const projectsNowLimit = 5;

export interface ProjectInDiscovery {
  id: string;
  name: string;
  council: string;
  /** The day it entered Discovery: its latest move there, or its registration. */
  since: string;
}

export interface RecentProjectUpdate {
  id: string;
  projectId: string;
  projectName: string;
  /** The council the update was posted as (the project's own or a partner). */
  council: string;
  postedOn: string;
  /** The start of the update's text, for a summary line. */
  excerpt: string;
  phaseTo: ProjectPhase | null;
}

export interface ProjectsNowOptions {
  /** Only projects in this service area (topic slug). */
  topic?: string;
  limit?: number;
}

function conditions(viewer: Viewer, options: ProjectsNowOptions): SQL {
  const parts: SQL[] = [visibleProjectsSql(viewer)];
  if (options.topic) parts.push(sql`${options.topic} = ANY(p.topics)`);
  return sql.join(parts, sql` AND `);
}

/** Active projects in Discovery the viewer may see, the ones that got there most recently first. */
export async function projectsInDiscovery(services: Services, viewer: Viewer, options: ProjectsNowOptions = {}): Promise<ProjectInDiscovery[]> {
  const rows = await queryRows<{ id: string; name: string; council: string; since: string }>(
    services.db,
    sql`SELECT p.id, p.name, o.name AS council,
               greatest((p.created_at AT TIME ZONE 'Europe/London')::date,
                        (SELECT max(u.posted_on) FROM project_updates u WHERE u.project_id = p.id AND u.phase_to = 'discovery'))::text AS since
        FROM projects p JOIN organisations o ON o.id = p.organisation_id
        WHERE p.phase = 'discovery' AND p.status = 'active' AND ${conditions(viewer, options)}
        ORDER BY since DESC, p.created_at DESC, p.id ASC
        LIMIT ${options.limit ?? projectsNowLimit}`,
  );
  return rows.map((row) => ({ ...row, since: String(row.since) }));
}

const excerptLength = 160;

/** The latest updates on projects the viewer may see, newest first. */
export async function recentProjectUpdates(services: Services, viewer: Viewer, options: ProjectsNowOptions = {}): Promise<RecentProjectUpdate[]> {
  const rows = await queryRows<{ id: string; project_id: string; project_name: string; council: string; posted_on: string; body: string; phase_to: ProjectPhase | null }>(
    services.db,
    sql`SELECT u.id, p.id AS project_id, p.name AS project_name, coalesce(uo.name, o.name) AS council,
               u.posted_on::text AS posted_on, left(u.body, ${excerptLength + 1}) AS body, u.phase_to
        FROM project_updates u
        JOIN projects p ON p.id = u.project_id
        JOIN organisations o ON o.id = p.organisation_id
        LEFT JOIN organisations uo ON uo.id = u.organisation_id
        WHERE ${conditions(viewer, options)}
        ORDER BY u.posted_on DESC, u.created_at DESC, u.id ASC
        LIMIT ${options.limit ?? projectsNowLimit}`,
  );
  return rows.map((row) => ({
    id: row.id,
    projectId: row.project_id,
    projectName: row.project_name,
    council: row.council,
    postedOn: String(row.posted_on),
    excerpt: excerpt(row.body),
    phaseTo: row.phase_to,
  }));
}

/** One line of an update: whitespace folded, cut at a word with an ellipsis when long. */
export function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat.length <= excerptLength) return flat;
  const cut = flat.slice(0, excerptLength);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > excerptLength / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
