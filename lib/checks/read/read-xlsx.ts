import { mainPart, partsOfType, readRelationships, requireContentTypes, type Relationship } from '@/lib/extract/ooxml-package';
import type { ExtractContext } from '@/lib/extract/result';
import { attribute, parseXml, prefixedAttribute, skipping } from '@/lib/extract/xml-text';
import type { ZipArchive } from '@/lib/extract/zip';
import type { FindingDraft } from '../build-report';
import { DocumentTextBuilder } from '../document-text';
import { checkEmbeddedImages } from './embedded-images';
import { commentDraft, hiddenCellsDraft, hiddenSheetDraft } from './hidden-content-drafts';
import { propertyDrafts, readOoxmlProperties } from './ooxml-properties';
import type { Reading } from './reading';
import { readCellComments, readPeople } from './spreadsheet-comments';
import { findUserNamePaths } from './user-name-paths';

/**
 * Excel workbooks (XLSX): every sheet's cells, hidden sheets included (their cells are checked like
 * any other and their findings say "(hidden)"), with cell references; hidden sheets, rows and
 * columns; cell comments; document properties; user names in file paths; location data in pictures.
 *
 * A phone number typed into a cell as a number loses its leading zero (7123456789): ten-digit
 * numbers starting with 7 are read as "07…" so they are found like written ones.
 */
