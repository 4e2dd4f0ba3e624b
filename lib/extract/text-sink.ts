/**
 * Collects the text an extractor finds, normalising as it goes and stopping at the size limit:
 * runs of whitespace become one space, a line break is "\n", a paragraph break "\n\n", control
 * characters are dropped, and nothing more than `maxBytes` of UTF-8 is ever held. Extractors check
 * `full` and stop reading once it is true.
 */
export class TextSink {
  private readonly parts: string[] = [];
  private bytes = 0;
  /** The strongest break asked for since the last words: 0 none, 1 space, 2 line, 3 paragraph. */
  private pending = 0;
  private started = false;
  private cut = false;

  constructor(private readonly maxBytes: number) {}

  /** True once the text has reached the size limit: nothing more is kept. */
  get full(): boolean {
    return this.cut;
  }

  get truncated(): boolean {
    return this.cut;
  }

  /** Words, as they come: no space is added between two calls unless one of them has whitespace. */
  text(raw: string): void {
    if (this.cut || raw.length === 0) return;
    // Long strings go in slices, so a huge text costs no huge intermediate strings.
    if (raw.length > SLICE) {
      for (let i = 0; i < raw.length && !this.cut; i += SLICE) this.text(raw.slice(i, i + SLICE));
      return;
    }
    const s = raw.replace(DROPPED, '');
    const core = s.trim().replace(WHITESPACE, ' ');
    if (core.length === 0) {
      if (s.length > 0) this.space();
      return;
    }
    if (s.length > 0 && isSpace(s.charCodeAt(0))) this.space();
    this.emit(core);
    if (isSpace(s.charCodeAt(s.length - 1))) this.space();
  }

  space(): void {
    if (this.pending < 1) this.pending = 1;
  }

  line(): void {
    if (this.pending < 2) this.pending = 2;
  }

  paragraph(): void {
    this.pending = 3;
  }

  /** Text already normalised by another sink: its line and paragraph breaks are kept. */
  append(normalised: string): void {
    const paragraphs = normalised.split('\n\n');
    for (const paragraph of paragraphs) {
      this.paragraph();
      for (const line of paragraph.split('\n')) {
        this.line();
        this.text(line);
      }
    }
  }

  toString(): string {
    return this.parts.join('');
  }

  private emit(words: string): void {
    const separator = this.started ? SEPARATORS[this.pending]! : '';
    this.pending = 0;
    this.started = true;
    this.write(separator + words);
  }

  private write(piece: string): void {
    const size = Buffer.byteLength(piece, 'utf8');
    if (this.bytes + size <= this.maxBytes) {
      this.parts.push(piece);
      this.bytes += size;
      return;
    }
    const room = this.maxBytes - this.bytes;
    const kept = sliceToUtf8Bytes(piece, room).trimEnd();
    if (kept.length > 0) this.parts.push(kept);
    this.bytes += Buffer.byteLength(kept, 'utf8');
    this.cut = true;
  }
}

const SLICE = 64 * 1024;
const SEPARATORS = ['', ' ', '\n', '\n\n'];
// C0 and C1 control characters (tab, line feed and carriage return are whitespace, kept for now),
// zero-width characters and soft hyphens: invisible, and they split words for search.
const DROPPED = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\u00AD\u200B-\u200D\u2060]/g;
const WHITESPACE = /\s+/g;

function isSpace(code: number): boolean {
  return /\s/.test(String.fromCharCode(code));
}

/** The longest prefix of `text` that takes at most `maxBytes` bytes in UTF-8, never splitting a character. */
export function sliceToUtf8Bytes(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}

/** Whether a text has anything worth indexing: at least one letter or digit. */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
