import {
  BorderStyle,
  CheckBox,
  ExternalHyperlink,
  HeadingLevel,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IBordersOptions,
  type ParagraphChild,
} from 'docx';
import type { Block, Inline, List, Table as TableBlock, TableCell as CellBlock, TextRun as RunBlock } from '../document-model';
import { columnShares, type PageLayout } from '../page-layout';
import { COLOURS, LIST_INDENT, NUMBERING, STYLE_IDS } from './docx-styles';

/** The document model as Word paragraphs and tables, and the first numbers its numbered lists need. */
export function docxBody(blocks: Block[], layout: PageLayout): { children: (Paragraph | Table)[]; orderedStarts: Set<number> } {
  const writer = new DocxBodyWriter(layout);
  writer.blocks(blocks, { listLevel: -1 });
  return { children: writer.children, orderedStarts: writer.orderedStarts };
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;

/** Twips per millimetre (1440 per inch). */
const TWIPS_PER_MM = 1440 / 25.4;

interface Context {
  /** The list level a paragraph is at (-1: not in a list). */
  listLevel: number;
  quote?: true;
}

interface ParagraphShape {
  style?: string;
  heading?: (typeof HEADINGS)[number];
  numbering?: { reference: string; level: number; instance?: number };
  indentLeft?: number;
}

class DocxBodyWriter {
  readonly children: (Paragraph | Table)[] = [];
  readonly orderedStarts = new Set<number>();
  /** A thematic break waiting for the next paragraph, which draws it as a line above itself. */
  private ruleBefore = false;
  /** Word gives a table no space below it, so the paragraph after one asks for space above. */
  private afterTable = false;
  private nextInstance = 1;

  constructor(private readonly layout: PageLayout) {}

  blocks(blocks: Block[], context: Context): void {
    for (const block of blocks) this.block(block, context);
  }

  private block(block: Block, context: Context): void {
    switch (block.type) {
      case 'heading':
        this.paragraph(block.content, { heading: HEADINGS[block.level - 1] });
        break;
      case 'paragraph':
        this.paragraph(block.content, this.plainShape(context));
        break;
      case 'list':
        this.list(block, context);
        break;
      case 'table':
        // A table's own borders already set it apart from what came before.
        this.ruleBefore = false;
        this.children.push(this.table(block));
        this.afterTable = true;
        break;
      case 'quote':
        this.blocks(block.blocks, { ...context, quote: true });
        break;
      case 'rule':
        this.ruleBefore = true;
        break;
      case 'code': {
        const lines = block.text.split('\n');
        const content: Inline[] = lines.flatMap((line, index) => [
          ...(index > 0 ? [{ type: 'break' } as const] : []),
          { type: 'text', text: line, marks: {} } as const,
        ]);
        this.paragraph(content, { style: STYLE_IDS.code });
        break;
      }
    }
  }

  private plainShape(context: Context): ParagraphShape {
    if (context.quote) return { style: STYLE_IDS.quote };
    if (context.listLevel >= 0) return { style: STYLE_IDS.listContinue, indentLeft: LIST_INDENT * (context.listLevel + 1) };
    return {};
  }

  private list(list: List, context: Context): void {
    const level = Math.min(context.listLevel + 1, 8);
    const instance = this.nextInstance++;
    if (list.ordered) this.orderedStarts.add(list.start);
    for (const item of list.items) {
      const reference = item.checkbox ? NUMBERING.checklist : list.ordered ? NUMBERING.ordered(list.start) : NUMBERING.bullet;
      const [first, ...rest] = item.blocks;
      const lead: ParagraphChild[] = item.checkbox ? [new CheckBox({ checked: item.checkbox === 'checked' }), new TextRun(' ')] : [];
      const numbering = { reference, level, instance };
      if (first?.type === 'paragraph') this.paragraph(first.content, { numbering }, lead);
      else {
        // An item that starts with something other than text still needs its bullet or number.
        this.paragraph([], { numbering }, lead);
        if (first) this.block(first, { ...context, listLevel: level });
      }
      this.blocks(rest, { ...context, listLevel: level });
    }
  }

  private paragraph(content: Inline[], shape: ParagraphShape, lead: ParagraphChild[] = []): void {
    const border: IBordersOptions | undefined = this.ruleBefore
      ? { top: { style: BorderStyle.SINGLE, size: 6, color: COLOURS.rule, space: 12 } }
      : undefined;
    const spaceAbove = this.afterTable && !border && !shape.heading;
    this.ruleBefore = false;
    this.afterTable = false;
    this.children.push(
      new Paragraph({
        children: [...lead, ...runs(content)],
        ...(shape.heading ? { heading: shape.heading } : {}),
        ...(shape.style ? { style: shape.style } : {}),
        ...(shape.numbering ? { numbering: shape.numbering } : {}),
        ...(shape.indentLeft !== undefined ? { indent: { left: shape.indentLeft } } : {}),
        ...(border ? { border, spacing: { before: 240 } } : {}),
        ...(spaceAbove ? { spacing: { before: 240 } } : {}),
      }),
    );
  }

  private table(table: TableBlock): Table {
    const widthTwips = Math.round(this.layout.textWidthMm * TWIPS_PER_MM);
    const columnWidths = columnShares(table, this.layout.textWidthMm).map((share) => Math.floor(share * widthTwips));
    const cell = (content: CellBlock, column: number, heading: boolean) =>
      new TableCell({
        children: [new Paragraph({ style: heading ? STYLE_IDS.tableHeading : STYLE_IDS.tableText, children: runs(content.content) })],
        width: { size: columnWidths[column] ?? 0, type: WidthType.DXA },
        ...(heading ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: COLOURS.headerFill } } : {}),
      });
    const rows: TableRow[] = [];
    if (table.header) {
      // tblHeader: Word repeats the row on every page and screen readers read it as column headers.
      rows.push(new TableRow({ tableHeader: true, cantSplit: true, children: table.header.map((c, column) => cell(c, column, true)) }));
    }
    for (const row of table.rows) {
      // Without a header row, the first column names each row: it is set as a heading.
      rows.push(new TableRow({ cantSplit: true, children: padRow(row, table.columns).map((c, column) => cell(c, column, !table.header && column === 0)) }));
    }
    const line = { style: BorderStyle.SINGLE, size: 4, color: COLOURS.border };
    return new Table({
      rows,
      columnWidths,
      width: { size: widthTwips, type: WidthType.DXA },
      layout: TableLayoutType.FIXED,
      margins: { top: 60, bottom: 60, left: 100, right: 100 },
      borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
      tableLook: { firstRow: table.header !== undefined, firstColumn: table.header === undefined, noHBand: true, noVBand: true },
    });
  }
}

