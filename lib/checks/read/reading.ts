import type { FindingDraft } from '../build-report';
import type { DocumentText } from '../document-text';

/**
 * What a format's reader hands back: the document's text with locations (for the personal-data
 * detectors), the hidden content and accessibility signals it found itself, and notes about how far
 * it got (a long document's text cut at the limit, embedded pictures not checked).
 */
export interface Reading {
  text: DocumentText;
  drafts: FindingDraft[];
  notes: string[];
}
