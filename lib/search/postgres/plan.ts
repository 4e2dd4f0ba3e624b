import 'server-only';
import type { SQL } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { typoAllowance } from '@/lib/search/query/edit-distance';
import { expandQuery, withCorrections } from '@/lib/search/query/expand-query';
import { isBlankQuery, parseQuery } from '@/lib/search/query/parse-query';
import { synonymIndex } from '@/lib/search/synonyms';
import { corrections, unknownWords } from './dictionary';
import { clauseTsqueries, highlightTsquery, matchTsquery, snippetPhrases, snippetWords, someWordsTsquery } from './tsquery';

/** Corrections added per mistyped word: enough for "housng" (housing), few enough to stay precise. */
const maxCorrectionsPerWord = 3;

export type SearchPlan =
  /** Nothing typed: every material, newest first. */
  | { kind: 'browse' }
  /** Something typed, but nothing in it can match (only stop words or punctuation): no results. */
  | { kind: 'nothing' }
  | {
      kind: 'words';
      /** The tsquery results must match. */
      match: SQL;
      /** A looser tsquery everything `match` matches also matches, for the index; null without phrases (tsquery.ts). */
      looseMatch: SQL | null;
      /**
       * Whether `match` excludes words ("-persona"): then a title that matches does not mean the
       * material does (the word may be in its file), so the whole vector must be tested too.
       */
      excludes: boolean;
      /** What highlights and snippets mark (every way of matching, or-ed; null with only exclusions). */
      highlight: SQL | null;
      /** Words snippets look for in the file's text. */
      snippetWords: string[];
      /** Quoted phrases (as words), looked for first. */
      snippetPhrases: string[][];
      /** Typed words the dictionary did not know, and the close words searched for as well. */
      corrections: { typed: string; closeMatches: string[] }[];
      /**
       * Matching some of the words instead of all (SearchQuery.matching 'some'): what results must
       * match, and each clause's tsquery, to put those with the most clauses first. Null with one clause.
       */
      someWords: { match: SQL; looseMatch: SQL | null; clauses: SQL[] } | null;
      /** Set when `match` is someWords.match: the clauses to count in the rank. */
      countedClauses?: SQL[];
    };

/**
 * What to search for: the typed text parsed, synonyms added, and typed words the dictionary does
 * not know (5 letters or more) widened with their close dictionary words. No database round trip
 * when every word is a phrase, short, or has a synonym; one when the words are known; two more (a
 * short transaction) when some are not.
 */
export async function planSearch(db: Database, text: string): Promise<SearchPlan> {
  if (isBlankQuery(text)) return { kind: 'browse' };
  let query = expandQuery(parseQuery(text), synonymIndex());
  let corrected: { typed: string; closeMatches: string[] }[] = [];

  const correctable = query.clauses.flatMap((clause) => clause.correctable).filter((word) => typoAllowance(word) > 0);
  if (correctable.length > 0) {
    const unknown = await unknownWords(db, correctable);
    if (unknown.length > 0) {
      const found = await corrections(db, unknown, typoAllowance);
      const chosen = new Map([...found].map(([word, list]) => [word, list.slice(0, maxCorrectionsPerWord).map((c) => c.word)]));
      query = withCorrections(query, chosen);
      corrected = [...chosen].map(([typed, closeMatches]) => ({ typed, closeMatches }));
    }
  }

  const match = matchTsquery(query);
  if (!match) return { kind: 'nothing' };
  const some = someWordsTsquery(query);
  return {
    kind: 'words',
    match,
    looseMatch: matchTsquery(query, { loose: true }),
    excludes: query.excluded.length > 0,
    highlight: highlightTsquery(query),
    snippetWords: snippetWords(query),
    snippetPhrases: snippetPhrases(query),
    corrections: corrected,
    someWords: some ? { match: some, looseMatch: someWordsTsquery(query, { loose: true }), clauses: clauseTsqueries(query) } : null,
  };
}
