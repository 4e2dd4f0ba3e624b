import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { queryRows } from '@/lib/db/query-rows';
import { facetNames, type FacetName, type SearchFilters } from '../search-engine';
import { filterConditions, matchingSql, type SearchScope } from './conditions';
import { queryCte } from './plan-sql';
import { firstSampleBuckets, mayBeWithinExactLimit, sampleConditionSql, sampling, scaledCount, widerSampleBuckets } from './sampling';

/**
 * The Postgres engine's totals and facet counts. Facet counts are disjunctive: each facet is counted
 * with every filter except its own, so people can widen a selection within a facet. Up to
 * sampling.exactLimit matches every count is exact; beyond, they are estimated from an even sample
 * (sampling.ts) and marked approximate. What may be seen is decided by lib/auth/permissions.ts
 * (`visibleMaterialsSql`), for the sample as for the whole.
 */

export interface Counts {
  total: number;
  byFacet: Record<FacetName, Map<string, { count: number; label: string | null }>>;
  /** Which counts are estimates from a sample (the total only when it is large). */
  estimated: { total: boolean; facets: boolean };
}

export function noCounts(): Counts {
  const byFacet = Object.fromEntries(facetNames.map((name) => [name, new Map()])) as Counts['byFacet'];
  return { total: 0, byFacet, estimated: { total: false, facets: false } };
}

/**
 * The total and, for each facet, the count per value: exact, or estimated beyond exactLimit matches.
 * `tableRows` is the planner's count of materials (0 when it has none). A hub no bigger than a sample
 * is counted exactly in one statement. A larger one is sampled first;
 * a result the sample says may be small is then counted exactly (up to exactLimit + 1 matches), and a
 * sample that held too few matches for steady estimates is taken again, wider.
 */
export async function countWithFacets(db: Database, scope: SearchScope, tableRows: number): Promise<Counts> {
  let buckets = firstSampleBuckets(tableRows);
  if (buckets >= sampling.buckets) return (await facetCounts(db, scope, {})).counts;
  let sample = await facetCounts(db, scope, { buckets });
  if (mayBeWithinExactLimit(sample.matched, buckets)) {
    const exact = await facetCounts(db, scope, { limit: sampling.exactLimit + 1 });
    if (exact.matched <= sampling.exactLimit) return exact.counts;
  }
  const wider = widerSampleBuckets(buckets, sample.matched);
  if (wider !== null) {
    buckets = wider;
    sample = await facetCounts(db, scope, { buckets });
  }
  if (buckets >= sampling.buckets) return sample.counts;
  const { counts } = sample;
  for (const values of Object.values(counts.byFacet)) {
    for (const [value, entry] of values) values.set(value, { ...entry, count: scaledCount(entry.count, buckets) });
  }
  // Filters can leave few of many matches: then the total is counted, not estimated.
  const estimate = scaledCount(counts.total, buckets);
  if (mayBeWithinExactLimit(counts.total, buckets) && hasFilters(scope.filters)) {
    const exact = await countOnly(db, scope, sampling.exactLimit + 1);
    if (exact.total <= sampling.exactLimit) return { ...counts, total: exact.total, estimated: { total: false, facets: true } };
  }
  return { ...counts, total: estimate, estimated: { total: true, facets: true } };
}

function hasFilters(filters: SearchFilters): boolean {
  return Object.values(filters).some((values) => values.length > 0);
}

/**
 * Only the total, exact, for callers that need no facet counts (SearchQuery.facets false), or, with
 * `limit`, counted up to that many.
 */
export async function countOnly(db: Database, scope: SearchScope, limit?: number): Promise<Counts> {
  const [row] = await queryRows<{ count: number }>(db, sql`
    WITH ${queryCte(scope.plan, false)}
    SELECT count(*)::int AS count FROM (
      SELECT 1
      FROM materials m
      LEFT JOIN organisations o ON o.id = m.organisation_id
      CROSS JOIN search_query
      WHERE ${matchingSql(scope, { filters: true, words: true })}
      ${limit === undefined ? sql`` : sql`LIMIT ${limit}`}
    ) found
  `);
  return { ...noCounts(), total: Number(row?.count ?? 0) };
}

/**
 * Counts over the matches (visible, with the words, in the period; before the filters): all of them,
 * the first `limit`, or those in the sample's `buckets`. `matched` is how many that was.
 */
async function facetCounts(
  db: Database,
  scope: SearchScope,
  over: { limit?: number; buckets?: number },
): Promise<{ counts: Counts; matched: number }> {
  const conditions = filterConditions(scope.filters);
  const allExcept = (facet: FacetName | null) =>
    sql.join(
      facetNames.filter((name) => name !== facet).map((name) => sql.raw(`f_${name}`)),
      sql` AND `,
    );
  const sample = over.buckets === undefined ? sql`` : sql`${sampleConditionSql(over.buckets)} AND`;
  const limit = over.limit === undefined ? sql`` : sql`LIMIT ${over.limit}`;

  const rows = await queryRows<{ facet: string; value: string | null; label: string | null; count: number }>(db, sql`
    WITH ${queryCte(scope.plan, false)},
    base AS MATERIALIZED (
      SELECT m.phases, m.artefact_type, m.kind, m.topics, m.licence,
             o.slug AS council_slug, o.name AS council_name,
             ${conditions.phases} AS f_phases,
             ${conditions.artefactTypes} AS f_artefactTypes,
             ${conditions.kinds} AS f_kinds,
             ${conditions.topics} AS f_topics,
             ${conditions.councils} AS f_councils,
             ${conditions.licences} AS f_licences
      FROM materials m
      LEFT JOIN organisations o ON o.id = m.organisation_id
      CROSS JOIN search_query
      WHERE ${sample} ${matchingSql(scope, { filters: false, words: true })}
      ${limit}
    )
    SELECT 'matched' AS facet, NULL AS value, NULL AS label, count(*)::int AS count FROM base
    UNION ALL
    SELECT 'total', NULL, NULL, count(*)::int
      FROM base WHERE ${allExcept(null)}
    UNION ALL
    SELECT 'phases', phase, NULL, count(*)::int
      FROM base CROSS JOIN LATERAL unnest(base.phases) AS phase
      WHERE ${allExcept('phases')} GROUP BY phase
    UNION ALL
    SELECT 'artefactTypes', artefact_type, NULL, count(*)::int
      FROM base WHERE ${allExcept('artefactTypes')} GROUP BY artefact_type
    UNION ALL
    SELECT 'kinds', kind, NULL, count(*)::int
      FROM base WHERE ${allExcept('kinds')} GROUP BY kind
    UNION ALL
    SELECT 'topics', topic, NULL, count(*)::int
      FROM base CROSS JOIN LATERAL unnest(base.topics) AS topic
      WHERE ${allExcept('topics')} GROUP BY topic
    UNION ALL
    SELECT 'councils', council_slug, min(council_name), count(*)::int
      FROM base WHERE council_slug IS NOT NULL AND ${allExcept('councils')} GROUP BY council_slug
    UNION ALL
    SELECT 'licences', licence, NULL, count(*)::int
      FROM base WHERE ${allExcept('licences')} GROUP BY licence
  `);

  const counts = noCounts();
  let matched = 0;
  for (const row of rows) {
    const count = Number(row.count);
    if (row.facet === 'matched') matched = count;
    else if (row.facet === 'total') counts.total = count;
    else if (isFacetName(row.facet) && row.value !== null) counts.byFacet[row.facet].set(row.value, { count, label: row.label });
  }
  return { counts, matched };
}

function isFacetName(value: string): value is FacetName {
  return (facetNames as readonly string[]).includes(value);
}
