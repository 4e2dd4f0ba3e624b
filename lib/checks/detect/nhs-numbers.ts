import type { DocumentText } from '../document-text';
import { maskDigits } from '../mask';
import { allMatches, around, type TextMatch } from './text-match';

/**
 * NHS numbers: ten digits ("943 476 5919", "9434765919") whose last digit is the modulus 11 check
 * digit of the first nine, AND the word "NHS" within a few words. Both are needed: ten digits pass
 * the check by chance one time in eleven, and reference numbers of ten digits are common.
 */

const CANDIDATE = /(?<![\d\w])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d\w])/g;
const NHS_NEARBY = /\bNHS\b/;

export function findNhsNumbers(document: DocumentText): TextMatch[] {
  const { text } = document;
  const found: TextMatch[] = [];
  for (const match of allMatches(CANDIDATE, text)) {
    const digits = `${match[1]}${match[2]}${match[3]}`;
    if (!hasValidNhsCheckDigit(digits)) continue;
    const start = match.index;
    const end = start + match[0].length;
    const nearby = around(text, start, end, 40, 20);
    if (!NHS_NEARBY.test(nearby.before) && !NHS_NEARBY.test(nearby.after)) continue;
    found.push({
      kind: 'nhs-number',
      start,
      end,
      likelihood: 'likely',
      score: 98,
      excerpt: maskDigits(match[0], 1, 2),
      reason: 'An NHS number (its check digit is valid, and “NHS” is next to it).',
      key: digits,
    });
  }
  return found;
}

/** NHS Digital's modulus 11 rule: weights 10 down to 2, 11 − remainder, 11 counts as 0, 10 is never valid. */
export function hasValidNhsCheckDigit(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}
