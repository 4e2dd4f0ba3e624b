import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { queryRows } from '@/lib/db/query-rows';
import { editDistance, oneEditAway } from '@/lib/search/query/edit-distance';

/**
 * The typo dictionary: `search_words`, every distinct lower-case a–z word (3–30 letters) of every
 * material's title, summary, tags, service areas and file text, kept by the search-vector trigger,
 * and of every project's name and summary, kept by the projects_search_words trigger (drizzle/0020).
 * It includes words of materials a viewer may not see: a correction only ever widens a search the
 * visibility rules still apply to, and "did you mean" shows a word only if it finds something the
 * viewer may see.
 */

/**
 * Trigram threshold for candidates (pg_trgm's word_similarity, through `<%`). The default (0.6)
 * misses two-letter slips in long words and a swap in the middle of a short one; 0.3 keeps them,
 * and the length window and the edit distance in TypeScript take the noise back out.
 */
const candidateThreshold = 0.3;
/** Candidates per word read back, best trigram similarity first. */
const candidatesPerWord = 20;
/** Dictionary words only come in 3–30 letters. */
const dictionaryWord = /^[a-z]{3,30}$/;

/**
 * Which of these words are unknown: not in the dictionary as typed, and not matching any material or project
 * through the English stemmer either (so "interviewing" is known when a material says "interviews").
 * One round trip.
 */
export async function unknownWords(db: Database, words: string[]): Promise<string[]> {
  const list = [...new Set(words)].filter((word) => dictionaryWord.test(word));
  if (list.length === 0) return [];
  const rows = await queryRows<{ word: string }>(db, sql`
    SELECT w.word FROM unnest(string_to_array(${list.join(' ')}, ' ')) AS w(word)
    WHERE NOT EXISTS (SELECT 1 FROM search_words s WHERE s.word = w.word)
      AND NOT EXISTS (SELECT 1 FROM materials m WHERE m.search_vector @@ plainto_tsquery('english', w.word))
      AND NOT EXISTS (SELECT 1 FROM projects p WHERE to_tsvector('english', p.name || ' ' || p.summary) @@ plainto_tsquery('english', w.word))`);
  return rows.map((row) => row.word);
}

export interface Correction {
  word: string;
  distance: number;
}

/**
 * For each word, the dictionary words within `allowance(word)` edits, closest first (then most
 * similar by trigrams). Words of 5 letters or more go through the trigram index (one statement for
 * all of them, in a transaction that lowers the threshold for that statement only); shorter ones by
 * looking up every word one edit away, which trigrams cannot do well.
 */
export async function corrections(
  db: Database,
  words: string[],
  allowance: (word: string) => number,
): Promise<Map<string, Correction[]>> {
  const result = new Map<string, Correction[]>();
  const list = [...new Set(words)].filter((word) => dictionaryWord.test(word) && allowance(word) > 0);
  const long = list.filter((word) => word.length >= 5);
  const short = list.filter((word) => word.length < 5);

  const found: { typed: string; candidate: string }[] = [];
  if (long.length > 0) {
    found.push(
      ...(await db.transaction(async (tx) => {
        const t = tx as unknown as Database;
        await queryRows(t, sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(candidateThreshold)}, true)`);
        return queryRows<{ typed: string; candidate: string }>(t, sql`
          SELECT q.word AS typed, c.word AS candidate
          FROM unnest(string_to_array(${long.join(' ')}, ' ')) AS q(word)
          CROSS JOIN LATERAL (
            SELECT s.word FROM search_words s
            WHERE q.word <% s.word AND length(s.word) BETWEEN length(q.word) - 2 AND length(q.word) + 2
            ORDER BY similarity(q.word, s.word) DESC, s.word
            LIMIT ${candidatesPerWord}
          ) c`);
      })),
    );
  }
  if (short.length > 0) {
    const variants = new Map<string, string[]>();
    for (const word of short) for (const variant of oneEditAway(word)) variants.set(variant, [...(variants.get(variant) ?? []), word]);
    const rows = await queryRows<{ word: string }>(db, sql`
      SELECT word FROM search_words WHERE word = ANY (string_to_array(${[...variants.keys()].join(' ')}, ' ')) ORDER BY word`);
    for (const row of rows) for (const typed of variants.get(row.word) ?? []) found.push({ typed, candidate: row.word });
  }

  for (const { typed, candidate } of found) {
    const distance = editDistance(typed, candidate, allowance(typed));
    if (distance === 0 || distance > allowance(typed)) continue;
    const list = result.get(typed) ?? [];
    list.push({ word: candidate, distance });
    result.set(typed, list);
  }
  // Stable: equal distances keep the trigram order the query gave.
  for (const list of result.values()) list.sort((a, b) => a.distance - b.distance);
  return result;
}
