import { decodeHTML } from 'entities';
import { checkpoint, type ExtractContext, type Extracted } from './result';
import { TextSink } from './text-sink';

/**
 * TXT, Markdown and CSV. Bytes become text as UTF-8 (a byte-order mark is dropped; UTF-16 with a
 * byte-order mark is read as such); bytes that are not valid UTF-8 are read as Windows-1252, which is
 * what older UK council files saved "as text" almost always are.
 * Markdown keeps its words and loses its markup: link and image URLs, emphasis marks, heading and
 * list markers, HTML tags. CSV gives one line per row, the cells joined by spaces.
 */

export type PlainFormat = 'txt' | 'md' | 'csv';

const LINES_BETWEEN_CHECKS = 4_096;

export async function extractPlainText(data: Buffer, format: PlainFormat, context: ExtractContext): Promise<Extracted> {
  const text = decodeText(data);
  const sink = new TextSink(context.limits.maxTextBytes);
  if (format === 'csv') await csvToText(text, sink, context);
  else if (format === 'md') await markdownToText(text, sink, context);
  else await linesToText(text.split(/\r\n|\r|\n/), sink, context);
  return { text: sink.toString(), truncated: sink.truncated };
}

export function decodeText(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data);
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data);
  try {
    // TextDecoder drops a UTF-8 byte-order mark itself.
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return decodeWindows1252(data);
  }
}

// Windows-1252's 0x80–0x9F, where it differs from ISO-8859-1 (undefined bytes stay as they are).
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * Windows-1252, decoded here: Node 20's TextDecoder('windows-1252') reads ISO-8859-1 instead, so
 * curly quotes, dashes and the euro sign (0x80–0x9F) would come out as control characters.
 */
export function decodeWindows1252(data: Uint8Array): string {
  const latin1 = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009F]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** Lines; blank lines separate paragraphs. */
async function linesToText(lines: string[], sink: TextSink, context: ExtractContext): Promise<void> {
  for (let i = 0; i < lines.length; i++) {
    if (i % LINES_BETWEEN_CHECKS === LINES_BETWEEN_CHECKS - 1) await pause(context);
    if (sink.full) return;
    const line = lines[i]!;
    if (line.trim() === '') sink.paragraph();
    else {
      sink.line();
      sink.text(line);
    }
  }
}

// --- Markdown ---------------------------------------------------------------------------------

async function markdownToText(text: string, sink: TextSink, context: ExtractContext): Promise<void> {
  const lines = text.split(/\r\n|\r|\n/);
  const out: string[] = [];
  let i = 0;

  // Front matter (YAML between --- lines): keep the values that are words, not the keys or URLs.
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line));
    if (end > 0) {
      for (const line of lines.slice(1, end)) {
        const match = /^\s*(?:-\s+)?(?:([\w-]+)\s*:(?:\s+|$))?(.*)$/.exec(line);
        const key = match?.[1] ?? '';
        const value = (markdownLine((match?.[2] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2')) ?? '').trim();
        if (FRONT_MATTER_NOISE.test(key) || !/\p{L}/u.test(value)) continue;
        if (/^(\w+:\/\/|\/)\S*$/.test(value) || /^[\w./-]+\.(png|jpe?g|gif|svg|webp)$/i.test(value) || /^(true|false)$/i.test(value)) continue;
        out.push(value);
      }
      out.push('');
      i = end + 1;
    }
  }

  let fence: string | undefined;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length) fence = undefined;
      else out.push(line); // Code keeps its words.
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      continue;
    }
    const words = markdownLine(line);
    if (words !== undefined) out.push(words);
  }
  await linesToText(out, sink, context);
}

/** Front-matter keys whose values are settings, not words: layouts, links, dates, flags. */
const FRONT_MATTER_NOISE = /^(layout|href|src|url|permalink|slug|template|class|id|date|published|draft|[\w-]*image)$/i;

/** A Markdown line's words; undefined for a line that is all markup (left out, not a blank line). */
function markdownLine(line: string): string | undefined {
  // Reference definitions ([id]: url "title"), table separator rows (| --- | :---: |) and setext
  // underlines carry no words; a horizontal rule is a break.
  if (/^\s{0,3}\[[^\]]+\]:\s*\S+/.test(line)) return undefined;
  if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line) && line.includes('|')) return undefined;
  if (/^\s{0,3}=+\s*$/.test(line)) return undefined;
  if (/^\s{0,3}([-*_]\s*){3,}$/.test(line)) return '';
  let s = line;
  s = s.replace(/<!--.*?-->/g, ' ');
  s = s.replace(/^\s{0,3}#{1,6}\s+/, '').replace(/\s+#+\s*$/, ''); // ATX headings
  s = s.replace(/^\s{0,3}(>\s?)+/, ''); // block quotes
  s = s.replace(/^\s*([-*+]|\d{1,9}[.)])\s+(\[[ xX]\]\s+)?/, ''); // list markers and task boxes
  s = s.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1'); // images: their alt text
  s = s.replace(/!\[([^\]]*)\]\[[^\]]*\]/g, '$1');
  s = s.replace(/\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)/g, '$1'); // inline links: their words
  s = s.replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1'); // reference links
  s = s.replace(/<(https?:\/\/[^>\s]+|mailto:[^>\s]+)>/g, '$1'); // autolinks
  s = s.replace(/<\/?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?\/?>/g, ' '); // HTML tags
  // Every named and numeric character reference (&mdash;, &eacute;, &#8217;), as a browser reads them;
  // after the tags are gone, so a decoded "&lt;b&gt;" stays as words. A no-break space is a space.
  s = decodeHTML(s).replace(/\u00a0/g, ' ');
  s = s.replace(/`+/g, ''); // code spans keep their words
  s = s.replace(/(\*{1,3}|~~)/g, ''); // emphasis and strike-through marks
  s = s.replace(/(^|[\s(])_{1,3}(?=\S)|(?<=\S)_{1,3}(?=$|[\s).,;:!?])/g, '$1'); // _emphasis_, not snake_case
  s = s.replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1'); // escapes
  s = s.replace(/\s*\|\s*/g, ' '); // table cells
  return s;
}

// --- CSV --------------------------------------------------------------------------------------

/** RFC 4180 fields (quotes, doubled quotes, line breaks inside quotes), any malformation tolerated. */
async function csvToText(text: string, sink: TextSink, context: ExtractContext): Promise<void> {
  const delimiter = guessDelimiter(text);
  let field = '';
  let quoted = false;
  let rows = 0;
  const endField = () => {
    if (field.length > 0) {
      sink.text(field);
      sink.space();
    }
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    if ((i & 0xfffff) === 0xfffff) {
      await pause(context);
      if (sink.full) return;
    }
    if (field.length > 64 * 1024) {
      // A field that never ends (an unclosed quote): pass it on in pieces.
      sink.text(field);
      field = '';
    }
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
      continue;
    }
    if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (c === delimiter) {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endField();
      sink.line();
      if (++rows % LINES_BETWEEN_CHECKS === 0) await pause(context);
      if (sink.full) return;
    } else field += c;
  }
  endField();
}

function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, 4096).split(/\r?\n/, 1)[0] ?? '';
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t', '|']) {
    const count = firstLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

function pause(context: ExtractContext): Promise<void> {
  return checkpoint(context);
}
