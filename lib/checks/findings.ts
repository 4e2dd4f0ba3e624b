/**
 * What a check finds, and where. These types are the library's contract with whoever shows the report
 * (the upload flow shows it to the uploader's own council before anything is published).
 *
 * A finding never carries the value it found: only a masked excerpt (see mask.ts) that lets the
 * uploader recognise it ("07••• ••••89") without the report itself becoming a copy of the data.
 */

/** The three families of finding, shown in this order after ranking. */
export type FindingCategory = 'personal-data' | 'hidden-content' | 'accessibility';

export type PersonalDataKind =
  | 'email-address'
  | 'phone-number'
  | 'national-insurance-number'
  | 'nhs-number'
  | 'date-of-birth'
  | 'postal-address'
  | 'postcode'
  | 'person-name';

export type HiddenContentKind =
  | 'author'
  | 'last-modified-by'
  | 'comment'
  | 'tracked-change'
  | 'hidden-text'
  | 'speaker-notes'
  | 'hidden-sheet'
  | 'hidden-rows-or-columns'
  | 'hidden-slide'
  | 'image-location'
  | 'image-author'
  | 'user-name-in-file-path';

export type AccessibilityKind =
  | 'pdf-not-tagged'
  | 'pdf-scanned-no-text'
  | 'no-document-title'
  | 'no-document-language'
  | 'image-without-alt-text'
  | 'no-headings'
  | 'slide-without-title';

export type FindingKind = PersonalDataKind | HiddenContentKind | AccessibilityKind;

/**
 * How likely a finding is to be personal data someone would not want published. Ranking puts
 * `likely` first. Accessibility signals are not about people and carry `not-personal`.
 */
export type Likelihood = 'likely' | 'possible' | 'unlikely' | 'not-personal';

/** Where in the document a finding is, in the words the document's own application uses. */
export type Location =
  | { kind: 'page'; page: number; annotation?: boolean }
  | { kind: 'slide'; slide: number; notes?: boolean; comment?: boolean }
  | { kind: 'cell'; sheet: string; cell: string; hiddenSheet?: boolean; comment?: boolean }
  | { kind: 'sheet'; sheet: string }
  | { kind: 'paragraph'; paragraph: number; part?: DocumentPart }
  | { kind: 'line'; line: number }
  | { kind: 'properties' }
  | { kind: 'embedded-image'; index: number }
  | { kind: 'document' };

/** Parts of a word-processing document other than its body. */
export type DocumentPart = 'body' | 'header' | 'footer' | 'footnote' | 'endnote' | 'comment';

export interface Guidance {
  title: string;
  url: string;
}

export interface Finding {
  category: FindingCategory;
  kind: FindingKind;
  likelihood: Likelihood;
  /** Orders findings of the same likelihood: higher first (0–100). */
  score: number;
  location: Location;
  /** `location` in words: "page 3", "sheet ‘Contacts’ (hidden), cell B7", "document properties". */
  where: string;
  /** Masked: enough to recognise the item, never the whole value. Empty when there is nothing to show. */
  excerpt: string;
  /** Why it was found and ranked so, in plain English. */
  reason: string;
  /** How many times the same value was found (1 when once); the first place is `location`. */
  occurrences: number;
  /** Up to five further places where the same value was found. */
  alsoAt: string[];
  /** Accessibility signals link to plain guidance. */
  guidance?: Guidance;
}

export const likelihoodOrder: Record<Likelihood, number> = { likely: 0, possible: 1, unlikely: 2, 'not-personal': 3 };
export const categoryOrder: Record<FindingCategory, number> = { 'personal-data': 0, 'hidden-content': 1, accessibility: 2 };

/** `location` in words, as the report shows it. */
export function describeLocation(location: Location): string {
  switch (location.kind) {
    case 'page':
      return location.annotation ? `page ${location.page}, in a comment` : `page ${location.page}`;
    case 'slide':
      if (location.notes) return `slide ${location.slide}, speaker notes`;
      if (location.comment) return `slide ${location.slide}, in a comment`;
      return `slide ${location.slide}`;
    case 'cell': {
      const sheet = `sheet ‘${location.sheet}’${location.hiddenSheet ? ' (hidden)' : ''}`;
      return `${sheet}, ${location.comment ? 'comment on ' : ''}cell ${location.cell}`;
    }
    case 'sheet':
      return `sheet ‘${location.sheet}’`;
    case 'paragraph': {
      if (location.part === 'comment') return `comment on paragraph ${location.paragraph}`;
      const part = location.part && location.part !== 'body' ? partNames[location.part] : '';
      return part ? `${part}, paragraph ${location.paragraph}` : `paragraph ${location.paragraph}`;
    }
    case 'line':
      return `line ${location.line}`;
    case 'properties':
      return 'document properties';
    case 'embedded-image':
      return `embedded image ${location.index}`;
    case 'document':
      return 'whole document';
  }
}

const partNames: Record<DocumentPart, string> = {
  body: 'body',
  header: 'header',
  footer: 'footer',
  footnote: 'footnotes',
  endnote: 'endnotes',
  comment: 'comments',
};
