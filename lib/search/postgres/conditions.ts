import { sql, type SQL } from 'drizzle-orm';
import { visibleMaterialsSql } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import type { SearchPlan } from './plan';
import type { FacetName, SearchFilters, SearchQuery } from '../search-engine';

/** What one search asks for, as the conditions below are built from. */
export interface SearchScope {
  viewer: Viewer;
  plan: SearchPlan;
  filters: SearchFilters;
  /** publishedCondition's SQL. */
  published: SQL;
}

/**
 * What a result of the search meets: the viewer may see it (lib/auth/permissions.ts), it was published
 * in the period, and, as asked, it passes every filter and has the words (last: with a phrase, their
 * exact test is the costly one). Facet counts ask without the filters (each facet is counted without
 * its own); the first stages of two-stage ranking without the words.
 */
export function matchingSql(scope: SearchScope, include: { filters: boolean; words: boolean | 'index' }): SQL {
  const parts = [visibleMaterialsSql(scope.viewer), scope.published];
  if (include.filters) {
    const conditions = filterConditions(scope.filters);
    if (include.words !== false && scope.plan.kind === 'words') conditions.phases = notLeading(conditions.phases);
    parts.push(...Object.values(conditions));
  }
  if (include.words === 'index') parts.push(indexedTextCondition(scope.plan));
  else if (include.words) parts.push(textCondition(scope.plan));
  return sql.join(parts, sql` AND `);
}

/**
 * A condition written so that no index can answer it (`IS TRUE`): it is tested on the rows another
 * index found. Used for the phases when there are words. There are five phases, so one holds a fifth
 * or more of all materials, and the planner does not count what testing the words on a row costs (its
 * vector is large and stored apart from the row, in the TOAST table): it would find the rows by the
 * phase's index and test the words on each. For "user research plan" in discovery research plans at 100,000
 * materials that read 60,000 vectors, 300 ms; with the words' index finding the rows, 40 ms. A
 * service area or a council is a small part of the hub, so their indexes are left to the planner:
 * leading with them can be the better plan.
 */
function notLeading(condition: SQL): SQL {
  return sql`(${condition}) IS TRUE`;
}

/**
 * The WHERE conditions the Postgres engine puts beside the visibility rule: the words, the filters
 * (one per facet, so each facet can be counted without its own) and the publishing period. They read
 * the columns of `materials m` and `organisations o`; every value is a bound parameter.
 */

/** Only materials first published in the period asked for (bound parameters; `true` when none). */
export function publishedCondition(period: SearchQuery['published']): SQL {
  const after = validInstant(period?.after);
  const upTo = validInstant(period?.upTo);
  if (!after && !upTo) return sql`true`;
  return sql`(m.first_published_at IS NOT NULL${after ? sql` AND m.first_published_at > ${after}::timestamptz` : sql``}${
    upTo ? sql` AND m.first_published_at <= ${upTo}::timestamptz` : sql``
  })`;
}

/** An ISO 8601 instant as Postgres should read it, or undefined for anything else. */
function validInstant(value: string | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * The words. With a phrase, the index is asked the loose query (the phrase's words, anywhere) and the
 * exact one is tested in a form the planner cannot hand to the index, so Postgres reads a vector to
 * look for the phrase only on rows that passed the index and the cheaper conditions (callers put this
 * condition last), not on every row with the words.
 */
export function textCondition(plan: SearchPlan): SQL {
  const exact = exactTextTest(plan);
  return exact ? sql`${indexedTextCondition(plan)} AND ${exact}` : indexedTextCondition(plan);
}

/**
 * The part of the words' condition the index answers: with phrases, their words anywhere (a row
 * that passes may still lack the phrase: exactTextTest is the rest); otherwise the whole condition.
 */
export function indexedTextCondition(plan: SearchPlan): SQL {
  if (plan.kind === 'browse') return sql`true`;
  if (plan.kind === 'nothing') return sql`false`;
  // The tsquery written out here, not read from the search_query CTE: the planner can then estimate
  // how many rows it matches (from the column's statistics) and choose its plan accordingly, such as
  // combining the words' index with a filter's, or walking newest first for a common word.
  return sql`m.search_vector @@ ${plan.looseMatch ?? plan.match}`;
}

/** The costly rest of the words' condition, each row's whole vector read: the phrases; null without. */
export function exactTextTest(plan: SearchPlan): SQL | null {
  return plan.kind === 'words' && plan.looseMatch ? sql`(m.search_vector @@ search_query.q) IS TRUE` : null;
}

/** One condition per facet; `true` when nothing is selected. Values are bound parameters. */
export function filterConditions(filters: SearchFilters): Record<FacetName, SQL> {
  return {
    phases: overlaps(sql`m.phases`, filters.phases),
    artefactTypes: isIn(sql`m.artefact_type`, filters.artefactTypes),
    kinds: isIn(sql`m.kind`, filters.kinds),
    topics: overlaps(sql`m.topics`, filters.topics),
    councils: isIn(sql`o.slug`, filters.councils),
    licences: isIn(sql`m.licence`, filters.licences),
  };
}

function parameters(values: string[]): SQL {
  return sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );
}

function overlaps(column: SQL, values: string[]): SQL {
  return values.length === 0 ? sql`true` : sql`(${column} && ARRAY[${parameters(values)}]::text[])`;
}

function isIn(column: SQL, values: string[]): SQL {
  return values.length === 0 ? sql`true` : sql`(${column} IS NOT NULL AND ${column} IN (${parameters(values)}))`;
}
