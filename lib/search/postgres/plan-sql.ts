import { sql, type SQL } from 'drizzle-orm';
import type { SearchPlan } from './plan';
import { phrasePatternSql, snippetPatternSql } from './snippets';

/** A search plan (plan.ts) as the pieces of SQL the Postgres engine's queries are built from. */

/**
 * `search_query`: q, the tsquery results must match (NULL when browsing); h, what highlights mark;
 * and, for the hits, p and pp, the patterns snippets look for. (The index is asked the words written
 * into the condition itself: conditions.ts.)
 */
export function queryCte(plan: SearchPlan, withSnippets: boolean): SQL {
  if (plan.kind !== 'words') return sql`search_query AS (SELECT NULL::tsquery AS q, NULL::tsquery AS h, NULL::text AS p, NULL::text AS pp)`;
  const highlight = plan.highlight ?? sql`NULL::tsquery`;
  const pattern = withSnippets && plan.highlight ? snippetPatternSql(plan.snippetWords) : sql`NULL::text`;
  const phrasePattern = withSnippets && plan.highlight ? phrasePatternSql(plan.snippetPhrases) : sql`NULL::text`;
  return sql`search_query AS (SELECT ${plan.match} AS q, ${highlight} AS h, ${pattern} AS p, ${phrasePattern} AS pp)`;
}

/** The plan matching some of the words instead of all, when asked and when there are several. */
export function withMatching(plan: SearchPlan, matching: 'all' | 'some'): SearchPlan {
  if (matching === 'all' || plan.kind !== 'words' || !plan.someWords) return plan;
  return { ...plan, match: plan.someWords.match, looseMatch: plan.someWords.looseMatch, countedClauses: plan.someWords.clauses };
}

/**
 * With some of the words: how many clauses a material matches comes first (each is worth more than
 * any ts_rank_cd, which stays well below 10), so materials with every word lead, as before.
 */
export function rankWithClauses(clauses: SQL[] | undefined, rank: SQL): SQL {
  if (!clauses?.length) return rank;
  const matched = sql.join(
    clauses.map((clause) => sql`(m.search_vector @@ ${clause})::int`),
    sql` + `,
  );
  return sql`((${matched}) * 10 + ${rank})::real`;
}
