import type { AccessibilityKind, Guidance } from './findings';
import type { FindingDraft } from './build-report';
import type { Location } from './findings';

/**
 * Plain guidance for each accessibility signal: GOV.UK's "Publishing accessible documents". These
 * are signals, not a verdict: a document can pass every one of them and still be hard to use, and a
 * document that trips one may have a good reason (a one-page form needs no headings).
 */
const PAGE = 'https://www.gov.uk/guidance/publishing-accessible-documents';
const WRITING = { title: 'Publishing accessible documents: writing accessible documents', url: `${PAGE}#writing-accessible-documents` };
const PDFS = { title: 'Publishing accessible documents (GOV.UK)', url: PAGE };

const SIGNALS: Record<AccessibilityKind, { reason: string; guidance: Guidance }> = {
  'pdf-not-tagged': { reason: 'The PDF is not tagged, so screen readers cannot tell its headings, lists and tables apart.', guidance: PDFS },
  'pdf-scanned-no-text': { reason: 'The PDF has pages but no text: it looks like a scan, which screen readers cannot read.', guidance: PDFS },
  'no-document-title': { reason: 'The file has no title in its properties; screen readers announce the title first.', guidance: WRITING },
  'no-document-language': { reason: 'The file does not say what language it is in, so screen readers may read it with the wrong voice.', guidance: WRITING },
  'image-without-alt-text': { reason: 'A picture has no alternative text (and is not marked as decorative).', guidance: WRITING },
  'no-headings': { reason: 'The document uses no heading styles, so it cannot be navigated by headings.', guidance: WRITING },
  'slide-without-title': { reason: 'A slide has no title, so it cannot be found in a list of slides.', guidance: WRITING },
};

export function accessibilitySignal(kind: AccessibilityKind, location: Location = { kind: 'document' }, excerpt = ''): FindingDraft {
  const signal = SIGNALS[kind];
  return { category: 'accessibility', kind, likelihood: 'not-personal', score: 0, location, excerpt, reason: signal.reason, guidance: signal.guidance };
}
