import { Lexer, type MarkedToken, type Token, type Tokens } from 'marked';
import type { Block, DocumentModel, HeadingLevel, Inline, ListItem, Marks, Table, TableCell } from './document-model';
import { markFillIns } from './mark-fill-ins';

/**
 * Markdown (CommonMark with GitHub's tables and task lists) to the document model.
 *
 * The parsing is marked's lexer: a maintained, dependency-free parser that gives a tree of tokens
 * (blocks holding their inline tokens), GFM tables with header rows and task-list items included.
 * This file only maps those tokens to the model. Raw HTML is not carried over as markup (its text is
 * kept, its tags dropped); images keep their alternative text; link reference definitions vanish.
 */
export function readMarkdown(markdown: string): DocumentModel {
  const tokens = new Lexer({ gfm: true }).lex(markdown.replace(/^\uFEFF/, ''));
  return { blocks: readBlocks(tokens) };
}

function readBlocks(tokens: Token[]): Block[] {
  const blocks: Block[] = [];
  for (const token of tokens as MarkedToken[]) {
    switch (token.type) {
      case 'heading':
        blocks.push({ type: 'heading', level: Math.min(Math.max(token.depth, 1), 4) as HeadingLevel, content: readInline(token.tokens) });
        break;
      case 'paragraph':
      case 'text':
        pushParagraph(blocks, token.tokens ? readInline(token.tokens) : plain(token.text));
        break;
      case 'list':
        blocks.push({ type: 'list', ordered: token.ordered, start: token.ordered && typeof token.start === 'number' ? token.start : 1, items: token.items.map(readItem) });
        break;
      case 'table':
        blocks.push(readTable(token));
        break;
      case 'blockquote':
        blocks.push({ type: 'quote', blocks: readBlocks(token.tokens) });
        break;
      case 'hr':
        blocks.push({ type: 'rule' });
        break;
      case 'code':
        blocks.push({ type: 'code', text: token.text });
        break;
      case 'html':
        pushParagraph(blocks, plain(withoutTags(token.text)));
        break;
      default:
        // space, def (link reference definitions) and anything unknown: nothing to show.
        break;
    }
  }
  return blocks;
}

function pushParagraph(blocks: Block[], content: Inline[]): void {
  const trimmed = trimInline(content);
  if (trimmed.length > 0) blocks.push({ type: 'paragraph', content: trimmed });
}

function readItem(item: Tokens.ListItem): ListItem {
  const rest = item.tokens.filter((token) => token.type !== 'checkbox');
  const result: ListItem = { blocks: readBlocks(rest) };
  if (item.task) result.checkbox = item.checked ? 'checked' : 'unchecked';
  return result;
}

function readTable(token: Tokens.Table): Table {
  const cell = (c: Tokens.TableCell): TableCell => ({ content: trimInline(readInline(c.tokens)) });
  const header = token.header.map(cell);
  const blankHeader = header.every((c) => c.content.length === 0);
  return { type: 'table', header: blankHeader ? undefined : header, rows: token.rows.map((row) => row.map(cell)), columns: token.header.length };
}

function readInline(tokens: Token[]): Inline[] {
  const content: Inline[] = [];
  collectInline(tokens, {}, content);
  return markFillIns(mergeRuns(content));
}

function collectInline(tokens: Token[], marks: Marks, out: Inline[]): void {
  for (const token of tokens as MarkedToken[]) {
    switch (token.type) {
      case 'text':
        if (token.tokens) collectInline(token.tokens, marks, out);
        else out.push({ type: 'text', text: softBreaks(decodeEntities(token.text)), marks });
        break;
      case 'escape':
        out.push({ type: 'text', text: token.text, marks });
        break;
      case 'strong':
        collectInline(token.tokens, { ...marks, bold: true }, out);
        break;
      case 'em':
        collectInline(token.tokens, { ...marks, italic: true }, out);
        break;
      case 'del':
        collectInline(token.tokens, { ...marks, strike: true }, out);
        break;
      case 'codespan':
        out.push({ type: 'text', text: decodeEntities(token.text), marks: { ...marks, code: true } });
        break;
      case 'link':
        collectInline(token.tokens, { ...marks, link: token.href }, out);
        break;
      case 'image':
        if (token.text) out.push({ type: 'text', text: token.text, marks });
        break;
      case 'br':
        out.push({ type: 'break' });
        break;
      case 'html':
        // Inline HTML tags carry no words of their own.
        break;
      default:
        if ('text' in token && typeof token.text === 'string') out.push({ type: 'text', text: token.text, marks });
        break;
    }
  }
}

function plain(text: string): Inline[] {
  return markFillIns([{ type: 'text', text: softBreaks(decodeEntities(text)), marks: {} }]);
}

/** A line break inside a Markdown paragraph is a space (CommonMark's soft break). */
function softBreaks(text: string): string {
  return text.replace(/[ \t]*\r?\n[ \t]*/g, ' ');
}

/** Neighbouring runs with the same marks become one, so the files hold as few runs as they need. */
function mergeRuns(content: Inline[]): Inline[] {
  const merged: Inline[] = [];
  for (const inline of content) {
    const last = merged[merged.length - 1];
    if (inline.type === 'text' && last?.type === 'text' && sameMarks(last.marks, inline.marks)) {
      merged[merged.length - 1] = { ...last, text: last.text + inline.text };
    } else if (inline.type === 'break' || inline.text.length > 0) merged.push(inline);
  }
  return merged;
}

function sameMarks(a: Marks, b: Marks): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.strike === b.strike && a.code === b.code && a.link === b.link && a.fillIn === b.fillIn;
}

function trimInline(content: Inline[]): Inline[] {
  const result = [...content];
  while (result[0]?.type === 'break') result.shift();
  while (result[result.length - 1]?.type === 'break') result.pop();
  const first = result[0];
  if (first?.type === 'text') result[0] = { ...first, text: first.text.replace(/^\s+/, '') };
  const last = result[result.length - 1];
  if (last?.type === 'text') result[result.length - 1] = { ...last, text: last.text.replace(/\s+$/, '') };
  return result.filter((inline) => inline.type === 'break' || inline.text.length > 0);
}

/** The text of raw HTML: comments and tags dropped (inline tags such as <b> join the words they wrap), spaces collapsed. */
function withoutTags(html: string): string {
  return html.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<[^>]*>/g, '').replace(/\s+/g, ' ');
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The character references marked leaves in text for its HTML renderer to pass through. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}
