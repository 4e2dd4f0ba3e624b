import 'server-only';
import { sql } from 'drizzle-orm';
import { ownCouncilForSimilarProjects, visibleProjectsSql } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { queryRowsWithoutJit } from './query-without-jit';
import type { PublishedPeriod } from '@/lib/search/search-engine';
import type { Services } from '@/lib/services';
import { groupByScope } from './scope-groups';

/**
 * "A project like yours": projects another council registered in the period that share a service area
 * (a topic or an LGSL code) with one of the projects of the recipient's own council.
 *
 * - Once per pair: a project is registered once, and digests cover periods end to end (from where the
 *   last one ended), so each (theirs, yours) pair is in exactly one digest. One new project like two
 *   of yours is one item naming both.
 * - Only what the recipient may see when it is sent (visibleProjectsSql): a project narrowed so they
 *   may not see it, or deleted, is left out. Their own council's projects they always see.
 * - "New" is registered in the period, as for new projects (find-new-projects.ts explains why).
 *
 * One query per council, visibility scope and period, however many of its members get digests.
 */
export interface SimilarProjectsRequest {
  viewer: Viewer;
  period: PublishedPeriod;
}

export interface SimilarProjectItem {
  id: string;
  name: string;
  council: string;
  phase: string;
  /** The recipient's council's projects it shares service areas with, by name. */
  likeYours: { id: string; name: string }[];
}

export interface SimilarProjects {
  total: number;
  /** The newest first, at most `itemsEach`. */
  items: SimilarProjectItem[];
}

interface SimilarRow {
  id: string;
  name: string;
  council: string;
  phase: string;
  like_yours: { id: string; name: string }[] | string;
  total: number;
}

export async function findSimilarProjects(
  services: Services,
  requests: SimilarProjectsRequest[],
  options: { itemsEach: number },
): Promise<{ answers: (SimilarProjects | undefined)[]; queries: number }> {
  const answers: (SimilarProjects | undefined)[] = new Array(requests.length).fill(undefined);
  const withCouncil = requests.flatMap((request, position) => {
    const council = ownCouncilForSimilarProjects(request.viewer);
    return council ? [{ request, position, council }] : [];
  });
  const groups = groupByScope(withCouncil, (member) => member.council);
  for (const group of groups) {
    const council = group.members[0]!.council;
    // Service areas as rows ('t:' topic slugs, 'l:' LGSL codes), so theirs and yours meet by a plain
    // equality (a hash join) rather than every new project compared with every one of yours.
    // Aliased `p` for visibleProjectsSql: the other council's project, the one whose visibility counts.
    const rows = await queryRowsWithoutJit<SimilarRow>(
      services.db,
      sql`WITH yours AS (
            SELECT own.id, own.name, 't:' || area AS area FROM projects own CROSS JOIN LATERAL unnest(own.topics) AS area WHERE own.organisation_id = ${council}::uuid
            UNION
            SELECT own.id, own.name, 'l:' || code FROM projects own CROSS JOIN LATERAL unnest(own.lgsl_codes) AS code WHERE own.organisation_id = ${council}::uuid
          ),
          theirs AS (
            SELECT p.id, p.name, p.phase, p.organisation_id, p.created_at, p.topics, p.lgsl_codes
            FROM projects p
            WHERE p.organisation_id <> ${council}::uuid
              AND p.created_at > ${group.period.after}::timestamptz AND p.created_at <= ${group.period.upTo}::timestamptz
              AND ${visibleProjectsSql(group.viewer)}
          ),
          pairs AS (
            SELECT DISTINCT t.id, y.id AS own_id, y.name AS own_name
            FROM theirs t
            CROSS JOIN LATERAL (SELECT 't:' || a FROM unnest(t.topics) AS a UNION ALL SELECT 'l:' || c FROM unnest(t.lgsl_codes) AS c) AS their_area(area)
            JOIN yours y ON y.area = their_area.area
          )
          SELECT t.id, t.name, o.name AS council, t.phase,
                 json_agg(json_build_object('id', pairs.own_id, 'name', pairs.own_name) ORDER BY pairs.own_name, pairs.own_id) AS like_yours,
                 (count(*) OVER ())::int AS total
          FROM theirs t
          JOIN pairs ON pairs.id = t.id
          JOIN organisations o ON o.id = t.organisation_id
          GROUP BY t.id, t.name, o.name, t.phase, t.created_at
          ORDER BY t.created_at DESC, t.id
          LIMIT ${Math.max(1, options.itemsEach)}`,
    );
    const answer: SimilarProjects | undefined =
      rows.length === 0
        ? undefined
        : {
            total: Number(rows[0]!.total),
            items: rows.slice(0, options.itemsEach).map((row) => ({
              id: row.id,
              name: row.name,
              council: row.council,
              phase: row.phase,
              likeYours: typeof row.like_yours === 'string' ? (JSON.parse(row.like_yours) as SimilarProjectItem['likeYours']) : row.like_yours,
            })),
          };
    for (const { position } of group.members) answers[position] = answer;
  }
  return { answers, queries: groups.length };
}
