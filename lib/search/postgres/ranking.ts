import { sql, type SQL } from 'drizzle-orm';

/**
 * Relevance for the Postgres engine, in one place: `ts_rank_cd` (cover density: every occurrence
 * counts its weight, words close together count more) over `materials.search_vector`.
 *
 * - Weights by where a word is (the trigger sets them): A title, B summary, C tags, service areas
 *   and council, D the file's text. One occurrence in a title is worth 1; the text's weight is tiny
 *   because a long file repeats a word hundreds of times (Postgres keeps up to 256 positions per
 *   word), and it must still rank below a summary that says the material is about it.
 * - Normalisation 1 divides by 1 + log(number of words): a short material about the words beats a
 *   long one that merely mentions them, without burying long materials whose title matches.
 *
 * Tune here; the relevance benchmark (bench/) measures the effect. The search_terms trigger
 * (drizzle/0025) scores title, summary and tag words with the same weights, written out in SQL: change
 * them there too, in a new migration that also re-scores search_terms (two-stage-hits.integration.test.ts
 * fails until the two agree).
 */
export const ranking = {
  /** ts_rank_cd's order: D (file text), C (tags, service areas, council), B (summary), A (title). */
  weights: { D: 0.004, C: 0.2, B: 0.4, A: 1.0 },
  /** ts_rank_cd's normalisation flags (1: divide by 1 + log(length)). */
  normalization: 1,
} as const;

/** The rank of `m.search_vector` for the tsquery `query`. */
export function rankSql(query: SQL): SQL {
  return sql`ts_rank_cd(${weightsSql()}, m.search_vector, ${query}, ${ranking.normalization}::int)`;
}

/**
 * The same rank over `m.search_head` (title, summary, tags: no file text), the first of the two
 * stages a large result is ranked in (two-stage-hits.ts): cheap, because the head is never
 * compressed out of the row.
 */
export function headRankSql(query: SQL): SQL {
  return sql`ts_rank_cd(${weightsSql()}, m.search_head, ${query}, ${ranking.normalization}::int)`;
}

function weightsSql(): SQL {
  const { D, C, B, A } = ranking.weights;
  return sql`${`{${[D, C, B, A].join(',')}}`}::float4[]`;
}