function padRow(row: CellBlock[], columns: number): CellBlock[] {
  return Array.from({ length: columns }, (_, column) => row[column] ?? { content: [] });
}

/** Inline content as Word runs: marks become run formatting, fill-ins the "Fill-in" style, links hyperlinks. */
function runs(content: Inline[]): ParagraphChild[] {
  const children: ParagraphChild[] = [];
  let i = 0;
  while (i < content.length) {
    const inline = content[i]!;
    if (inline.type === 'text' && inline.marks.link) {
      const link = inline.marks.link;
      const linked: TextRun[] = [];
      while (i < content.length) {
        const next = content[i]!;
        if (next.type !== 'text' || next.marks.link !== link) break;
        linked.push(textRun(next, 'Hyperlink'));
        i++;
      }
      children.push(new ExternalHyperlink({ link, children: linked }));
      continue;
    }
    children.push(inline.type === 'break' ? new TextRun({ break: 1 }) : textRun(inline));
    i++;
  }
  return children;
}

function textRun(run: RunBlock, style?: string): TextRun {
  const { marks } = run;
  const characterStyle = style ?? (marks.fillIn ? STYLE_IDS.fillIn : marks.code ? STYLE_IDS.codeChar : undefined);
  return new TextRun({
    text: run.text,
    ...(characterStyle ? { style: characterStyle } : {}),
    ...(marks.bold ? { bold: true } : {}),
    ...(marks.italic ? { italics: true } : {}),
    ...(marks.strike ? { strike: true } : {}),
    // A fill-in inside a link keeps the link's style; its highlight is added directly.
    ...(style && marks.fillIn ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: COLOURS.fillIn } } : {}),
  });
}
