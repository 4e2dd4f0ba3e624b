import { mainPart, partsOfType, readRelationships, requireContentTypes } from '@/lib/extract/ooxml-package';
import { attribute, parseXml, prefixedAttribute, skipping } from '@/lib/extract/xml-text';
import type { ZipArchive } from '@/lib/extract/zip';
import { sheetsPreview, type SheetRows } from './sheet-table';
import { formatSerial, readDateStyles, type DateStyles } from './xlsx-dates';
import type { Preview, PreviewContext } from './result';

/**
 * Excel workbooks (XLSX): the first `maxSheets` worksheets, each its first `maxRows` rows and
 * `maxColumns` columns, cell values as stored (shared and inline strings, numbers, TRUE/FALSE), dates
 * shown as dates (xlsx-dates.ts); other number formats (currency, decimals) are not applied. Sheets are read as streams through lib/extract's bounded
 * zip and XML readers. The row count comes from the sheet's `<dimension>` when it has one (reading
 * then stops after the rows shown); otherwise the rest of the sheet is read to count its rows.
 */
export async function previewXlsx(zip: ZipArchive, context: PreviewContext): Promise<Preview> {
  const extract = context.extract;
  requireContentTypes(zip);
  const workbookPart = await mainPart(zip, extract, 'xl/workbook.xml');
  const relationships = await readRelationships(zip, workbookPart, extract);
  const byId = new Map(relationships.map((r) => [r.id, r]));

  const sheets: { name: string; part: string | undefined }[] = [];
  let from1904 = false;
  await parseXml(
    await zip.stream(workbookPart),
    {
      open(element) {
        if (element.local === 'workbookPr') from1904 = /^(1|true)$/.test(attribute(element, 'date1904') ?? '');
        if (element.local !== 'sheet') return;
        const id = prefixedAttribute(element, 'id');
        const relationship = id ? byId.get(id) : undefined;
        const isWorksheet = relationship?.type.endsWith('/worksheet') ?? false;
        sheets.push({ name: attribute(element, 'name') ?? '', part: isWorksheet ? relationship?.part : undefined });
      },
    },
    { context: extract },
  );

  const sharedStringsPart = partsOfType(relationships, 'sharedStrings')[0] ?? (zip.has('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : undefined);
  const sharedStrings = sharedStringsPart && zip.has(sharedStringsPart) ? await readSharedStrings(zip, sharedStringsPart, context) : [];
  const stylesPart = partsOfType(relationships, 'styles')[0] ?? (zip.has('xl/styles.xml') ? 'xl/styles.xml' : undefined);
  const dates = await readDateStyles(zip, stylesPart, from1904, context);

  const read: SheetRows[] = [];
  for (const sheet of sheets) {
    if (read.length >= context.limits.maxSheets) break;
    if (!sheet.part || !zip.has(sheet.part)) {
      // A chart sheet or a missing part: shown as an empty sheet, so the names still line up.
      read.push({ name: sheet.name, rows: [], rowCount: 0, columnCount: 0 });
      continue;
    }
    read.push(await readSheet(zip, sheet.name, sheet.part, sharedStrings, dates, context));
  }
  return sheetsPreview(read, sheets.length, context);
}

async function readSharedStrings(zip: ZipArchive, part: string, context: PreviewContext): Promise<string[]> {
  const strings: string[] = [];
  let current: string[] | undefined;
  let inText = 0;
  const maxChars = context.limits.maxCellChars;
  await parseXml(
    await zip.stream(part),
    skipping(new Set(['rPh']), {
      open(element) {
        if (element.local === 'si') current = [];
        else if (element.local === 't') inText++;
      },
      close(local) {
        if (local === 'si') {
          strings.push((current?.join('') ?? '').slice(0, maxChars));
          current = undefined;
        } else if (local === 't' && inText > 0) inText--;
      },
      text(text) {
        if (current && inText > 0) current.push(text);
      },
    }),
    { context: context.extract },
  );
  return strings;
}

async function readSheet(zip: ZipArchive, name: string, part: string, sharedStrings: string[], dates: DateStyles, context: PreviewContext): Promise<SheetRows> {
  const { maxRows, maxColumns, maxCellChars } = context.limits;
  const rows: string[][] = [];
  let dimension: { rows: number; columns: number } | undefined;
  let lastRow = 0;
  let columnCount = 0;
  let rowCells: Map<number, string> | undefined;
  let cell: Cell | undefined;
  let inValue = 0;
  let inInline = 0;
  let nextColumn = 0;

  await parseXml(
    await zip.stream(part),
    skipping(new Set(['f', 'rPh', 'extLst']), {
      open(element) {
        switch (element.local) {
          case 'dimension':
            dimension = parseRange(attribute(element, 'ref'));
            break;
          case 'row': {
            const number = Number.parseInt(attribute(element, 'r') ?? '', 10);
            lastRow = Number.isInteger(number) && number > lastRow ? number : lastRow + 1;
            rowCells = rows.length < maxRows ? new Map() : undefined;
            nextColumn = 0;
            break;
          }
          case 'c': {
            const column = columnIndex(attribute(element, 'r')) ?? nextColumn;
            nextColumn = column + 1;
            cell = { column, type: attribute(element, 't'), style: Number(attribute(element, 's') ?? '0'), value: '', inline: '' };
            break;
          }
          case 'v':
            inValue++;
            break;
          case 'is':
            inInline++;
            break;
        }
      },
      close(local) {
        switch (local) {
          case 'c':
            if (cell) {
              const text = cellText(cell, sharedStrings, dates);
              if (text !== '') {
                columnCount = Math.max(columnCount, cell.column + 1);
                if (rowCells && cell.column < maxColumns) rowCells.set(cell.column, text.slice(0, maxCellChars));
              }
            }
            cell = undefined;
            break;
          case 'row':
            if (rowCells) rows.push(dense(rowCells));
            rowCells = undefined;
            break;
          case 'v':
            if (inValue > 0) inValue--;
            break;
          case 'is':
            if (inInline > 0) inInline--;
            break;
        }
      },
      text(text) {
        if (!cell) return;
        if (inValue > 0) cell.value += text;
        else if (inInline > 0) cell.inline += text;
      },
    }),
    // With a dimension to say how many rows there are, nothing past the rows shown is needed.
    { context: context.extract, shouldStop: () => rows.length >= maxRows && dimension !== undefined },
  );

  const rowCount = dimension && dimension.rows >= lastRow ? dimension.rows : lastRow;
  return { name, rows, rowCount, columnCount: Math.max(columnCount, dimension?.columns ?? 0) };
}

function dense(cells: Map<number, string>): string[] {
  const row: string[] = [];
  for (const [column, text] of cells) row[column] = text;
  return Array.from(row, (text) => text ?? '');
}

interface Cell {
  column: number;
  type: string | undefined;
  /** Index into styles.xml's cellXfs. */
  style: number;
  value: string;
  inline: string;
}

function cellText(cell: Cell, sharedStrings: string[], dates: DateStyles): string {
  switch (cell.type) {
    case 's': {
      const index = Number.parseInt(cell.value, 10);
      return Number.isInteger(index) ? (sharedStrings[index] ?? '') : '';
    }
    case 'inlineStr':
      return cell.inline;
    case 'b':
      return cell.value.trim() === '1' ? 'TRUE' : cell.value.trim() === '0' ? 'FALSE' : '';
    case 'e':
      return cell.value;
    default: {
      const kind = dates.kinds[cell.style];
      return kind && cell.value.trim() !== '' ? formatSerial(cell.value.trim(), kind, dates.from1904) : cell.value;
    }
  }
}

/** "B3" → 1 (zero-based column), or undefined. */
export function columnIndex(reference: string | undefined): number | undefined {
  const letters = /^([A-Z]{1,3})\d*$/i.exec(reference ?? '')?.[1];
  if (!letters) return undefined;
  let index = 0;
  for (const letter of letters.toUpperCase()) index = index * 26 + (letter.charCodeAt(0) - 64);
  return index - 1;
}

/** "A1:AD12345" → 12,345 rows and 30 columns; undefined for anything else. */
function parseRange(reference: string | undefined): { rows: number; columns: number } | undefined {
  const match = /^[A-Z]{1,3}\d+:([A-Z]{1,3})(\d+)$/i.exec(reference ?? '');
  if (!match) return undefined;
  const rows = Number(match[2]);
  const columns = (columnIndex(match[1]) ?? -1) + 1;
  return rows > 0 && rows <= 1_048_576 && columns > 0 ? { rows, columns } : undefined;
}
