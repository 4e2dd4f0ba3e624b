import type { Block, Inline, List, Table, TableCell, TextRun } from '../document-model';
import { columnShares, type PageLayout } from '../page-layout';
import { escapeXml } from '../xml-escape';
import { namespaceAttributes, ODF_VERSION, STYLE } from './odt-namespaces';

/**
 * content.xml: the document model as OpenDocument text. Headings are `text:h` with their outline
 * level; tables put their header row in `table:table-header-rows` (repeated on each page, read as
 * column headers); lists are `text:list`s, nested as the Markdown nests them. Formatting that is not a
 * named style (bold, italic, a line above a paragraph, table and cell geometry) goes in automatic
 * styles, made once each.
 */
export function odtContent(blocks: Block[], layout: PageLayout): string {
  const writer = new OdtContentWriter(layout);
  writer.blocks(blocks, {});
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${namespaceAttributes('office', 'style', 'text', 'table', 'fo', 'svg', 'xlink')} office:version="${ODF_VERSION}">
<office:automatic-styles>
${writer.automaticStyles.join('\n')}
</office:automatic-styles>
<office:body>
<office:text>
${writer.body.join('\n')}
</office:text>
</office:body>
</office:document-content>
`;
}

interface Context {
  quote?: true;
  inList?: true;
}

class OdtContentWriter {
  readonly body: string[] = [];
  readonly automaticStyles: string[] = [];
  private readonly styleNames = new Map<string, string>();
  private ruleBefore = false;
  private tables = 0;

  constructor(private readonly layout: PageLayout) {}

  blocks(blocks: Block[], context: Context, out: string[] = this.body): void {
    for (const block of blocks) this.block(block, context, out);
  }

  private block(block: Block, context: Context, out: string[]): void {
    switch (block.type) {
      case 'heading': {
        const style = this.paragraphStyle(STYLE.headings[block.level - 1]!);
        out.push(`<text:h text:style-name="${style}" text:outline-level="${block.level}">${this.inline(block.content)}</text:h>`);
        break;
      }
      case 'paragraph': {
        const parent = context.quote ? STYLE.quotations : context.inList ? STYLE.list : STYLE.textBody;
        out.push(`<text:p text:style-name="${this.paragraphStyle(parent)}">${this.inline(block.content)}</text:p>`);
        break;
      }
      case 'list':
        out.push(this.list(block, context));
        break;
      case 'table':
        this.ruleBefore = false;
        out.push(this.table(block));
        break;
      case 'quote':
        this.blocks(block.blocks, { ...context, quote: true }, out);
        break;
      case 'rule':
        this.ruleBefore = true;
        break;
      case 'code': {
        const lines = block.text.split('\n').map((line) => spaced(line));
        out.push(`<text:p text:style-name="${this.paragraphStyle(STYLE.preformatted)}">${lines.join('<text:line-break/>')}</text:p>`);
        break;
      }
    }
  }

  private list(list: List, context: Context): string {
    const style = list.items.some((item) => item.checkbox) ? STYLE.checklist : list.ordered ? STYLE.numberList : STYLE.bulletList;
    const items = list.items.map((item, index) => {
      const inner: string[] = [];
      const box = item.checkbox ? (item.checkbox === 'checked' ? '☒ ' : '☐ ') : '';
      const [first, ...rest] = item.blocks;
      if (first?.type === 'paragraph') {
        inner.push(`<text:p text:style-name="${this.paragraphStyle(STYLE.list)}">${escapeXml(box)}${this.inline(first.content)}</text:p>`);
      } else {
        inner.push(`<text:p text:style-name="${this.paragraphStyle(STYLE.list)}">${escapeXml(box.trim())}</text:p>`);
        if (first) this.blocks([first], { ...context, inList: true }, inner);
      }
      this.blocks(rest, { ...context, inList: true }, inner);
      const start = list.ordered && index === 0 ? ` text:start-value="${list.start}"` : '';
      return `<text:list-item${start}>${inner.join('')}</text:list-item>`;
    });
    return `<text:list text:style-name="${style}">${items.join('')}</text:list>`;
  }

  private table(table: Table): string {
    this.tables++;
    const name = `Table${this.tables}`;
    const width = this.layout.textWidthMm;
    this.automaticStyles.push(
      `<style:style style:name="${name}" style:family="table"><style:table-properties style:width="${width}mm" table:align="margins" fo:margin-top="0mm" fo:margin-bottom="4.23mm"/></style:style>`,
    );
    const columns = columnShares(table, width).map((share, index) => {
      const columnStyle = `${name}.C${index + 1}`;
      this.automaticStyles.push(
        `<style:style style:name="${columnStyle}" style:family="table-column"><style:table-column-properties style:column-width="${(share * width).toFixed(2)}mm" style:rel-column-width="${Math.max(1, Math.round(share * 65535))}*"/></style:style>`,
      );
      return `<table:table-column table:style-name="${columnStyle}"/>`;
    });
    const cellStyle = this.cellStyle(false);
    const headingCellStyle = this.cellStyle(true);
    const row = (cells: TableCell[], heading: (column: number) => boolean) =>
      `<table:table-row>${Array.from({ length: table.columns }, (_, column) => {
        const cell = cells[column] ?? { content: [] };
        const isHeading = heading(column);
        const paragraph = isHeading ? STYLE.tableHeading : STYLE.tableContents;
        return `<table:table-cell table:style-name="${isHeading ? headingCellStyle : cellStyle}" office:value-type="string"><text:p text:style-name="${paragraph}">${this.inline(cell.content)}</text:p></table:table-cell>`;
      }).join('')}</table:table-row>`;
    const header = table.header ? `<table:table-header-rows>${row(table.header, () => true)}</table:table-header-rows>` : '';
    // Without a header row, the first column names each row: it is set as a heading.
    const rows = table.rows.map((cells) => row(cells, (column) => !table.header && column === 0));
    return `<table:table table:name="${name}" table:style-name="${name}">${columns.join('')}${header}${rows.join('')}</table:table>`;
  }

  private cellStyle(heading: boolean): string {
    const key = `cell:${heading}`;
    const existing = this.styleNames.get(key);
    if (existing) return existing;
    const name = heading ? 'CellHeading' : 'Cell';
    const background = heading ? ' fo:background-color="#f3f2f1"' : '';
    this.automaticStyles.push(
      `<style:style style:name="${name}" style:family="table-cell"><style:table-cell-properties fo:padding="1.5mm" fo:border="0.5pt solid #505a5f"${background}/></style:style>`,
    );
    this.styleNames.set(key, name);
    return name;
  }

  /** The named paragraph style, or, after a thematic break, an automatic one based on it with a line above. */
  private paragraphStyle(parent: string): string {
    if (!this.ruleBefore) return parent;
    this.ruleBefore = false;
    const key = `rule:${parent}`;
    let name = this.styleNames.get(key);
    if (!name) {
      name = `RuleAbove${this.styleNames.size + 1}`;
      this.automaticStyles.push(
        `<style:style style:name="${name}" style:family="paragraph" style:parent-style-name="${parent}"><style:paragraph-properties fo:margin-top="6mm" fo:padding-top="4mm" fo:border-top="0.75pt solid #b1b4b6" fo:border-bottom="none" fo:border-left="none" fo:border-right="none"/></style:style>`,
      );
      this.styleNames.set(key, name);
    }
    return name;
  }

  private inline(content: Inline[]): string {
    let xml = '';
    let i = 0;
    while (i < content.length) {
      const inline = content[i]!;
      if (inline.type === 'break') {
        xml += '<text:line-break/>';
        i++;
        continue;
      }
      const link = inline.marks.link;
      if (link) {
        let inner = '';
        while (i < content.length) {
          const next = content[i]!;
          if (next.type !== 'text' || next.marks.link !== link) break;
          inner += this.span(next);
          i++;
        }
        xml += `<text:a xlink:type="simple" xlink:href="${escapeXml(link)}" text:style-name="${STYLE.link}" text:visited-style-name="${STYLE.visitedLink}">${inner}</text:a>`;
        continue;
      }
      xml += this.span(inline);
      i++;
    }
    return xml;
  }

  private span(run: TextRun): string {
    const { marks } = run;
    const text = spaced(run.text);
    const parent = marks.fillIn ? STYLE.fillIn : marks.code ? STYLE.sourceText : undefined;
    if (!marks.bold && !marks.italic && !marks.strike) return parent ? `<text:span text:style-name="${parent}">${text}</text:span>` : text;
    return `<text:span text:style-name="${this.textStyle(parent, marks)}">${text}</text:span>`;
  }

  /** An automatic text style for bold, italic and strike-through, based on the fill-in or code style where the run has one. */
  private textStyle(parent: string | undefined, marks: TextRun['marks']): string {
    const key = `text:${parent ?? ''}:${marks.bold ?? ''}:${marks.italic ?? ''}:${marks.strike ?? ''}`;
    let name = this.styleNames.get(key);
    if (!name) {
      name = `T${this.styleNames.size + 1}`;
      const properties = [
        marks.bold ? 'fo:font-weight="bold" style:font-weight-complex="bold"' : '',
        marks.italic ? 'fo:font-style="italic" style:font-style-complex="italic"' : '',
        marks.strike ? 'style:text-line-through-style="solid" style:text-line-through-type="single"' : '',
      ]
        .filter(Boolean)
        .join(' ');
      const parentAttribute = parent ? ` style:parent-style-name="${parent}"` : '';
      this.automaticStyles.push(`<style:style style:name="${name}" style:family="text"${parentAttribute}><style:text-properties ${properties}/></style:style>`);
      this.styleNames.set(key, name);
    }
    return name;
  }
}

/**
 * Text as ODF keeps it: ODF collapses runs of spaces as HTML does, so a second and later space is
 * written `text:s`, a leading space too, and a tab `text:tab`.
 */
function spaced(text: string): string {
  return escapeXml(text)
    .replace(/\t/g, '<text:tab/>')
    .replace(/ {2,}/g, (spaces) => ` <text:s text:c="${spaces.length - 1}"/>`)
    .replace(/^ /, '<text:s/>');
}
