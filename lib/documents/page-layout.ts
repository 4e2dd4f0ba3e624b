import type { DocumentModel, Table } from './document-model';

/**
 * Page size and column widths, shared by both writers so the Word and OpenDocument files lay out
 * alike. A4, 2 cm margins; landscape when a table has seven or more columns (the journey map's
 * stages, the assumptions log), which would be unreadably narrow on a portrait page.
 */
export interface PageLayout {
  landscape: boolean;
  /** Page width and height as the page is read (after turning), in millimetres. */
  widthMm: number;
  heightMm: number;
  marginMm: number;
  /** The width text can take: the page less its margins. */
  textWidthMm: number;
}

const A4_SHORT_MM = 210;
const A4_LONG_MM = 297;
const MARGIN_MM = 20;
const WIDE_TABLE_COLUMNS = 7;

export function pageLayout(model: DocumentModel): PageLayout {
  const landscape = tablesIn(model.blocks).some((table) => table.columns >= WIDE_TABLE_COLUMNS);
  const widthMm = landscape ? A4_LONG_MM : A4_SHORT_MM;
  return { landscape, widthMm, heightMm: landscape ? A4_SHORT_MM : A4_LONG_MM, marginMm: MARGIN_MM, textWidthMm: widthMm - 2 * MARGIN_MM };
}

/**
 * Each column's share of the table's width (they add up to 1): wider for columns with more to say,
 * by the square root of their longest cell, so a column of long sentences does not squeeze a column
 * of short answers to nothing. No column gets less than three quarters of an equal share (a blank
 * column is for writing in), nor less than its longest word needs at 12 point, where that fits.
 */
export function columnShares(table: Table, textWidthMm: number): number[] {
  const rows = table.header ? [table.header, ...table.rows] : table.rows;
  const equal = 1 / table.columns;
  const raw = Array.from({ length: table.columns }, (_, column) => {
    const texts = rows.map((row) => cellText(row[column]));
    const longest = Math.max(1, ...texts.map((text) => text.length));
    const longestWord = Math.max(0, ...texts.flatMap((text) => text.split(/\s+/).map((word) => word.length)));
    return { weight: Math.sqrt(longest), floor: Math.max(0.75 * equal, Math.min(equal, (longestWord * MM_PER_CHARACTER) / textWidthMm)) };
  });
  const total = raw.reduce((sum, { weight }) => sum + weight, 0);
  const shares = raw.map(({ weight, floor }) => Math.max(floor, weight / total));
  const sharesTotal = shares.reduce((sum, share) => sum + share, 0);
  return shares.map((share) => share / sharesTotal);
}

/** About how wide one character of 12 point bold Arial is, with the cell's padding shared out. */
const MM_PER_CHARACTER = 2.6;

function cellText(cell: Table['rows'][number][number] | undefined): string {
  if (!cell) return '';
  return cell.content.map((inline) => (inline.type === 'text' ? inline.text : ' ')).join('');
}

function tablesIn(blocks: DocumentModel['blocks']): Table[] {
  const tables: Table[] = [];
  for (const block of blocks) {
    if (block.type === 'table') tables.push(block);
    else if (block.type === 'quote') tables.push(...tablesIn(block.blocks));
    else if (block.type === 'list') for (const item of block.items) tables.push(...tablesIn(item.blocks));
  }
  return tables;
}
