import type { DocumentText } from '../document-text';
import { maskNationalInsurance } from '../mask';
import { allMatches, around, type TextMatch } from './text-match';

/**
 * National Insurance numbers: two prefix letters, six digits, a suffix letter A–D ("AB 12 34 56 C"),
 * with HMRC's prefix rules: the first letter is not D, F, I, Q, U or V; the second is not D, F, I, O,
 * Q, U or V; and BG, GB, KN, NK, NT, TN and ZZ are never issued. (So HMRC's own example,
 * "QQ 12 34 56 C", is rightly not one.) Written without the suffix, it counts only after words that
 * name it ("NI number", "National Insurance").
 */

const CANDIDATE = /(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?(\d{2}) ?(\d{2}) ?(\d{2})(?: ?([A-D]))?(?![A-Za-z0-9])/g;
const NEVER_ISSUED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
const LABEL = /\b(national insurance|N\.?I\.?(?: ?no\.?| number)|NINO)\b/i;

export function findNationalInsuranceNumbers(document: DocumentText): TextMatch[] {
  const { text } = document;
  const found: TextMatch[] = [];
  for (const match of allMatches(CANDIDATE, text)) {
    const [written, prefix, a, b, c, suffix] = match;
    if (NEVER_ISSUED.has(prefix!)) continue;
    // Spaced as HMRC prints it ("AB 12 34 56 C"), or as a block ("AB123456C", "AB 123456 C"), not "AB12 3456C".
    if (!/^[A-Z]{2}(?: \d{2} \d{2} \d{2}(?: [A-D])?| ?\d{6}(?: ?[A-D])?)$/.test(written)) continue;
    const start = match.index;
    const end = start + written.length;
    if (!suffix && !LABEL.test(around(text, start, end, 40, 0).before)) continue;
    const compact = `${prefix}${a}${b}${c}${suffix ?? ''}`;
    found.push({
      kind: 'national-insurance-number',
      start,
      end,
      likelihood: 'likely',
      score: 95,
      excerpt: maskNationalInsurance(compact.padEnd(9, ' ')),
      reason: 'A National Insurance number (it follows HMRC’s rules for real ones).',
      key: compact.slice(0, 8),
    });
  }
  return found;
}
