import { checkpoint, ExtractionError, type ExtractContext, type Extracted } from './result';
import { decodeWindows1252 } from './plain-text';
import { TextSink } from './text-sink';

/**
 * A small RTF-to-text converter (RTF 1.9.1 as far as text goes). No maintained npm package does only
 * this for Node 20 (the ones there render HTML, or have not been touched in years), and the job is
 * small: groups, control words, `\par`, `\'hh` and `\uN` escapes, and skipping the destinations that
 * hold no body text (font, colour and style tables, document info, pictures, objects, field
 * instructions, and every `{\*\…}` ignorable destination).
 *
 * Bounded: one pass over the input, groups nested at most MAX_DEPTH deep, `\binN` may not run past
 * the end, and the loop yields to the event loop regularly so the time limit can stop it.
 */

const MAX_DEPTH = 1_000;
const YIELD_EVERY = 64 * 1024;

/** Destinations whose whole group holds no body text. */
const SKIPPED_DESTINATIONS = new Set([
  'fonttbl',
  'colortbl',
  'stylesheet',
  'listtable',
  'listoverridetable',
  'revtbl',
  'rsidtbl',
  'info',
  'pict',
  'object',
  'objdata',
  'objclass',
  'nonshppict',
  'shpinst',
  'sp',
  'fldinst',
  'filetbl',
  'pgdsctbl',
  'generator',
  'xmlnstbl',
  'themedata',
  'colorschememapping',
  'datastore',
  'latentstyles',
  'mmathPr',
  'header',
  'headerl',
  'headerr',
  'headerf',
  'footer',
  'footerl',
  'footerr',
  'footerf',
  'annotation',
  'atnid',
  'atnauthor',
  'atndate',
  'xe',
  'tc',
  'template',
  'docvar',
  'userprops',
  'private',
  'bkmkstart',
  'bkmkend',
]);

const SYMBOLS: Record<string, string> = {
  emdash: '\u2014',
  endash: '\u2013',
  bullet: '\u2022',
  lquote: '\u2018',
  rquote: '\u2019',
  ldblquote: '\u201C',
  rdblquote: '\u201D',
  emspace: ' ',
  enspace: ' ',
  qmspace: ' ',
};

const CODEPAGE_LABELS: Record<number, string> = {
  874: 'windows-874',
  932: 'shift_jis',
  936: 'gbk',
  949: 'euc-kr',
  950: 'big5',
  10000: 'macintosh',
  65001: 'utf-8',
};

interface Group {
  skip: boolean;
  /** How many fallback characters follow a `\uN`. */
  uc: number;
}

export async function extractRtf(data: Buffer, context: ExtractContext): Promise<Extracted> {
  const sink = new TextSink(context.limits.maxTextBytes);
  await rtfToText(data, sink, context);
  return { text: sink.toString(), truncated: sink.truncated };
}

async function rtfToText(data: Buffer, sink: TextSink, context: ExtractContext): Promise<void> {
  const start = skipLeadingWhitespace(data);
  if (data.subarray(start, start + 5).toString('latin1') !== '{\\rtf') {
    throw new ExtractionError('malformed', 'no {\\rtf header');
  }
  const converter = new Converter(data, sink, context);
  await converter.run(start);
}

class Converter {
  private readonly stack: Group[] = [];
  private group: Group = { skip: false, uc: 1 };
  /** Bytes to text in the document's code page; Windows-1252 unless `\ansicpg` says otherwise. */
  private decode: (bytes: Uint8Array) => string = decodeWindows1252;
  private pendingBytes: number[] = [];
  private skipFallback = 0;
  private run_: string[] = [];
  /** Set by `\*`: the group it opens is an ignorable destination. */
  private ignorable = false;

  constructor(
    private readonly data: Buffer,
    private readonly sink: TextSink,
    private readonly context: ExtractContext,
  ) {}

  async run(start: number): Promise<void> {
    const { data } = this;
    let i = start;
    let nextCheck = i + YIELD_EVERY;
    while (i < data.length) {
      if (i >= nextCheck) {
        this.flushText();
        if (this.sink.full) return;
        await checkpoint(this.context);
        nextCheck = i + YIELD_EVERY;
      }
      const byte = data[i]!;
      if (byte === 0x7b /* { */) {
        this.flushText();
        if (this.stack.length >= MAX_DEPTH) throw new ExtractionError('malformed', 'RTF groups nested too deeply');
        this.stack.push(this.group);
        this.group = { ...this.group };
        this.ignorable = false;
        i++;
      } else if (byte === 0x7d /* } */) {
        this.flushText();
        const outer = this.stack.pop();
        if (!outer) break; // The document's closing brace: anything after it is not RTF.
        this.group = outer;
        this.skipFallback = 0;
        i++;
      } else if (byte === 0x5c /* \ */) {
        i = this.control(i);
      } else if (byte === 0x0d || byte === 0x0a) {
        i++; // Line breaks in the file are not text in RTF.
      } else {
        this.character(byte);
        i++;
      }
    }
    this.flushText();
  }

