import 'server-only';
import { sql } from 'drizzle-orm';
import { visibleProjectsSql } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { queryRowsWithoutJit } from './query-without-jit';
import type { PublishedPeriod } from '@/lib/search/search-engine';
import type { Services } from '@/lib/services';
import { isUuid } from '@/lib/text/uuid';
import { groupByScope } from './scope-groups';

/**
 * New updates (and phase moves: "moving phase is an update") on followed projects, for digests and
 * for "new since your last visit". Each is read as its follower may see the project now
 * (visibleProjectsSql, the projects' one rule), so a project narrowed to its council, or deleted, is
 * gone from the next digest built.
 *
 * One query per visibility scope and period (groupByScope), for every project followed in that scope
 * at once: the newest `itemsEach` updates of each, and how many there are. Followers of the same
 * project who see the same things share its answer.
 */
export interface ProjectUpdatesRequest {
  projectId: string;
  viewer: Viewer;
  period: PublishedPeriod;
}

export interface ProjectUpdateItem {
  id: string;
  postedOn: string;
  body: string;
  phaseFrom: string | null;
  phaseTo: string | null;
}

export interface ProjectUpdates {
  projectId: string;
  projectName: string;
  total: number;
  /** The newest first, at most `itemsEach`. */
  items: ProjectUpdateItem[];
}

interface UpdateRow {
  project_id: string;
  project_name: string;
  id: string;
  posted_on: string;
  body: string;
  phase_from: string | null;
  phase_to: string | null;
  total: number;
}

export async function findProjectUpdates(
  services: Services,
  requests: ProjectUpdatesRequest[],
  options: { itemsEach: number },
): Promise<{ answers: (ProjectUpdates | undefined)[]; queries: number }> {
  const answers: (ProjectUpdates | undefined)[] = new Array(requests.length).fill(undefined);
  const groups = groupByScope(requests.map((request, position) => ({ request, position })).filter(({ request }) => isUuid(request.projectId)));
  // Ask for at least one row each, so the count comes back even when only counts are wanted.
  const rowsEach = Math.max(1, options.itemsEach);
  for (const group of groups) {
    const ids = [...new Set(group.members.map(({ request }) => request.projectId))];
    const rows = await queryRowsWithoutJit<UpdateRow>(
      services.db,
      sql`SELECT project_id, project_name, id, posted_on, body, phase_from, phase_to, total FROM (
            SELECT u.project_id, p.name AS project_name, u.id, u.posted_on::text AS posted_on, u.body, u.phase_from, u.phase_to, u.created_at,
                   row_number() OVER (PARTITION BY u.project_id ORDER BY u.created_at DESC, u.id) AS rank,
                   (count(*) OVER (PARTITION BY u.project_id))::int AS total
            FROM project_updates u JOIN projects p ON p.id = u.project_id
            WHERE p.id IN (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}) AND ${visibleProjectsSql(group.viewer)}
              AND u.created_at > ${group.period.after}::timestamptz AND u.created_at <= ${group.period.upTo}::timestamptz
          ) ranked
          WHERE rank <= ${rowsEach}
          ORDER BY project_id, created_at DESC, id`,
    );
    const byProject = new Map<string, ProjectUpdates>();
    for (const row of rows) {
      let answer = byProject.get(row.project_id);
      if (!answer) {
        answer = { projectId: row.project_id, projectName: row.project_name, total: Number(row.total), items: [] };
        byProject.set(row.project_id, answer);
      }
      if (answer.items.length < options.itemsEach) {
        answer.items.push({ id: row.id, postedOn: row.posted_on, body: row.body, phaseFrom: row.phase_from, phaseTo: row.phase_to });
      }
    }
    for (const { request, position } of group.members) answers[position] = byProject.get(request.projectId);
  }
  return { answers, queries: groups.length };
}
