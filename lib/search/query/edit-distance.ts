/**
 * Typo distances, in TypeScript: Postgres (pg_trgm) only proposes candidates that share enough
 * trigrams; which of them count as the same word mistyped is decided here.
 */

/**
 * Damerau–Levenshtein distance (optimal string alignment: insert, delete, substitute, or swap two
 * neighbouring letters, each costing 1), or `max + 1` as soon as it is sure to exceed `max`.
 * Compares UTF-16 units, which is enough for the a–z dictionary words it is used on.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Three rows: two back (for swaps), the previous one and the current one.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = current[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length]!, max + 1);
}

/**
 * How far a typed word may be from a dictionary word and still be taken for it when searching
 * (automatic typo tolerance): none under 5 letters (too many short words are one letter apart),
 * one for 5–8 letters, two from 9.
 */
export function typoAllowance(word: string): number {
  if (word.length < 5) return 0;
  return word.length < 9 ? 1 : 2;
}

/**
 * Looser, for "did you mean" (shown to the person, who decides): one for 3–4 letters, two from 5.
 */
export function suggestionAllowance(word: string): number {
  if (word.length < 3) return 0;
  return word.length < 5 ? 1 : 2;
}

const alphabet = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Every a–z word one edit away (deleted, swapped, changed or added letter). For short words, where
 * trigrams say little ("bnis" shares one trigram with "bins"), looking these up is both exact and
 * cheap: about 250 words for four letters.
 */
export function oneEditAway(word: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail) out.add(head + tail.slice(1));
    if (tail.length > 1) out.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const letter of alphabet) {
      if (tail) out.add(head + letter + tail.slice(1));
      out.add(head + letter + tail);
    }
  }
  out.delete(word);
  return [...out];
}
