/**
 * The small document model both writers work from: what a Discovery template needs and no more.
 * `readMarkdown` makes it; `markdownToDocx` and `markdownToOdt` write it. Keeping one model means the
 * Word and OpenDocument files of a template always carry the same words in the same structure.
 */

export interface DocumentModel {
  blocks: Block[];
}

export type Block = Heading | Paragraph | List | Table | Quote | Rule | CodeBlock;

/** Headings deeper than 4 are read as level 4: the templates never go past 3, and Word lists 1–4 by default. */
export type HeadingLevel = 1 | 2 | 3 | 4;

export interface Heading {
  type: 'heading';
  level: HeadingLevel;
  content: Inline[];
}

export interface Paragraph {
  type: 'paragraph';
  content: Inline[];
}

export interface List {
  type: 'list';
  ordered: boolean;
  /** The first item's number (ordered lists only; 1 unless the Markdown says otherwise). */
  start: number;
  items: ListItem[];
}

export interface ListItem {
  /** A task-list item (`- [ ]` / `- [x]`): a box to tick, shown as one in both formats. */
  checkbox?: 'unchecked' | 'checked';
  /** Paragraphs and nested lists (a nested list is one level deeper). */
  blocks: Block[];
}

export interface Table {
  type: 'table';
  /**
   * The header row, or undefined when the Markdown's header row is all blank (`| | |`, as the
   * templates write key–value tables): an empty header row would be announced as headers with no
   * names, so such a table has none and its first column is emphasised instead.
   */
  header: TableCell[] | undefined;
  rows: TableCell[][];
  columns: number;
}

export interface TableCell {
  content: Inline[];
}

export interface Quote {
  type: 'quote';
  blocks: Block[];
}

/** A thematic break (`---`): drawn as a line above whatever follows, never as an empty paragraph. */
export interface Rule {
  type: 'rule';
}

export interface CodeBlock {
  type: 'code';
  text: string;
}

export type Inline = TextRun | LineBreak;

export interface TextRun {
  type: 'text';
  text: string;
  marks: Marks;
}

/** A hard line break inside a paragraph (two trailing spaces or a backslash in Markdown). */
export interface LineBreak {
  type: 'break';
}

export interface Marks {
  bold?: true;
  italic?: true;
  strike?: true;
  code?: true;
  /** The link target, for runs inside a link. */
  link?: string;
  /** Text in [square brackets] that the reader replaces with their own details. */
  fillIn?: true;
}

/** The plain text of some inline content: what a heading or a cell says. */
export function inlineText(content: Inline[]): string {
  return content.map((inline) => (inline.type === 'text' ? inline.text : '\n')).join('');
}
