import { parseXml, prefixedAttribute, skipping } from '@/lib/extract/xml-text';
import type { ZipArchive } from '@/lib/extract/zip';
import { ODF_SKIPPED, requireOpenDocument } from './open-document';
import { sheetsPreview, type SheetRows } from './sheet-table';
import type { Preview, PreviewContext } from './result';

/**
 * OpenDocument spreadsheets (ODS): the first `maxSheets` tables of content.xml, each its first rows
 * and columns, cell text as displayed (ODS stores the formatted text, so dates read as dates).
 * Repeated rows and cells (`number-rows-repeated`, often 1,048,576 empty rows) are never expanded past
 * what is shown; trailing empty rows and columns do not count.
 */
export async function previewOds(zip: ZipArchive, context: PreviewContext): Promise<Preview> {
  await requireOpenDocument(zip, context);
  const { maxSheets, maxRows, maxColumns, maxCellChars } = context.limits;
  const sheets: SheetRows[] = [];
  let sheetCount = 0;
  const stack: string[] = [];
  let sheet: (SheetRows & { rowIndex: number; pendingEmptyRows: number }) | undefined;
  let row: { cells: string[]; column: number; repeat: number; lastFilled: number } | undefined;
  let cell: { repeat: number; paragraphs: string[] } | undefined;
  let inParagraph = 0;

  const repeatOf = (value: string | undefined) => {
    const n = Number.parseInt(value ?? '1', 10);
    return Number.isInteger(n) && n > 0 ? n : 1;
  };

  await parseXml(
    await zip.stream('content.xml'),
    skipping(ODF_SKIPPED, {
      open(element) {
        const parent = stack[stack.length - 1];
        stack.push(element.local);
        switch (element.local) {
          case 'table':
            if (parent !== 'spreadsheet') break;
            sheetCount++;
            sheet = sheetCount <= maxSheets ? { name: prefixedAttribute(element, 'name') ?? '', rows: [], rowCount: 0, columnCount: 0, rowIndex: 0, pendingEmptyRows: 0 } : undefined;
            break;
          case 'table-row':
            if (sheet) row = { cells: [], column: 0, repeat: repeatOf(prefixedAttribute(element, 'number-rows-repeated')), lastFilled: -1 };
            break;
          case 'table-cell':
          case 'covered-table-cell':
            if (row) cell = { repeat: repeatOf(prefixedAttribute(element, 'number-columns-repeated')), paragraphs: [] };
            break;
          case 'p':
          case 'h':
            if (cell) {
              cell.paragraphs.push('');
              inParagraph++;
            }
            break;
          case 's':
            if (cell && inParagraph > 0) cell.paragraphs[cell.paragraphs.length - 1] += ' '.repeat(Math.min(repeatOf(prefixedAttribute(element, 'c')), 100));
            break;
          case 'tab':
          case 'line-break':
            if (cell && inParagraph > 0) cell.paragraphs[cell.paragraphs.length - 1] += ' ';
            break;
        }
      },
      close(local) {
        stack.pop();
        switch (local) {
          case 'p':
          case 'h':
            if (inParagraph > 0) inParagraph--;
            break;
          case 'table-cell':
          case 'covered-table-cell':
            if (row && cell) {
              const text = cell.paragraphs.join('\n').trim().slice(0, maxCellChars);
              if (text.trim() !== '') {
                for (let i = 0; i < cell.repeat && row.column + i < maxColumns; i++) row.cells[row.column + i] = text;
                row.lastFilled = row.column + cell.repeat - 1;
              }
              row.column += cell.repeat;
            }
            cell = undefined;
            break;
          case 'table-row':
            if (sheet && row) closeRow(sheet, row);
            row = undefined;
            break;
          case 'table':
            if (sheet && stack[stack.length - 1] === 'spreadsheet') {
              sheets.push({ name: sheet.name, rows: sheet.rows, rowCount: sheet.rowCount, columnCount: sheet.columnCount });
              sheet = undefined;
            }
            break;
        }
      },
      text(text) {
        if (cell && inParagraph > 0) cell.paragraphs[cell.paragraphs.length - 1] += text;
      },
    }),
    { context: context.extract },
  );

  function closeRow(current: NonNullable<typeof sheet>, closed: NonNullable<typeof row>): void {
    if (closed.lastFilled < 0) {
      // Empty rows count only if something comes after them.
      current.pendingEmptyRows += closed.repeat;
      current.rowIndex += closed.repeat;
      return;
    }
    const room = () => maxRows - current.rows.length;
    for (let i = 0; i < current.pendingEmptyRows && room() > 0; i++) current.rows.push([]);
    current.pendingEmptyRows = 0;
    const cells = Array.from(closed.cells.slice(0, Math.min(closed.lastFilled + 1, maxColumns)), (text) => text ?? '');
    for (let i = 0; i < closed.repeat && room() > 0; i++) current.rows.push(cells);
    current.rowIndex += closed.repeat;
    current.rowCount = current.rowIndex;
    current.columnCount = Math.max(current.columnCount, closed.lastFilled + 1);
  }

  return sheetsPreview(sheets, sheetCount, context);
}
