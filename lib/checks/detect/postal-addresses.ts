import type { DocumentText } from '../document-text';
import { maskPostcode, maskText } from '../mask';
import { allMatches, type TextMatch } from './text-match';

/**
 * Full UK postcodes, and the street addresses they end. A house number and a street word ("12 Acacia
 * Avenue", "Flat 3, 45 High Street") shortly before a full postcode looks like where someone lives:
 * likely personal. The same next to words for an office or public building ("Town Hall", "Civic
 * Centre", "2nd Floor", "Ltd") is an organisation's address, which published council documents give
 * all the time: unlikely. A postcode alone covers about fifteen addresses: unlikely.
 *
 * Postcodes are matched in capitals only (as they are printed), with the Royal Mail's letter rules.
 */

const POSTCODE =
  /\b(?:GIR ?0AA|(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2})\b/g;

const STREET_WORDS =
  'Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Cres|Gardens|Gdns|Court|Ct|Place|Pl|Terrace|Grove|Hill|Park|Rise|Walk|Square|Sq|Mews|Row|View|Green|Parade|Vale|Wharf|Yard|Gate|Mount|Estate|Croft|Fold|Wynd|Brae|Chase|Meadows?|Boulevard|Embankment|Broadway|Quay|Crossway|Circus|Approach|Hollow|End';

/** "12 Acacia Avenue", "12a Long Lane", "Flat 3, 45-47 High St": a house number and a street. */
const STREET = new RegExp(
  String.raw`(?:\b(?:[Ff]lat|[Aa]partment|[Aa]pt|[Uu]nit)\s*\d{1,4}[a-z]?,?\s*)?\b\d{1,4}[a-z]?(?:\s*[-–]\s*\d{1,4}[a-z]?)?,?\s+(?:[A-Z][\p{L}'’]*\.?\s+){0,3}(?:${STREET_WORDS})\b`,
  'gu',
);

const OFFICE_WORDS =
  /\b(council|town hall|civic|city hall|county hall|guildhall|offices?|house|centre|center|building|floor|ltd|limited|plc|llp|department|ministry|agency|PO box|suite|HQ|headquarters|university|college|school|library|hospital|trust|church|hub|station|depot|chambers|courts?|police|fire)\b/i;

/** How far before a postcode a street may start, in characters ("12 Acacia Avenue, Sometown, Shire, "). */
const STREET_WINDOW = 100;

export function findPostalAddresses(document: DocumentText): TextMatch[] {
  const { text } = document;
  const found: TextMatch[] = [];
  for (const match of allMatches(POSTCODE, text)) {
    const postcode = match[0];
    const postcodeStart = match.index;
    const end = postcodeStart + postcode.length;
    const key = postcode.replace(/\s+/g, '');
    const windowStart = Math.max(0, postcodeStart - STREET_WINDOW);
    const before = text.slice(windowStart, postcodeStart);
    // The street nearest the postcode, and nothing but address-like text after it.
    const street = allMatches(STREET, before).pop();
    const tail = street ? before.slice(street.index + street[0].length) : '';
    if (street && /^[\s,.\p{L}'’-]*$/u.test(tail) && tail.split(/[,\n]/).length <= 5) {
      const start = windowStart + street.index;
      const address = text.slice(start, end);
      const context = text.slice(Math.max(0, start - 80), end);
      const masked = `${maskText(street[0])} … ${maskPostcode(postcode)}`;
      if (OFFICE_WORDS.test(context)) {
        found.push({ kind: 'postal-address', start, end, likelihood: 'unlikely', score: 15, excerpt: masked, key: `${key}|${address}`, reason: 'An address with words for an office or public building: an organisation’s address.' });
      } else {
        found.push({ kind: 'postal-address', start, end, likelihood: 'likely', score: 85, excerpt: masked, key: `${key}|${address}`, reason: 'A house number and street next to a full postcode: looks like where someone lives.' });
      }
      continue;
    }
    found.push({ kind: 'postcode', start: postcodeStart, end, likelihood: 'unlikely', score: 8, excerpt: maskPostcode(postcode), key, reason: 'A postcode on its own (about fifteen addresses share one).' });
  }
  return found;
}
