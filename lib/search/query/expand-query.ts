import { synonymKey, type SynonymIndex } from '@/lib/search/synonyms';
import type { ParsedQuery, QueryTerm } from './parse-query';

/**
 * A parsed query with synonyms (and, later, typo corrections) added as alternatives. Pure: which
 * words are in the dictionary is asked by the caller, and the result is turned into SQL elsewhere.
 *
 * Synonyms apply to what people typed as plain words or as a quoted phrase: a run of typed words
 * matching a term (longest run first: "council tax support" before "council tax"), or a whole
 * phrase. Excluded terms stay literal: "-bins" leaves out bins, not all waste.
 */

export interface Alternative {
  /** Words, or the words of a phrase. */
  text: string;
  /** True: the words next to each other, in order. False: all the words, anywhere. */
  phrase: boolean;
}

export interface Clause {
  /** The clause matches when any of these does. */
  alternatives: Alternative[];
  /** Plain typed words (lower-case a–z only) that typo correction may add alternatives for. */
  correctable: string[];
}

export interface ExpandedQuery {
  /** Every clause must match. */
  clauses: Clause[];
  /** No result may match any of these. */
  excluded: Alternative[];
}

export function expandQuery(parsed: ParsedQuery, synonyms: SynonymIndex): ExpandedQuery {
  const clauses: Clause[] = [];
  const source = parsed.clauses;
  for (let i = 0; i < source.length; ) {
    const run = plainWordRun(source, i, synonyms.maxWords);
    // Longest run of single typed words first; a run of one is handled with the other clauses.
    let matched = false;
    for (let length = run.length; length >= 2; length--) {
      const typed = run.slice(0, length).map((term) => term.text).join(' ');
      const group = synonyms.groupOf(synonymKey(typed));
      if (!group) continue;
      clauses.push({ alternatives: withSynonyms({ text: typed, phrase: false }, group), correctable: [] });
      i += length;
      matched = true;
      break;
    }
    if (matched) continue;

    const alternatives: Alternative[] = [];
    const correctable: string[] = [];
    for (const term of source[i]!) {
      const typed = { text: term.text, phrase: term.phrase };
      const group = synonyms.groupOf(synonymKey(term.text));
      if (group) {
        alternatives.push(...withSynonyms(typed, group));
      } else {
        alternatives.push(typed);
        const word = correctableWord(term);
        if (word) correctable.push(word);
      }
    }
    clauses.push({ alternatives: unique(alternatives), correctable });
    i += 1;
  }
  return {
    clauses,
    excluded: unique(parsed.excluded.map((term) => ({ text: term.text, phrase: term.phrase }))),
  };
}

/** Adds typo corrections (typed word → dictionary words) as alternatives of the clauses they came from. */
export function withCorrections(query: ExpandedQuery, corrections: ReadonlyMap<string, string[]>): ExpandedQuery {
  return {
    excluded: query.excluded,
    clauses: query.clauses.map((clause) => {
      const added = clause.correctable.flatMap((word) => corrections.get(word) ?? []);
      if (added.length === 0) return clause;
      return { ...clause, alternatives: unique([...clause.alternatives, ...added.map((text) => ({ text, phrase: false }))]) };
    }),
  };
}

/** Every alternative that can make a result match (for highlighting and snippets). */
export function positiveAlternatives(query: ExpandedQuery): Alternative[] {
  return unique(query.clauses.flatMap((clause) => clause.alternatives));
}

/**
 * The typed alternative first, then the group's other terms; several words make a phrase. Other
 * spellings of the typed term stay ("fly tipping" for "fly-tipping"): Postgres indexes them
 * differently.
 */
function withSynonyms(typed: Alternative, group: string[]): Alternative[] {
  const typedText = typed.text.toLowerCase().replace(/\s+/g, ' ');
  const others = group
    .filter((term) => term !== typedText)
    .map((term) => ({ text: term, phrase: /[^\p{L}\p{N}]/u.test(term) }));
  return unique([typed, ...others]);
}

/** The single-word, single-term clauses starting at `start` (a run synonyms may span). */
function plainWordRun(clauses: QueryTerm[][], start: number, maxWords: number): QueryTerm[] {
  const run: QueryTerm[] = [];
  for (let i = start; i < clauses.length && run.length < maxWords; i++) {
    const clause = clauses[i]!;
    if (clause.length !== 1 || clause[0]!.phrase) break;
    run.push(clause[0]!);
  }
  return run;
}

/** A plain typed word of letters a–z (surrounding punctuation ignored), lower-cased; else null. */
function correctableWord(term: QueryTerm): string | null {
  if (term.phrase) return null;
  const word = term.text.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  return /^[a-z]+$/.test(word) ? word : null;
}

function unique(alternatives: Alternative[]): Alternative[] {
  const seen = new Set<string>();
  return alternatives.filter((alternative) => {
    const key = `${alternative.phrase ? 'p' : 'w'}:${alternative.text.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
