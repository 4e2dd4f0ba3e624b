import 'server-only';
import { sql } from 'drizzle-orm';
import { visibilityScopeKey, visibleProjectsSql } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import type { PublishedPeriod } from '@/lib/search/search-engine';
import type { Services } from '@/lib/services';
import { isUuid } from '@/lib/text/uuid';

/**
 * New updates (and phase moves: "moving phase is an update") on followed projects, for digests. Each
 * is read as its follower may see the project now (visibleProjectsSql, the projects' one rule), so a
 * project narrowed to its council, or deleted, is gone from the next digest built.
 *
 * As for materials (find-new-materials.ts), followers of the same project who see the same things
 * (visibilityScopeKey) over the same period share one query.
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

export async function findProjectUpdates(
  services: Services,
  requests: ProjectUpdatesRequest[],
  options: { itemsEach: number },
): Promise<{ answers: (ProjectUpdates | undefined)[]; queries: number }> {
  const groups = new Map<string, { request: ProjectUpdatesRequest; positions: number[] }>();
  requests.forEach((request, position) => {
    if (!isUuid(request.projectId)) return;
    const key = [request.projectId, visibilityScopeKey(request.viewer), request.period.after, request.period.upTo].join('\u0000');
    const group = groups.get(key);
    if (group) group.positions.push(position);
    else groups.set(key, { request, positions: [position] });
  });
  const answers: (ProjectUpdates | undefined)[] = new Array(requests.length).fill(undefined);
  let queries = 0;
  for (const { request, positions } of groups.values()) {
    queries += 1;
    const rows = await queryRows<{ id: string; project_name: string; posted_on: string; body: string; phase_from: string | null; phase_to: string | null; total: number }>(
      services.db,
      sql`SELECT u.id, p.name AS project_name, u.posted_on::text AS posted_on, u.body, u.phase_from, u.phase_to, (count(*) OVER ())::int AS total
          FROM project_updates u JOIN projects p ON p.id = u.project_id
          WHERE p.id = ${request.projectId}::uuid AND ${visibleProjectsSql(request.viewer)}
            AND u.created_at > ${request.period.after}::timestamptz AND u.created_at <= ${request.period.upTo}::timestamptz
          ORDER BY u.created_at DESC, u.id
          LIMIT ${Math.max(1, options.itemsEach)}`,
    );
    if (rows.length === 0) continue;
    const answer: ProjectUpdates = {
      projectId: request.projectId,
      projectName: rows[0]!.project_name,
      total: Number(rows[0]!.total),
      items: rows.map((row) => ({ id: row.id, postedOn: row.posted_on, body: row.body, phaseFrom: row.phase_from, phaseTo: row.phase_to })),
    };
    for (const position of positions) answers[position] = answer;
  }
  return { answers, queries };
}
