import type { FindingDraft } from '../build-report';
import type { Location } from '../findings';
import { maskName } from '../mask';

/**
 * Every hidden-content finding the readers make, in one place, so their ranking and wording are the
 * same whatever the format:
 * - likely: comments and tracked changes (they carry the names of who wrote them, and words never
 *   meant to be published);
 * - possible: hidden sheets, slides, rows, columns and text, and speaker notes (often harmless, always
 *   published with the file; their words are checked for personal data like the rest).
 * Names in document properties are ranked in metadata-names.ts, picture metadata in
 * images/image-findings.ts.
 */

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

export function commentDraft(location: Location, author: string): FindingDraft {
  return {
    category: 'hidden-content',
    kind: 'comment',
    likelihood: 'likely',
    score: 70,
    location,
    excerpt: author.trim() ? `comment by ${maskName(author.trim())}` : 'comment',
    reason: 'A comment is kept in the file, with the name of who wrote it: readers of the published file can open it.',
  };
}

export function trackedChangeDraft(location: Location, description: string, author: string): FindingDraft {
  return {
    category: 'hidden-content',
    kind: 'tracked-change',
    likelihood: 'likely',
    score: 65,
    location,
    excerpt: author.trim() ? `${description} by ${maskName(author.trim())}` : description,
    reason: 'A tracked change is kept in the file with its author’s name, and deleted words stay readable until the change is accepted or rejected.',
  };
}

export function hiddenTextDraft(location: Location, words?: number): FindingDraft {
  return {
    category: 'hidden-content',
    kind: 'hidden-text',
    likelihood: 'possible',
    score: 55,
    location,
    excerpt: words === undefined ? 'hidden text' : `${plural(words, 'hidden word')}`,
    reason: 'Text formatted as hidden: not shown on screen or in print, but anyone can reveal it. It was checked too.',
  };
}

export function hiddenSheetDraft(sheet: string, veryHidden = false): FindingDraft {
  return {
    category: 'hidden-content',
    kind: 'hidden-sheet',
    likelihood: 'possible',
    score: veryHidden ? 70 : 62,
    location: { kind: 'sheet', sheet },
    excerpt: veryHidden ? 'very hidden (cannot be shown from Excel’s menus)' : 'hidden',
    reason: 'A hidden sheet is published with the file, and anyone can show it. Its cells were checked too.',
  };
}

export function hiddenCellsDraft(sheet: string, cells: number): FindingDraft {
  return {
    category: 'hidden-content',
    kind: 'hidden-rows-or-columns',
    likelihood: 'possible',
    score: 50,
    location: { kind: 'sheet', sheet },
    excerpt: `${plural(cells, 'filled cell')} in hidden rows or columns`,
    reason: 'Hidden rows or columns hold data that is published with the file, and anyone can show them. They were checked too.',
  };
}

export function hiddenSlideDraft(slide: number): FindingDraft {
  return {
    category: 'hidden-content',
    kind: 'hidden-slide',
    likelihood: 'possible',
    score: 55,
    location: { kind: 'slide', slide },
    excerpt: 'hidden slide',
    reason: 'A hidden slide is not shown in the slide show, but it is published with the file. Its words were checked too.',
  };
}

export function speakerNotesDraft(slide: number, words: number): FindingDraft {
  return {
    category: 'hidden-content',
    kind: 'speaker-notes',
    likelihood: 'possible',
    score: 50,
    location: { kind: 'slide', slide, notes: true },
    excerpt: `${plural(words, 'word')} of notes`,
    reason: 'Speaker notes are published with the file. They were checked for personal data too; remove them if they were not written for readers.',
  };
}
