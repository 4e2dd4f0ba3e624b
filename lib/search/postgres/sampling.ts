import { sql, type SQL } from 'drizzle-orm';

/**
 * Counting a very large result from a sample. Counting every match for the facet counts costs time in
 * proportion to the matches (a common word at 100,000 materials: tens of thousands of rows, hundreds
 * of milliseconds), so the Postgres engine counts exactly only up to `exactLimit` matches. Beyond
 * that it counts an even sample of them and scales up, and the page says "about":
 *
 * - Every material falls in one of 256 buckets by the last byte of its random id, indexed
 *   (materials_search_sample_idx, drizzle/0022), so "buckets below b" is a fixed, even 1-in-(256/b)
 *   sample that Postgres reads through the index, alongside the words' own index.
 * - b is chosen from the table's size (the planner's row estimate, kept by ANALYZE) so that the sample
 *   holds about `sampleTarget` materials of the whole table; a result that is a small part of the
 *   table is counted again with a wider sample when the first held fewer than `minimumSample`.
 *   A table the planner has never measured (a new PGlite hub: it has no autovacuum) is counted exactly.
 * - Estimates are rounded to two significant figures: "about 82,000", not "about 82,176".
 *
 * Hubs of a few thousand materials, rare words and narrow filters are always counted exactly.
 */
export const sampling = {
  /** Up to this many matches (before the filters), every count is exact. */
  exactLimit: 1000,
  /** About how many materials of the whole table a first sample holds. */
  sampleTarget: 1200,
  /** A sample with fewer matches than this is taken again, wider, to keep estimates steady. */
  minimumSample: 150,
  buckets: 256,
} as const;

/** The sample: materials whose bucket is below `buckets` (of 256). Expects `materials m`. */
export function sampleConditionSql(buckets: number): SQL {
  return sql`(get_byte(uuid_send(m.id), 15) < ${Math.max(1, Math.min(sampling.buckets, Math.floor(buckets)))})`;
}

/** Buckets for a first sample of about sampleTarget of the table's `tableRows` materials. */
export function firstSampleBuckets(tableRows: number): number {
  if (!(tableRows > 0)) return sampling.buckets;
  return clampBuckets(Math.ceil((sampling.buckets * sampling.sampleTarget) / tableRows));
}

/**
 * Buckets for a second, wider sample when the first (of `buckets`) held only `matched` matches, or
 * null when it held enough or was already the whole table.
 */
export function widerSampleBuckets(buckets: number, matched: number): number | null {
  if (matched >= sampling.minimumSample || buckets >= sampling.buckets) return null;
  return clampBuckets(Math.ceil((buckets * sampling.minimumSample * 2) / Math.max(1, matched)));
}

/** A count in a sample of `buckets` scaled up to the whole, rounded to two significant figures. */
export function scaledCount(count: number, buckets: number): number {
  if (buckets >= sampling.buckets) return count;
  return roughly((count * sampling.buckets) / buckets);
}

/**
 * Whether a result whose sample (of `buckets`) held `count` could have, in the whole table, no more
 * than exactLimit: then it is worth counting exactly. The sample's count varies by about its square
 * root (a Poisson count), so this asks whether two of those below it, scaled up, is within the limit.
 * A result the sample puts at about 1,500 from 100 matches is not counted again (it would take counting
 * 1,001 to learn it has more than 1,000); one put there from 18 matches is.
 */
export function mayBeWithinExactLimit(count: number, buckets: number): boolean {
  if (buckets >= sampling.buckets) return count <= sampling.exactLimit;
  const low = Math.max(0, count - 2 * Math.sqrt(count));
  return (low * sampling.buckets) / buckets <= sampling.exactLimit;
}

/** Two significant figures (82,176 → 82,000; 1,449 → 1,400; 57 → 57). */
export function roughly(value: number): number {
  if (value < 100) return Math.round(value);
  const unit = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Math.round(value / unit) * unit;
}

function clampBuckets(buckets: number): number {
  return Math.max(1, Math.min(sampling.buckets, buckets));
}
