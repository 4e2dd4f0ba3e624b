import { escapeHtml, sanitiseHtml } from './sanitise-html';
import type { Preview, PreviewContext, PreviewSheet } from './result';

/**
 * One sheet's first rows and columns as a plain HTML table (cell text only), with a sentence saying
 * what was left out. Shared by XLSX, ODS and CSV.
 */
export interface SheetRows {
  name: string;
  /** The rows kept (at most maxRows), each its cells' text by column (at most maxColumns). */
  rows: string[][];
  /** Rows in the whole sheet, or undefined when the reader stopped counting. */
  rowCount: number | undefined;
  /** Columns in the whole sheet (the widest row). */
  columnCount: number;
}

const en = (n: number) => n.toLocaleString('en-GB');

export function sheetPreview(sheet: SheetRows, context: PreviewContext): PreviewSheet {
  const { maxColumns, maxCellChars } = context.limits;
  const columnsShown = Math.min(sheet.columnCount, maxColumns);
  const body = sheet.rows
    .map((row) => {
      const cells: string[] = [];
      for (let c = 0; c < columnsShown; c++) cells.push(`<td>${escapeHtml((row[c] ?? '').slice(0, maxCellChars))}</td>`);
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
  const caption = sheet.name ? `<caption>${escapeHtml(sheet.name)}</caption>` : '';
  const { html } = sanitiseHtml(`<table>${caption}<tbody>${body}</tbody></table>`, { imageCount: 0, maxBytes: Number.MAX_SAFE_INTEGER });
  return {
    name: sheet.name,
    html,
    rowsShown: sheet.rows.length,
    rowCount: sheet.rowCount,
    columnsShown,
    columnCount: sheet.columnCount,
    summary: summarise(sheet.rows.length, sheet.rowCount, columnsShown, sheet.columnCount),
  };
}

/** "Showing 200 of 12,345 rows and 30 of 45 columns." */
export function summarise(rowsShown: number, rowCount: number | undefined, columnsShown: number, columnCount: number): string {
  let rows: string;
  if (rowCount === undefined) rows = `Showing the first ${en(rowsShown)} rows`;
  else if (rowCount > rowsShown) rows = `Showing ${en(rowsShown)} of ${en(rowCount)} rows`;
  else rows = `Showing all ${en(rowsShown)} row${rowsShown === 1 ? '' : 's'}`;
  const columns = columnCount > columnsShown ? ` and ${en(columnsShown)} of ${en(columnCount)} columns` : '';
  return `${rows}${columns}.`;
}

export function sheetsPreview(sheets: SheetRows[], sheetCount: number, context: PreviewContext): Preview {
  const shown = sheets.slice(0, context.limits.maxSheets).map((sheet) => sheetPreview(sheet, context));
  return {
    status: 'ready',
    kind: 'sheets',
    sheetCount,
    sheets: shown,
    thumbnail: null,
    ...(sheetCount > shown.length ? { notice: `Showing the first ${en(shown.length)} of ${en(sheetCount)} sheets.` } : {}),
  };
}
