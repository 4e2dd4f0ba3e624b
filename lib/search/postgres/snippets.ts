import { sql, type SQL } from 'drizzle-orm';
import type { HighlightedText } from '@/lib/search/search-engine';
import { collapseSpaces, splitHighlights, startMarker, stopMarker, withEllipses } from './highlights';

/**
 * Snippets from inside the file: a short passage of the latest version's text where the words
 * occur, for the hits of one page only. A file's text can be 2 MB, and ts_headline over all of it
 * would parse every word, so:
 *
 *   1. find the first place a quoted phrase occurs, else the first place one of the words starts (a
 *      case-insensitive regular expression of the typed words, their synonyms and corrections, and
 *      their English stems, so "interviewing" finds "interviews"), in the first `searchChars`
 *      characters only;
 *   2. run ts_headline over a window of `windowChars` around it (a window cut mid-word drops the
 *      partial word at its edge: at most 40 characters, well clear of the word found, `before`
 *      characters in);
 *   3. mark where text was left out with "…".
 *
 * No passage when browsing, when the words are not in the file (found in the title or summary
 * only), or when the window holds no word ts_headline marks.
 */
export const snippetSettings = {
  /** How far into the text to look: ~2.5 ms of regular expression per 200,000 characters here. */
  searchChars: 200_000,
  /** Characters of context kept before the first word. */
  before: 120,
  windowChars: 600,
  headline: `StartSel="${startMarker}", StopSel="${stopMarker}", MaxFragments=1, MaxWords=30, MinWords=15`,
} as const;

/**
 * A regular expression matching the start of any of `words` or their stems (a column for the
 * search_query CTE), or NULL when there are none. Words are letters and digits only (checked in SQL
 * too), so they are never regular expression syntax.
 */
export function snippetPatternSql(words: string[]): SQL {
  const list = words.join(' ');
  return sql`(
    SELECT ${'\\m('} || string_agg(DISTINCT n, '|') || ')'
    FROM (
      SELECT w AS n FROM unnest(string_to_array(${list}, ' ')) AS w WHERE to_tsvector('english', w) <> ''::tsvector
      UNION SELECT unnest(tsvector_to_array(to_tsvector('english', ${list})))
    ) needles
    WHERE n ~ '^[[:alnum:]]+$'
  )`;
}

/**
 * A regular expression matching any of the phrases (quoted ones, and words typed one after
 * another), their words separated by anything but letters and digits, or NULL when there are none.
 * Each word also matches its other endings ("collections" finds "collection", as search does).
 * Words are letters and digits only, so they are never regular expression syntax.
 */
export function phrasePatternSql(phrases: string[][]): SQL {
  const safe = phrases.filter((words) => words.every((word) => /^[\p{L}\p{N}]+$/u.test(word)));
  if (safe.length === 0) return sql`NULL::text`;
  const loose = (word: string) => `${wordStart(word)}[[:alnum:]]*`;
  return sql`${'\\m(' + safe.map((words) => words.map(loose).join('[^[:alnum:]]+')).join('|') + ')'}`;
}

/** A word without a common English ending, so that its other forms match too. */
function wordStart(word: string): string {
  const start = word.replace(/(ing|ed|s)$/u, '');
  return start.length >= 3 ? start : word;
}

/**
 * A LATERAL subquery giving `snippet.headline`, `snippet.passage`, `snippet.cut_before` and
 * `snippet.cut_after` for the text `body` (already cut to searchChars), with the pattern and the
 * highlight tsquery given.
 */
export function snippetLateralSql(body: SQL, pattern: SQL, phrasePattern: SQL, highlight: SQL): SQL {
  const { before, windowChars, headline } = snippetSettings;
  return sql`LEFT JOIN LATERAL (
    SELECT ts_headline('english', passage.text, ${highlight}, ${headline}) AS headline,
           passage.text AS passage, passage.cut_before, passage.cut_after
    FROM (
      SELECT coalesce(nullif(regexp_instr(${body}, ${phrasePattern}, 1, 1, 0, 'i'), 0), regexp_instr(${body}, ${pattern}, 1, 1, 0, 'i')) AS at
      -- OFFSET 0 keeps this subquery whole: merged into the query, its search of the text would run
      -- again for every place \`at\` is used (five), a third of a page's time on a small hub.
      OFFSET 0
    ) first_word
    CROSS JOIN LATERAL (
      SELECT greatest(1, first_word.at - ${before}) AS start
    ) bounds
    CROSS JOIN LATERAL (
      SELECT bounds.start > 1 AS cut_before,
             length(${body}) >= bounds.start + ${windowChars} AS cut_after,
             translate(substr(${body}, bounds.start, ${windowChars}), chr(2) || chr(3), '') AS raw
    ) window_text
    CROSS JOIN LATERAL (
      SELECT CASE WHEN window_text.cut_before THEN regexp_replace(window_text.raw, '^\\S{0,40}\\s', '') ELSE window_text.raw END AS text
    ) trimmed_start
    CROSS JOIN LATERAL (
      SELECT CASE WHEN window_text.cut_after THEN regexp_replace(trimmed_start.text, '\\s\\S{0,40}$', '') ELSE trimmed_start.text END AS text,
             window_text.cut_before, window_text.cut_after
    ) passage
    WHERE first_word.at > 0
  ) snippet ON true`;
}

/** The passage as segments, or [] when there is none or nothing in it is marked. */
export function snippetHighlights(
  headline: string | null,
  passage: string | null,
  cut: { before: boolean; after: boolean },
): HighlightedText {
  if (!headline || passage === null) return [];
  const segments = collapseSpaces(splitHighlights(headline));
  if (!segments.some((segment) => segment.matched)) return [];
  return withEllipses(segments, passage.replace(/\s+/g, ' '), cut);
}
