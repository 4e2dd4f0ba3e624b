import { sql, type SQL } from 'drizzle-orm';
import { headRankSql } from './ranking';

/**
 * Ranking a large result in two stages. Ranking every match by the whole search vector means
 * decompressing every match's file text (a common word at 100,000 materials: tens of thousands of
 * vectors, most of a second; even a few hundred take tens of milliseconds). When a result, with its
 * filters, has more than minimumCandidates materials, the Postgres engine instead gathers about that
 * many candidates and ranks only those by the whole vector, as a small result is ranked, paging
 * through them (page n needs n × page size):
 *
 *   1. from search_terms (drizzle/0024), the materials each word ranks best by title, summary and
 *      tags, read from an index in score order (a few hundred per word), kept if they match and may be
 *      seen, best by search_head first;
 *   2. only if that gives fewer than needed (rare title words, narrow filters, a viewer who may see
 *      few of them): every match whose title, summary or tags have the words, ranked by search_head
 *      (never compressed, so cheap, but one row per match);
 *   3. only if still fewer: the newest matches found only in the files' text.
 *
 * A title or summary match outweighs the text many times over (ranking.ts), so the best of a large
 * result are almost always among the best by their head. For one word, step 1 is exact: search_terms
 * holds that word's own head rank. The relevance benchmark's results are small, so it measures the
 * exact ranking; two-stage-hits.integration.test.ts checks the two stages against it on a large one.
 */
export const twoStage = {
  /** Candidates ranked in the second stage: at least this many, and always the whole page asked for. */
  minimumCandidates: 100,
  /** Materials read from search_terms for all the words together (at least 200 per word), in the index's order (score, NULLS LAST as it is, then id): the same ones every time. */
  termBudget: 1000,
} as const;

/** How many candidates the page needs: the page's end, at least minimumCandidates. */
export function candidateCount(page: number, pageSize: number): number {
  return Math.max(twoStage.minimumCandidates, page * pageSize);
}

/**
 * The `candidates (id, block, position)` CTE: steps 1 to 3 above, `count` of them. `from` is the FROM
 * clause and `where` the conditions every result meets (visibility, words, period, filters), both as
 * the single-stage query has them; `whereButWords` the same without the words. Without an excluded
 * word, a head that matches means the whole vector matches too (the head is its first part), so steps
 * 1 and 2 need not test the vector, whose index is the costliest part of a common word's search; with
 * one, the caller tests the whole vector on the candidates, and asks for twice as many. `words` are
 * the words that can match (SearchPlan.snippetWords), whose English stems search_terms is keyed by.
 *
 * So that paging through a large result shows every material once, the order is fixed whatever page
 * is asked for, each step's materials after the one before's (step 2 only adds materials step 1 did not
 * have, once step 1 has run out): block 0, the first minimumCandidates of them, in the order of the
 * whole vector's rank; block 1, the rest of steps 1 and 2, in that order; block 2, the matches in the
 * text only, newest first (`orderSql`).
 */
export function candidatesCte(parts: { from: SQL; whereIndexed: SQL; exact: SQL | null; whereButWords: SQL; words: string[] }, count: number): SQL {
  const { from, whereIndexed, exact, whereButWords } = parts;
  const perWord = Math.max(200, Math.ceil(twoStage.termBudget / Math.max(1, parts.words.length)));
  // With an excluded word, steps 1 and 2 still rank by the head alone (which has the exclusion too),
  // and the whole vector is tested only on their candidates, in the page's query (hits.ts).
  const matching = whereButWords;
  const headRank = headRankSql(sql`search_query.q`);
  return sql`term_candidates AS (
      SELECT m.id, ${headRank} AS head_rank, m.created_at
      FROM (
        SELECT DISTINCT best.material_id
        FROM unnest(tsvector_to_array(to_tsvector('english', ${parts.words.join(' ')}))) AS word(lexeme)
        CROSS JOIN LATERAL (
          SELECT t.material_id FROM search_terms t WHERE t.lexeme = word.lexeme ORDER BY t.score DESC NULLS LAST, t.material_id LIMIT ${perWord}
        ) best
      ) best_by_word
      JOIN ${from} ON m.id = best_by_word.material_id
      WHERE ${matching} AND (m.search_head @@ search_query.q) IS TRUE
      ORDER BY head_rank DESC, m.created_at DESC, m.id
      LIMIT ${count}
    ),
    head_candidates AS (
      SELECT m.id, ${headRank} AS head_rank, m.created_at
      FROM ${from}
      WHERE (SELECT count(*) FROM term_candidates) < ${count}
        AND ${matching} AND m.search_head @@ search_query.q AND m.id NOT IN (SELECT id FROM term_candidates)
      ORDER BY head_rank DESC, m.created_at DESC, m.id
      LIMIT ${count}
    ),
    head_ranked AS (
      SELECT id, head_rank, row_number() OVER (ORDER BY step, head_rank DESC, created_at DESC, id) AS position
      FROM (SELECT 1 AS step, * FROM term_candidates UNION ALL SELECT 2, * FROM head_candidates) both_steps
    ),
    text_candidates AS (${textCandidatesSql(from, whereIndexed, exact, count)}),
    candidates AS (
      SELECT id, CASE WHEN position <= ${twoStage.minimumCandidates} THEN 0 ELSE 1 END AS block, position FROM head_ranked
      UNION ALL
      SELECT id, 2, NULL::bigint FROM text_candidates
    )`;
}

/**
 * Step 3, the newest matches in the text only. With a phrase, the rows the index finds are put in
 * order first (which reads no vector) and the phrase is tested on them in that order, until `count`
 * have it: for "journey map" at 20,000 materials, about 300 vectors read instead of all 4,700 rows
 * with both words. The sort keeps each vector where it is stored (unread) until the test asks for it.
 */
function textCandidatesSql(from: SQL, whereIndexed: SQL, exact: SQL | null, count: number): SQL {
  const found = sql`FROM ${from}
        WHERE (SELECT count(*) FROM head_ranked) < ${count}
          AND ${whereIndexed} AND NOT (m.search_head @@ search_query.q)`;
  if (!exact) return sql`SELECT m.id ${found} ORDER BY m.created_at DESC, m.id LIMIT ${count}`;
  return sql`
      SELECT m.id
      FROM (SELECT m.id, m.created_at, m.search_vector ${found} ORDER BY m.created_at DESC, m.id OFFSET 0) m
      CROSS JOIN search_query
      WHERE ${exact}
      ORDER BY m.created_at DESC, m.id
      LIMIT ${count}`;
}

/**
 * The rank worth computing for a candidate: the whole vector's, in block 0 only (elsewhere it would
 * decompress a file's text for nothing). `block` is the candidate's block column.
 */
export function blockRankSql(block: SQL, rank: SQL): SQL {
  return sql`CASE WHEN ${block} = 0 THEN ${rank} END`;
}

/**
 * The two-stage order: inside the page's query (`m`, where block, rank and position are its output
 * columns) or over its result (`found`).
 */
export function orderSql(table: 'm' | 'found'): SQL {
  const output = table === 'm' ? '' : 'found.';
  return sql.raw(`${output}block, ${output}rank DESC NULLS LAST, ${output}position, ${table}.created_at DESC, ${table}.id`);
}
