import type { Location } from './findings';

/**
 * The text of a document as the detectors see it: one string, with a map from each stretch of it
 * back to where it came from (page, slide, cell, paragraph). Detectors work on the whole string, so
 * a date of birth in the cell next to its "DOB" label, or a name on the line after "Kind regards,",
 * is found across the break; each finding is then placed by its first character.
 *
 * Bounded: once `maxLength` characters have been added, the rest is dropped and `truncated`
 * is set, so the report can say that only part of a very long document was checked.
 */
export interface DocumentText {
  text: string;
  segments: Segment[];
  truncated: boolean;
}

interface Segment {
  start: number;
  location: Location;
}

/** What goes between two pieces: a new paragraph or line, or the next cell of a row. */
export type Separator = '\n' | '\t';

export class DocumentTextBuilder {
  private readonly parts: string[] = [];
  private readonly segments: Segment[] = [];
  private length = 0;
  private cut = false;

  constructor(private readonly maxLength: number) {}

  get full(): boolean {
    return this.cut;
  }

  /** Adds one piece of text found at `location`; empty pieces are skipped. */
  add(location: Location, text: string, separator: Separator = '\n'): void {
    if (this.cut) return;
    const clean = text.replace(CONTROL, ' ');
    if (clean.trim().length === 0) return;
    if (this.length > 0) {
      this.parts.push(separator);
      this.length += 1;
    }
    const room = this.maxLength - this.length;
    const piece = clean.length > room ? clean.slice(0, Math.max(0, room)) : clean;
    if (piece.length < clean.length) this.cut = true;
    if (piece.length === 0) return;
    this.segments.push({ start: this.length, location });
    this.parts.push(piece);
    this.length += piece.length;
  }

  build(): DocumentText {
    return { text: this.parts.join(''), segments: this.segments, truncated: this.cut };
  }
}

/** Where the character at `offset` came from. */
export function locate(text: DocumentText, offset: number): Location {
  const { segments } = text;
  let low = 0;
  let high = segments.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (segments[middle]!.start <= offset) low = middle;
    else high = middle - 1;
  }
  return segments[low]?.location ?? { kind: 'document' };
}

// Control characters other than tab and line breaks; zero-width characters that split words.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200D\u2060\uFEFF]/g;
