import type { FindingKind, Likelihood } from '../findings';

/**
 * One item a detector found in a document's text, before it is placed (see document-text.ts) and
 * merged with the same item found elsewhere (see build-report.ts).
 */
export interface TextMatch {
  kind: FindingKind;
  /** Offsets in DocumentText.text: the item itself, used to place it and to drop overlaps. */
  start: number;
  end: number;
  likelihood: Likelihood;
  score: number;
  excerpt: string;
  reason: string;
  /** The value in a normal form, to merge repeats of it; hashed before it leaves the detector run. */
  key: string;
}

/** The text around a match, for context rules: up to `before` characters before it and `after` after. */
export function around(text: string, start: number, end: number, before: number, after: number): { before: string; after: string } {
  return { before: text.slice(Math.max(0, start - before), start), after: text.slice(end, end + after) };
}

/**
 * The most candidates one detector looks at in one document. A text made of nothing but phone
 * numbers (or something built to look like them) stops here, which keeps the time bounded; the
 * report lists 25 of a kind anyway, and counts say "at least" so many.
 */
export const MAX_CANDIDATES = 10_000;

/** Matches of a global regular expression, at most MAX_CANDIDATES (the expression's lastIndex is reset). */
export function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  if (!pattern.global) throw new Error('allMatches needs a global pattern');
  pattern.lastIndex = 0;
  const found: RegExpExecArray[] = [];
  for (let match = pattern.exec(text); match && found.length < MAX_CANDIDATES; match = pattern.exec(text)) {
    found.push(match);
    if (match[0].length === 0) pattern.lastIndex++;
  }
  return found;
}
