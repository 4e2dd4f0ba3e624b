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
 * Projects newly registered in a council or service area someone follows, for digests and for "new
 * since your last visit".
 *
 * "New" means registered in the period (projects.created_at), not "newly visible to you": a digest
 * tells of things that happened, and registering is the event "a council starts a project". A project
 * registered for its own council and opened up later is not announced again; it is found by search,
 * on the service area's and the council's pages, and its updates reach its followers. Whether the
 * recipient may see it is asked at send time (visibleProjectsSql, the projects' one rule): one
 * narrowed or deleted before the digest is built is not in it.
 *
 * One query per visibility scope and period (groupByScope) for every followed council and service area
 * in that scope: the newest `itemsEach` projects of each, and how many there are.
 */
export interface NewProjectsRequest {
  follow: { kind: string; target: string };
  viewer: Viewer;
  period: PublishedPeriod;
}

export interface NewProjectItem {
  id: string;
  name: string;
  council: string;
  phase: string;
}

export interface NewProjects {
  total: number;
  /** The newest first, at most `itemsEach`. */
  items: NewProjectItem[];
}

interface NewProjectRow {
  kind: string;
  target: string;
  id: string;
  name: string;
  council: string;
  phase: string;
  total: number;
}

/** Only councils (by id) and service areas (by slug) have new projects; other kinds answer undefined. */
const hasNewProjects = (follow: { kind: string; target: string }) => (follow.kind === 'council' && isUuid(follow.target)) || follow.kind === 'topic';

export async function findNewProjects(
  services: Services,
  requests: NewProjectsRequest[],
  options: { itemsEach: number },
): Promise<{ answers: (NewProjects | undefined)[]; queries: number }> {
  const answers: (NewProjects | undefined)[] = new Array(requests.length).fill(undefined);
  const groups = groupByScope(requests.map((request, position) => ({ request, position })).filter(({ request }) => hasNewProjects(request.follow)));
  const rowsEach = Math.max(1, options.itemsEach);
  for (const group of groups) {
    const targets = new Map(group.members.map(({ request }) => [`${request.follow.kind}\u0000${request.follow.target}`, request.follow]));
    const values = [...targets.values()].map((follow) => sql`(${follow.kind}::text, ${follow.target}::text)`);
    const rows = await queryRowsWithoutJit<NewProjectRow>(
      services.db,
      // Councils and service areas joined separately (each a plain equality, so a hash join), not by
      // one OR condition, which compared every new project with every target.
      sql`WITH targets(kind, target) AS (VALUES ${sql.join(values, sql`, `)}),
          new_projects AS (
            SELECT p.id, p.name, p.phase, p.topics, p.organisation_id, p.created_at, o.name AS council
            FROM projects p JOIN organisations o ON o.id = p.organisation_id
            WHERE p.created_at > ${group.period.after}::timestamptz AND p.created_at <= ${group.period.upTo}::timestamptz
              AND ${visibleProjectsSql(group.viewer)}
          ),
          matched AS (
            SELECT t.kind, t.target, n.* FROM targets t JOIN new_projects n ON t.kind = 'council' AND n.organisation_id::text = t.target
            UNION ALL
            SELECT t.kind, t.target, n.* FROM new_projects n CROSS JOIN LATERAL unnest(n.topics) AS area(slug) JOIN targets t ON t.kind = 'topic' AND t.target = area.slug
          )
          SELECT kind, target, id, name, council, phase, total FROM (
            SELECT kind, target, id, name, council, phase, created_at,
                   row_number() OVER (PARTITION BY kind, target ORDER BY created_at DESC, id) AS rank,
                   (count(*) OVER (PARTITION BY kind, target))::int AS total
            FROM matched
          ) ranked
          WHERE rank <= ${rowsEach}
          ORDER BY kind, target, created_at DESC, id`,
    );
    const byTarget = new Map<string, NewProjects>();
    for (const row of rows) {
      const key = `${row.kind}\u0000${row.target}`;
      let answer = byTarget.get(key);
      if (!answer) {
        answer = { total: Number(row.total), items: [] };
        byTarget.set(key, answer);
      }
      if (answer.items.length < options.itemsEach) answer.items.push({ id: row.id, name: row.name, council: row.council, phase: row.phase });
    }
    for (const { request, position } of group.members) answers[position] = byTarget.get(`${request.follow.kind}\u0000${request.follow.target}`);
  }
  return { answers, queries: groups.length };
}
