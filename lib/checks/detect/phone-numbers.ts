import type { DocumentText } from '../document-text';
import { maskDigits } from '../mask';
import { OFFICE_CONTEXT, PARTICIPANT_CONTEXT } from './context-words';
import { allMatches, around, type TextMatch } from './text-match';

/**
 * UK phone numbers, written the many ways people write them: "07123 456789", "07123-456-789",
 * "(020) 7946 0123", "+44 (0)20 7946 0123", "+44 7123 456789", "0044 161 496 0000".
 *
 * A candidate is any run of digits with spaces, hyphens, dots or brackets that starts like a UK
 * number; it counts only if, once normalised to the national form, it has the length its prefix
 * needs (07: 11 digits; 01: 10 or 11; 02 and 03: 11; 08: 10 or 11).
 *
 * Ranking: mobiles are likely personal (people give their own mobile); landlines are possible
 * (a home or an office); either drops a level next to words that say it is an office's or a
 * helpline's (and rises next to words about participants); 03, 08 and 09 numbers are organisations'
 * by design, so unlikely.
 */

const CANDIDATE = /(?<![\w+/.-])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)(?:\d[ \-.()]{0,2}){8,10}\d(?![\d\w])/g;

export function findPhoneNumbers(document: DocumentText): TextMatch[] {
  const { text } = document;
  const found: TextMatch[] = [];
  for (const match of allMatches(CANDIDATE, text)) {
    const written = match[0].replace(/[ \-.(]+$/, '');
    const national = nationalForm(written);
    if (!national) continue;
    const start = match.index;
    const end = start + written.length;
    const nearby = around(text, start, end, 60, 40);
    // Words after a number describe it only up to the end of its sentence or line ("… 020 7946 0123
    // (Monday to Friday)"), not the next item in a list.
    const after = nearby.after.split(/[.\n;]|\s\d/)[0] ?? '';
    const office = OFFICE_CONTEXT.test(nearby.before) || OFFICE_CONTEXT.test(after);
    const personal = PARTICIPANT_CONTEXT.test(nearby.before);
    const base = { kind: 'phone-number' as const, start, end, excerpt: maskDigits(written), key: national };
    const type = national.slice(0, 2);

    if (type === '03' || type === '08' || type === '09') {
      found.push({ ...base, likelihood: 'unlikely', score: 5, reason: 'A non-geographic number (03, 08, 09), the kind organisations use.' });
    } else if ((type === '07' && !/^07[06]/.test(national)) || national.startsWith('07624')) {
      if (office && !personal) found.push({ ...base, likelihood: 'possible', score: 55, reason: 'A mobile number, given as an office or team contact.' });
      else found.push({ ...base, likelihood: 'likely', score: personal ? 90 : 80, reason: 'A UK mobile number: usually a person’s own.' });
    } else if (type === '07') {
      found.push({ ...base, likelihood: 'possible', score: 40, reason: 'A UK personal or pager number.' });
    } else if (personal) {
      found.push({ ...base, likelihood: 'likely', score: 75, reason: 'A UK landline number next to words about a participant or a home.' });
    } else if (office) {
      found.push({ ...base, likelihood: 'unlikely', score: 15, reason: 'A UK landline number given as an office, team or helpline contact.' });
    } else {
      found.push({ ...base, likelihood: 'possible', score: 45, reason: 'A UK landline number: a home or an office.' });
    }
  }
  return found;
}

/** The number in national form ("07123456789"), or undefined when it is not a well-formed UK number. */
export function nationalForm(written: string): string | undefined {
  // Brackets must pair up: "(020) 7946 0123" is a number, "0207) 946" is not.
  const opens = (written.match(/\(/g) ?? []).length;
  if (opens !== (written.match(/\)/g) ?? []).length || opens > 1) return undefined;
  // Dots between digit groups are a date or a version number far more often than a phone number.
  if (/\d\.\d/.test(written) && (written.match(/\./g) ?? []).length !== 2) return undefined;
  let digits = written.replace(/\(0\)/, '').replace(/\D/g, '');
  if (digits.startsWith('0044')) digits = `0${digits.slice(4)}`;
  else if (digits.startsWith('44')) digits = `0${digits.slice(2)}`;
  if (!/^0[1-37-9]/.test(digits)) return undefined;
  const length = digits.length;
  switch (digits[1]) {
    case '7':
    case '2':
    case '3':
      return length === 11 ? digits : undefined;
    case '1':
    case '8':
      return length === 10 || length === 11 ? digits : undefined;
    case '9':
      return length === 11 ? digits : undefined;
    default:
      return undefined;
  }
}
