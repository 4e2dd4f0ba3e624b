import { sql, type SQL } from 'drizzle-orm';
import { positiveAlternatives, type Alternative, type ExpandedQuery } from '@/lib/search/query/expand-query';

/**
 * An expanded query as a Postgres tsquery, built only from SQL functions over bound parameters:
 * `plainto_tsquery` (all words) and `phraseto_tsquery` (words next to each other), combined with the
 * tsquery operators `||` (or), `&&` (and) and `!!` (not). Nothing typed is ever read as tsquery
 * syntax, so no input can raise an error or change the query's shape. Stemming comes from the
 * 'english' configuration: "interviewing" finds "interviews".
 *
 * Words Postgres drops as stop words ("the") leave an empty tsquery, which the operators ignore.
 */

/**
 * What results must match, or null when nothing searchable was typed. `loose`: the same with each
 * phrase as its words in any order and excluded phrases left out, so that everything the query
 * matches matches it too. Postgres's index cannot tell where words are, so it must re-read (and
 * decompress) every candidate's whole vector to test a phrase; testing the loose query through the
 * index and the exact one only on the rows that pass the filters too is much cheaper for a phrase
 * (lib/search/postgres/conditions.ts). Null when the query has no phrase (loose would be the same).
 */
export function matchTsquery(query: ExpandedQuery, options: { loose?: boolean } = {}): SQL | null {
  if (options.loose && !hasPhrase(query)) return null;
  const parts = [
    ...query.clauses.map((clause) => anyOf(clause.alternatives, options.loose)),
    ...excludedParts(query, options.loose),
  ];
  return parts.length === 0 ? null : sql`(${sql.join(parts, sql` && `)})`;
}

/**
 * What results with only some of the words must match: any one clause (a word with its synonyms and
 * corrections, or a phrase), still never an excluded word. Null with fewer than two clauses, where
 * "some" is the same as "all". `loose` as for matchTsquery.
 */
export function someWordsTsquery(query: ExpandedQuery, options: { loose?: boolean } = {}): SQL | null {
  if (query.clauses.length < 2) return null;
  if (options.loose && !hasPhrase(query)) return null;
  const anyClause = sql`(${sql.join(
    query.clauses.map((clause) => anyOf(clause.alternatives, options.loose)),
    sql` || `,
  )})`;
  return sql`(${sql.join([anyClause, ...excludedParts(query, options.loose)], sql` && `)})`;
}

function hasPhrase(query: ExpandedQuery): boolean {
  return [...query.clauses.flatMap((clause) => clause.alternatives), ...query.excluded].some((alternative) => alternative.phrase);
}

function excludedParts(query: ExpandedQuery, loose = false): SQL[] {
  return query.excluded.filter((alternative) => !(loose && alternative.phrase)).map((alternative) => sql`(!! ${tsquery(alternative)})`);
}

/** Each clause's own tsquery: how many a result matches orders results with only some of the words. */
export function clauseTsqueries(query: ExpandedQuery): SQL[] {
  return query.clauses.map((clause) => anyOf(clause.alternatives));
}

/**
 * Every alternative that can make a result match, or-ed: for ts_headline, which with an "and"
 * query marks nothing in a passage holding only some of the words, and which would mark excluded
 * words too.
 */
export function highlightTsquery(query: ExpandedQuery): SQL | null {
  const alternatives = positiveAlternatives(query);
  return alternatives.length === 0 ? null : anyOf(alternatives);
}

/** The lower-case words (letters and digits) of everything that can match: where snippets look. */
export function snippetWords(query: ExpandedQuery): string[] {
  const words = positiveAlternatives(query).flatMap((alternative) =>
    alternative.text.toLowerCase().replace(/['’]/g, '').split(/[^\p{L}\p{N}]+/u),
  );
  return [...new Set(words.filter((word) => word.length >= 2))].slice(0, 64);
}

/**
 * The words of each quoted phrase (lower-case letters and digits): a snippet shows where a phrase
 * occurs in preference to where one of its words first does.
 */
export function snippetPhrases(query: ExpandedQuery): string[][] {
  const wordsOf = (text: string) => text.toLowerCase().replace(/['’]/g, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const quoted = positiveAlternatives(query)
    .filter((alternative) => alternative.phrase)
    .map((alternative) => wordsOf(alternative.text));
  // Words typed one after another ("missed bin collections") are often written together too: the
  // place where they are makes a better passage than where the first of them happens to appear.
  const typed = query.clauses.map((clause) => clause.alternatives[0]).filter((alternative) => alternative && !alternative.phrase);
  const together = typed.length >= 2 && typed.length <= 6 ? [typed.flatMap((alternative) => wordsOf(alternative!.text))] : [];
  return [...quoted, ...together].filter((words) => words.length > 1).slice(0, 8);
}

function anyOf(alternatives: Alternative[], loose = false): SQL {
  return sql`(${sql.join(
    alternatives.map((alternative) => tsquery(alternative, loose)),
    sql` || `,
  )})`;
}

function tsquery(alternative: Alternative, loose = false): SQL {
  return alternative.phrase && !loose
    ? sql`phraseto_tsquery('english', ${alternative.text})`
    : sql`plainto_tsquery('english', ${alternative.text})`;
}
