import { checkpoint, type ExtractContext } from '@/lib/extract/result';
import { locate, type DocumentText } from '../document-text';
import type { FindingDraft } from '../build-report';
import { findDatesOfBirth } from './dates-of-birth';
import { findEmailAddresses } from './email-addresses';
import { findNationalInsuranceNumbers } from './national-insurance-numbers';
import { findNhsNumbers } from './nhs-numbers';
import { findPersonNames } from './person-names';
import { findPhoneNumbers } from './phone-numbers';
import { findPostalAddresses } from './postal-addresses';
import type { TextMatch } from './text-match';

/**
 * Runs every personal-data detector over a document's text and places what they find. Where two
 * detectors claim the same characters (ten digits that are an NHS number and look like a phone
 * number), the more specific one wins: the order of DETECTORS is that order.
 */
const DETECTORS: ((text: DocumentText) => TextMatch[])[] = [
  findNhsNumbers,
  findNationalInsuranceNumbers,
  findDatesOfBirth,
  findPostalAddresses,
  findEmailAddresses,
  findPhoneNumbers,
  findPersonNames,
];

/**
 * The detectors run one after another, each a single pass over the text (at most MAX_CANDIDATES
 * candidates each); the time limit is checked between them. Characters claimed by a match are marked
 * in a bitmap of the text, so checking for overlaps costs the length of each match.
 */
export async function detectPersonalData(text: DocumentText, context?: ExtractContext): Promise<FindingDraft[]> {
  const taken = new Uint8Array(text.text.length + 1);
  const drafts: FindingDraft[] = [];
  for (const detector of DETECTORS) {
    if (context) await checkpoint(context);
    for (const match of detector(text)) {
      if (taken.subarray(match.start, match.end).includes(1)) continue;
      taken.fill(1, match.start, match.end);
      drafts.push({
        category: 'personal-data',
        kind: match.kind,
        likelihood: match.likelihood,
        score: match.score,
        location: locate(text, match.start),
        excerpt: match.excerpt,
        reason: match.reason,
        key: match.key,
      });
    }
  }
  return drafts;
}