  /** Reads the control word or symbol at `i` (a backslash); returns where the next token starts. */
  private control(i: number): number {
    const { data } = this;
    const next = data[i + 1];
    if (next === undefined) return i + 1;
    if (isLetter(next)) {
      let end = i + 1;
      while (end < data.length && end - i <= 32 && isLetter(data[end]!)) end++;
      const word = data.subarray(i + 1, end).toString('latin1');
      let parameter: number | undefined;
      let p = end;
      if (data[p] === 0x2d /* - */ || isDigit(data[p])) {
        const negative = data[p] === 0x2d;
        if (negative) p++;
        const digitsStart = p;
        while (p < data.length && p - digitsStart < 10 && isDigit(data[p])) p++;
        if (p > digitsStart) {
          parameter = Number(data.subarray(digitsStart, p).toString('latin1')) * (negative ? -1 : 1);
          end = p;
        }
      }
      if (data[end] === 0x20) end++; // The space that ends a control word belongs to it.
      return this.word(word, parameter, end);
    }
    if (next === 0x27 /* ' */) {
      const hex = data.subarray(i + 2, i + 4).toString('latin1');
      if (/^[0-9a-fA-F]{2}$/.test(hex)) this.character(Number.parseInt(hex, 16));
      return i + 4;
    }
    switch (next) {
      case 0x5c: // \\
      case 0x7b: // \{
      case 0x7d: // \}
        this.character(next);
        break;
      case 0x7e: // \~ non-breaking space
        this.emit(' ');
        break;
      case 0x5f: // \_ non-breaking hyphen
        this.emit('-');
        break;
      case 0x2a: // \* ignorable destination
        this.ignorable = true;
        break;
      case 0x0a:
      case 0x0d: // \<newline> is \par
        this.paragraph();
        break;
      case 0x09:
        this.emit(' ');
        break;
      default:
        // \- optional hyphen, \: index subentry and unknown symbols: nothing to show.
        break;
    }
    return i + 2;
  }

  private word(word: string, parameter: number | undefined, next: number): number {
    if (this.ignorable) {
      // `{\*\destination …}`: the whole group is skipped, whatever the destination.
      this.ignorable = false;
      this.flushText();
      this.group.skip = true;
      return next;
    }
    if (SKIPPED_DESTINATIONS.has(word)) {
      this.flushText();
      this.group.skip = true;
      return next;
    }
    switch (word) {
      case 'bin': {
        // Raw binary data follows: skip it whole.
        const length = Math.max(0, parameter ?? 0);
        if (next + length > this.data.length) throw new ExtractionError('malformed', 'RTF \\bin runs past the end');
        return next + length;
      }
      case 'ansicpg':
        if (parameter !== undefined) this.setCodepage(parameter);
        return next;
      case 'uc':
        if (parameter !== undefined && parameter >= 0 && parameter < 16) this.group.uc = parameter;
        return next;
      case 'u':
        if (parameter !== undefined) {
          const code = parameter < 0 ? parameter + 65536 : parameter;
          this.emit(String.fromCharCode(code));
          this.skipFallback = this.group.uc;
        }
        return next;
      case 'par':
      case 'sect':
      case 'page':
        this.paragraph();
        return next;
      case 'line':
      case 'row':
        this.flushText();
        if (!this.group.skip) this.sink.line();
        return next;
      case 'tab':
      case 'cell':
        this.emit(' ');
        return next;
    }
    const symbol = SYMBOLS[word];
    if (symbol !== undefined) this.emit(symbol);
    return next;
  }

  /** A byte of text: ASCII goes straight out, anything else through the document's code page. */
  private character(byte: number): void {
    if (this.skipFallback > 0) {
      this.skipFallback--;
      return;
    }
    if (this.group.skip) return;
    if (byte < 0x80) {
      this.flushBytes();
      this.run_.push(String.fromCharCode(byte));
    } else {
      this.pendingBytes.push(byte);
    }
  }

  private emit(text: string): void {
    if (this.group.skip) return;
    this.flushBytes();
    this.run_.push(text);
  }

  private paragraph(): void {
    this.flushText();
    if (!this.group.skip) this.sink.paragraph();
  }

  private flushBytes(): void {
    if (this.pendingBytes.length === 0) return;
    this.run_.push(this.decode(Uint8Array.from(this.pendingBytes)));
    this.pendingBytes = [];
  }

  private flushText(): void {
    this.flushBytes();
    if (this.run_.length === 0) return;
    this.sink.text(this.run_.join(''));
    this.run_ = [];
  }

  private setCodepage(codepage: number): void {
    this.flushBytes();
    if (codepage === 1252) {
      this.decode = decodeWindows1252;
      return;
    }
    for (const label of [CODEPAGE_LABELS[codepage], `windows-${codepage}`]) {
      if (!label) continue;
      try {
        const decoder = new TextDecoder(label);
        this.decode = (bytes) => decoder.decode(bytes);
        return;
      } catch {
        // Not a code page this runtime knows: try the next name, else keep Windows-1252.
      }
    }
  }
}

function skipLeadingWhitespace(data: Buffer): number {
  let i = 0;
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) i = 3;
  while (i < data.length && (data[i] === 0x20 || data[i] === 0x09 || data[i] === 0x0d || data[i] === 0x0a)) i++;
  return i;
}

function isLetter(byte: number): boolean {
  return (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}