export async function readXlsx(zip: ZipArchive, context: ExtractContext): Promise<Reading> {
  requireContentTypes(zip);
  const text = new DocumentTextBuilder(context.limits.maxTextBytes);
  const drafts: FindingDraft[] = [];
  const workbookPart = await mainPart(zip, context, 'xl/workbook.xml');
  const relationships = await readRelationships(zip, workbookPart, context);
  const byId = new Map(relationships.map((r) => [r.id, r]));

  const sheets: { name: string; state: string; part: string | undefined }[] = [];
  await parseXml(
    await zip.stream(workbookPart),
    {
      open(element) {
        if (element.local !== 'sheet') return;
        const relationship = byId.get(prefixedAttribute(element, 'id') ?? '');
        sheets.push({
          name: attribute(element, 'name') ?? '',
          state: attribute(element, 'state') ?? 'visible',
          part: relationship?.type.endsWith('/worksheet') ? relationship.part : undefined,
        });
      },
    },
    { context },
  );

  const sharedStringsPart = partsOfType(relationships, 'sharedStrings')[0] ?? (zip.has('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : undefined);
  const sharedStrings = sharedStringsPart && zip.has(sharedStringsPart) ? await readSharedStrings(zip, sharedStringsPart, context) : [];
  const people = await readPeople(zip, partsOfType(relationships, 'person')[0], context);

  for (const sheet of sheets) {
    const hiddenSheet = sheet.state === 'hidden' || sheet.state === 'veryHidden';
    if (hiddenSheet) drafts.push(hiddenSheetDraft(sheet.name, sheet.state === 'veryHidden'));
    if (!sheet.part || !zip.has(sheet.part) || text.full) continue;
    const hiddenCells = await readWorksheet(zip, sheet.part, sheet.name, hiddenSheet, sharedStrings, text, context);
    if (hiddenCells > 0) drafts.push(hiddenCellsDraft(sheet.name, hiddenCells));
    for (const comment of await sheetComments(zip, sheet.part, people, context)) {
      const location = { kind: 'cell' as const, sheet: sheet.name, cell: comment.cell, hiddenSheet, comment: true };
      text.add(location, comment.text);
      drafts.push(commentDraft(location, comment.author));
    }
  }

  drafts.push(...propertyDrafts(await readOoxmlProperties(zip, context)));
  drafts.push(...(await findUserNamePaths(zip, context, [workbookPart])));
  const images = await checkEmbeddedImages(zip, context);
  drafts.push(...images.drafts);
  return { text: text.build(), drafts, notes: images.notes };
}

async function sheetComments(zip: ZipArchive, sheetPart: string, people: Map<string, string>, context: ExtractContext) {
  const relationships: Relationship[] = await readRelationships(zip, sheetPart, context);
  const legacy = partsOfType(relationships, 'comments').filter((part) => zip.has(part));
  const threaded = partsOfType(relationships, 'threadedComment').filter((part) => zip.has(part));
  // Excel writes each threaded comment twice: threaded, and as a legacy copy for older versions.
  const parts = threaded.length > 0 ? threaded : legacy;
  const comments = [];
  for (const part of parts) comments.push(...(await readCellComments(zip, part, people, context)));
  return comments;
}

async function readSharedStrings(zip: ZipArchive, part: string, context: ExtractContext): Promise<string[]> {
  const strings: string[] = [];
  let current: string[] | undefined;
  let inText = false;
  await parseXml(
    await zip.stream(part),
    skipping(new Set(['rPh']), {
      open(element) {
        if (element.local === 'si') current = [];
        else if (element.local === 't') inText = true;
      },
      close(local) {
        if (local === 'si') {
          strings.push(current?.join('') ?? '');
          current = undefined;
        } else if (local === 't') inText = false;
      },
      text(value) {
        if (current && inText) current.push(value);
      },
    }),
    { context },
  );
  return strings;
}

/** Reads one worksheet's cells into `text`; returns how many filled cells are in hidden rows or columns. */
async function readWorksheet(
  zip: ZipArchive,
  part: string,
  sheet: string,
  hiddenSheet: boolean,
  sharedStrings: string[],
  text: DocumentTextBuilder,
  context: ExtractContext,
): Promise<number> {
  const hiddenColumns: [number, number][] = [];
  let rowHidden = false;
  let hiddenCells = 0;
  let cell: { ref: string; type: string; value: string } | undefined;
  let inValue = false;
  let firstInRow = true;
  await parseXml(
    await zip.stream(part),
    skipping(new Set(['f', 'rPh', 'extLst']), {
      open(element) {
        switch (element.local) {
          case 'col':
            if (attribute(element, 'hidden') === '1' || attribute(element, 'hidden') === 'true') {
              hiddenColumns.push([Number(attribute(element, 'min')), Number(attribute(element, 'max'))]);
            }
            break;
          case 'row':
            rowHidden = attribute(element, 'hidden') === '1' || attribute(element, 'hidden') === 'true';
            firstInRow = true;
            break;
          case 'c':
            cell = { ref: attribute(element, 'r') ?? '', type: attribute(element, 't') ?? 'n', value: '' };
            break;
          case 'v':
          case 't':
            inValue = true;
            break;
        }
      },
      close(local) {
        if (local === 'v' || local === 't') inValue = false;
        if (local !== 'c' || !cell) return;
        const value = cellText(cell, sharedStrings);
        if (value.trim()) {
          text.add({ kind: 'cell', sheet, cell: cell.ref, hiddenSheet }, value, firstInRow ? '\n' : '\t');
          firstInRow = false;
          if (rowHidden || isHiddenColumn(cell.ref, hiddenColumns)) hiddenCells++;
        }
        cell = undefined;
      },
      text(value) {
        if (cell && inValue) cell.value += value;
      },
    }),
    { context, shouldStop: () => text.full },
  );
  return hiddenCells;
}

function cellText(cell: { type: string; value: string }, sharedStrings: string[]): string {
  switch (cell.type) {
    case 's':
      return sharedStrings[Number.parseInt(cell.value, 10)] ?? '';
    case 'inlineStr':
    case 'str':
      return cell.value;
    case 'n':
      // A mobile number typed as a number: Excel drops the leading zero.
      return /^7\d{9}$/.test(cell.value.trim()) ? `0${cell.value.trim()}` : cell.value;
    default:
      return '';
  }
}

function isHiddenColumn(ref: string, hidden: [number, number][]): boolean {
  const letters = /^[A-Z]+/.exec(ref)?.[0];
  if (!letters || hidden.length === 0) return false;
  let column = 0;
  for (const letter of letters) column = column * 26 + (letter.charCodeAt(0) - 64);
  return hidden.some(([min, max]) => column >= min && column <= max);
}
