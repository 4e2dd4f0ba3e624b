/**
 * What people type into the search box, parsed into terms. Pure and engine-neutral: the Postgres
 * engine turns the result into a tsquery with bound parameters only (lib/search/postgres/tsquery.ts),
 * and "did you mean" rewrites words in place using the positions kept here.
 *
 *   plain words          all must match (in any order, anywhere)
 *   "quoted phrase"      the words next to each other, in that order (an unclosed quote runs to the end)
 *   -word  -"a phrase"   must not match
 *   word or word         either matches (case does not matter: or, OR)
 *
 * Never throws, whatever arrives: control characters become spaces, invisible formatting characters
 * and broken UTF-16 go, and the text and the number of terms are bounded. Nothing here is ever pasted
 * into query syntax, so quotes, backslashes and operators typed by people are just characters.
 */

/** Longer input is cut here: far more than any real search (the page's box allows 200). */
export const maxQueryChars = 500;
/** Terms beyond this are ignored: each becomes a few SQL parameters. */
export const maxTerms = 32;
/** A longer term (say, a pasted paragraph in quotes) is cut here. */
export const maxTermChars = 200;

export interface QueryTerm {
  /** As typed (after cleaning): one word, or the inside of a quoted phrase, trimmed. */
  text: string;
  phrase: boolean;
  /** Where `text` is in ParsedQuery.text, so a word can be replaced in place. */
  start: number;
  end: number;
}

export interface ParsedQuery {
  /** The cleaned text that positions refer to. */
  text: string;
  /** Every clause must match; a clause matches when any of its terms does (terms joined by "or"). */
  clauses: QueryTerm[][];
  /** No result may match any of these. */
  excluded: QueryTerm[];
}

/** True when nothing searchable was typed (possibly after cleaning): browse rather than search. */
export function isBlankQuery(raw: unknown): boolean {
  return cleanQueryText(raw).trim() === '';
}

export function parseQuery(raw: unknown): ParsedQuery {
  const text = cleanQueryText(raw);
  const clauses: QueryTerm[][] = [];
  const excluded: QueryTerm[] = [];
  let terms = 0;
  let orPending = false;
  let lastWasPositive = false;

  const add = (term: QueryTerm | null, negated: boolean) => {
    if (!term || terms >= maxTerms) return;
    terms++;
    if (negated) {
      excluded.push(term);
      lastWasPositive = false;
      orPending = false;
      return;
    }
    if (orPending && lastWasPositive) clauses[clauses.length - 1]!.push(term);
    else clauses.push([term]);
    orPending = false;
    lastWasPositive = true;
  };

  let i = 0;
  while (i < text.length && terms < maxTerms) {
    if (isSpace(text[i]!)) {
      i++;
      continue;
    }
    let negated = false;
    if (text[i] === '-') {
      // A minus on its own (or before a space) means nothing; before a word or a quote it excludes.
      if (i + 1 >= text.length || isSpace(text[i + 1]!)) {
        i++;
        continue;
      }
      negated = true;
      i++;
    }
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      const end = close === -1 ? text.length : close;
      add(termAt(text, i + 1, end, true), negated);
      i = end + 1;
      continue;
    }
    let end = i;
    while (end < text.length && !isSpace(text[end]!) && text[end] !== '"') end++;
    if (!negated && text.slice(i, end).toLowerCase() === 'or') orPending = true;
    else add(termAt(text, i, end, false), negated);
    i = end;
  }
  return { text, clauses, excluded };
}

/**
 * The text with what a search must never see taken out: control characters (NUL above all, which
 * Postgres refuses) become spaces; invisible formatting characters (soft hyphens, zero-width spaces,
 * bidi marks) and lone surrogates are removed; compatibility forms are folded (NFKC: "ﬁ" → "fi").
 */
export function cleanQueryText(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  const cut = raw.length > maxQueryChars * 2 ? raw.slice(0, maxQueryChars * 2) : raw;
  const cleaned = cut
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .normalize('NFKC')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\p{Cf}/gu, '');
  return cleaned.length > maxQueryChars ? withoutBrokenEnd(cleaned.slice(0, maxQueryChars)) : cleaned;
}

/** A term from text[start, end), trimmed and bounded, or null when it has no letter or digit. */
function termAt(text: string, start: number, end: number, phrase: boolean): QueryTerm | null {
  while (start < end && isSpace(text[start]!)) start++;
  while (end > start && isSpace(text[end - 1]!)) end--;
  if (end - start > maxTermChars) end = start + withoutBrokenEnd(text.slice(start, start + maxTermChars)).length;
  const value = text.slice(start, end);
  if (!/[\p{L}\p{N}]/u.test(value)) return null;
  return { text: value, phrase, start, end };
}

function isSpace(char: string): boolean {
  return /\s/.test(char);
}

/** Drops a high surrogate left at the end by cutting between the two halves of a character. */
function withoutBrokenEnd(text: string): string {
  return /[\uD800-\uDBFF]$/.test(text) ? text.slice(0, -1) : text;
}
