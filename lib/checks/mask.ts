/**
 * Masking for excerpts. The report is shown to the uploader's council, so it must let them recognise
 * what was found without repeating it: each function keeps a few characters and replaces the rest
 * with "•", keeping the shape (spaces, punctuation) so the item is recognisable.
 */

const DOT = '•';

/** "07123 456789" → "07••• ••••89": keeps the first two and last two digits. */
export function maskDigits(value: string, keepStart = 2, keepEnd = 2): string {
  const digits = [...value].filter((c) => /\d/.test(c)).length;
  let seen = 0;
  return [...value]
    .map((c) => {
      if (!/\d/.test(c)) return c;
      seen++;
      return seen <= keepStart || seen > digits - keepEnd ? c : DOT;
    })
    .join('');
}

/** "jane.smith@example.org" → "j•••@example.org": the first letter of the name, and the domain. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return maskWord(address);
  return `${address[0]}${DOT.repeat(3)}${address.slice(at)}`;
}

/** "Jane Smith" → "J••• S•••": each word's first letter. */
export function maskName(name: string): string {
  return name
    .split(/(\s+|-)/)
    .map((part) => (/^\s+$|^-$/.test(part) || part.length === 0 ? part : maskWord(part)))
    .join('');
}

/** "Smith" → "S•••" (always three dots, so the length is not given away). */
export function maskWord(word: string): string {
  const first = [...word][0] ?? '';
  return `${first}${DOT.repeat(3)}`;
}

/** "AB123456C" → "A• •• •• •• C": the first letter and the final letter. */
export function maskNationalInsurance(compact: string): string {
  return `${compact[0]}${DOT} ${DOT}${DOT} ${DOT}${DOT} ${DOT}${DOT} ${compact[8] ?? ''}`.trim();
}

/** "SW1A 1AA" → "SW1A •••": the outward code (a district of thousands of addresses) only. */
export function maskPostcode(postcode: string): string {
  const compact = postcode.replace(/\s+/g, '').toUpperCase();
  return `${compact.slice(0, -3)} ${DOT.repeat(3)}`;
}

/** Every letter and digit masked except the first of each word: for free text such as a street. */
export function maskText(text: string): string {
  return text.replace(/[\p{L}\p{N}]+/gu, (word) => (word.length <= 1 ? DOT : maskWord(word)));
}
