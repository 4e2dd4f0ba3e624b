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

export function detectPersonalData(text: DocumentText): FindingDraft[] {
  const taken: { start: number; end: number }[] = [];
  const drafts: FindingDraft[] = [];
  for (const detector of DETECTORS) {
    for (const match of detector(text)) {
      if (taken.some((span) => match.start < span.end && span.start < match.end)) continue;
      taken.push({ start: match.start, end: match.end });
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
