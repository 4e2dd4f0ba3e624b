import {  type ExtractContext, type Extracted } from './result';
import { TextSink } from './text-sink';
import { attribute, parseXml, prefixedAttribute, skipping, type XmlVisitor } from './xml-text';
import {  type ZipArchive } from './zip';
import {  mainPart, partsOfType, readRelationships, requireContentTypes } from './ooxml-package';

/** Excel workbooks (XLSX): each sheet's cells, row by row, with shared strings resolved. */
export async function extractXlsx(zip: ZipArchive, context: ExtractContext): Promise<Extracted> {
  requireContentTypes(zip);
  const sink = new TextSink(context.limits.maxTextBytes);
  const workbookPart = await mainPart(zip, context, 'xl/workbook.xml');
  const relationships = await readRelationships(zip, workbookPart, context);
  const byId = new Map(relationships.map((r) => [r.id, r]));

  const sheets: { name: string; part: string | undefined }[] = [];
  await parseXml(
    await zip.stream(workbookPart),
    {
      open(element) {
        if (element.local !== 'sheet') return;
        const id = prefixedAttribute(element, 'id');
        const relationship = id ? byId.get(id) : undefined;
        const isWorksheet = relationship?.type.endsWith('/worksheet') ?? false;
        sheets.push({ name: attribute(element, 'name') ?? '', part: isWorksheet ? relationship?.part : undefined });
      },
    },
    { context },
  );

  const sharedStringsPart = partsOfType(relationships, 'sharedStrings')[0] ?? (zip.has('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : undefined);
  const sharedStrings = sharedStringsPart ? await readSharedStrings(zip, sharedStringsPart, context) : [];

  for (const sheet of sheets) {
    if (sink.full) break;
    if (!sheet.part || !zip.has(sheet.part)) continue;
    sink.paragraph();
    if (sheet.name && !/^(sheet\s*)?\d+$/i.test(sheet.name)) {
      sink.text(sheet.name);
      sink.line();
    }
    await readWorksheet(zip, sheet.part, sharedStrings, sink, context);
  }
  return { text: sink.toString(), truncated: sink.truncated, sheetCount: sheets.length };
}

async function readSharedStrings(zip: ZipArchive, part: string, context: ExtractContext): Promise<string[]> {
  const strings: string[] = [];
  let current: string[] | undefined;
  let inText = 0;
  let inPhonetic = 0;
  await parseXml(
    await zip.stream(part),
    {
      open(element) {
        if (element.local === 'si') current = [];
        else if (element.local === 't') inText++;
        else if (element.local === 'rPh') inPhonetic++;
      },
      close(local) {
        if (local === 'si') {
          strings.push(current?.join('') ?? '');
          current = undefined;
        } else if (local === 't' && inText > 0) inText--;
        else if (local === 'rPh' && inPhonetic > 0) inPhonetic--;
      },
      text(text) {
        if (current && inText > 0 && inPhonetic === 0) current.push(text);
      },
    },
    { context },
  );
  return strings;
}

async function readWorksheet(zip: ZipArchive, part: string, sharedStrings: string[], sink: TextSink, context: ExtractContext): Promise<void> {
  let cell: { type: string | undefined; value: string; inline: string } | undefined;
  let inValue = 0;
  let inInline = 0;
  let inText = 0;
  const visitor: XmlVisitor = {
    open(element) {
      switch (element.local) {
        case 'row':
          sink.line();
          break;
        case 'c':
          cell = { type: attribute(element, 't'), value: '', inline: '' };
          break;
        case 'v':
          inValue++;
          break;
        case 'is':
          inInline++;
          break;
        case 't':
          inText++;
          break;
      }
    },
    close(local) {
      switch (local) {
        case 'c': {
          const text = cell ? cellText(cell, sharedStrings) : '';
          if (text) {
            sink.text(text);
            sink.space();
          }
          cell = undefined;
          break;
        }
        case 'v':
          if (inValue > 0) inValue--;
          break;
        case 'is':
          if (inInline > 0) inInline--;
          break;
        case 't':
          if (inText > 0) inText--;
          break;
      }
    },
    text(text) {
      if (!cell) return;
      if (inValue > 0) cell.value += text;
      else if (inInline > 0 && inText > 0) cell.inline += text;
    },
  };
  await parseXml(await zip.stream(part), skipping(new Set(['f', 'rPh', 'extLst']), visitor), {
    context,
    shouldStop: () => sink.full,
  });
}

function cellText(cell: { type: string | undefined; value: string; inline: string }, sharedStrings: string[]): string {
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
      return '';
    default:
      return cell.value;
  }
}
