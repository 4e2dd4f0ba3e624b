import { ExtractionError, type ExtractContext, type Extracted } from './result';
import { TextSink } from './text-sink';
import { attribute, parseXml, prefixedAttribute, skipping, type XmlVisitor } from './xml-text';
import { resolvePartName, type ZipArchive } from './zip';

/**
 * Office Open XML (ECMA-376): DOCX, PPTX and XLSX. Parts are found the way Office finds them, through
 * relationships (`_rels/.rels`, then the main part's own `.rels`), with the usual part names as a
 * fallback; only the parts that hold text are inflated. Elements are matched by local name, so the
 * transitional and strict namespaces (and any prefix a producer picked) read alike.
 */

/** Subtrees never read: `mc:Fallback` repeats `mc:Choice` (text boxes would come out twice). */
const SKIPPED = new Set(['Fallback']);

interface Relationship {
  id: string;
  type: string;
  /** The part it points to, resolved to a zip entry name; undefined for external targets. */
  part: string | undefined;
}

export interface DocxOptions {
  /** Also read headers and footers (each distinct text once, after the body). Default true. */
  headersAndFooters?: boolean;
  /** Also read footnotes and endnotes, after the body. Default true. */
  notes?: boolean;
}

export async function extractDocx(zip: ZipArchive, context: ExtractContext, options: DocxOptions = {}): Promise<Extracted> {
  requireContentTypes(zip);
  const sink = new TextSink(context.limits.maxTextBytes);
  const documentPart = await mainPart(zip, context, 'word/document.xml');
  const relationships = await readRelationships(zip, documentPart, context);

  await readWordPart(zip, documentPart, sink, context);

  if (options.notes !== false) {
    for (const kind of ['footnotes', 'endnotes']) {
      for (const part of partsOfType(relationships, kind)) {
        if (sink.full) break;
        sink.paragraph();
        await readWordPart(zip, part, sink, context);
      }
    }
  }

  if (options.headersAndFooters !== false) {
    // Sections often repeat one header or footer in several parts (first page, even pages, default).
    const seen = new Set<string>();
    for (const part of [...partsOfType(relationships, 'header'), ...partsOfType(relationships, 'footer')]) {
      if (sink.full) break;
      const own = new TextSink(context.limits.maxTextBytes);
      await readWordPart(zip, part, own, context);
      const text = own.toString();
      if (text.length === 0 || seen.has(text)) continue;
      seen.add(text);
      sink.append(text);
    }
  }

  return { text: sink.toString(), truncated: sink.truncated, pageCount: await declaredCount(zip, context, 'Pages') };
}

async function readWordPart(zip: ZipArchive, part: string, sink: TextSink, context: ExtractContext): Promise<void> {
  if (!zip.has(part)) return;
  let inText = 0;
  const visitor: XmlVisitor = {
    open(element) {
      switch (element.local) {
        case 'p':
          sink.paragraph();
          break;
        case 't':
          inText++;
          break;
        case 'tab':
        case 'ptab':
          sink.space();
          break;
        case 'br':
          if (attribute(element, 'type') === 'page') sink.paragraph();
          else sink.line();
          break;
        case 'cr':
          sink.line();
          break;
        case 'noBreakHyphen':
          sink.text('-');
          break;
        case 'tc':
          sink.space();
          break;
      }
    },
    close(local) {
      if (local === 'p') sink.paragraph();
      else if (local === 't' && inText > 0) inText--;
    },
    text(text) {
      if (inText > 0) sink.text(text);
    },
  };
  await parseXml(await zip.stream(part), skipping(SKIPPED, visitor), { context, shouldStop: () => sink.full });
}

export async function extractPptx(zip: ZipArchive, context: ExtractContext): Promise<Extracted> {
  requireContentTypes(zip);
  const sink = new TextSink(context.limits.maxTextBytes);
  const presentationPart = await mainPart(zip, context, 'ppt/presentation.xml');
  const relationships = await readRelationships(zip, presentationPart, context);
  const byId = new Map(relationships.map((r) => [r.id, r]));

  // Slide order is the order of <p:sldIdLst>, not of the part names.
  const slides: string[] = [];
  await parseXml(
    await zip.stream(presentationPart),
    {
      open(element) {
        if (element.local !== 'sldId') return;
        const id = prefixedAttribute(element, 'id');
        const part = id ? byId.get(id)?.part : undefined;
        if (part && zip.has(part)) slides.push(part);
      },
    },
    { context },
  );
  if (slides.length === 0) {
    slides.push(...numbered(zip.names(), /^ppt\/slides\/slide(\d+)\.xml$/));
  }

  for (const slide of slides) {
    if (sink.full) break;
    sink.paragraph();
    await readDrawingText(zip, slide, sink, context);
  }
  return { text: sink.toString(), truncated: sink.truncated, slideCount: slides.length };
}

/** DrawingML text (`a:p`, `a:t`, `a:br`), as in slides. */
async function readDrawingText(zip: ZipArchive, part: string, sink: TextSink, context: ExtractContext): Promise<void> {
  let inText = 0;
  const visitor: XmlVisitor = {
    open(element) {
      if (element.local === 'p') sink.paragraph();
      else if (element.local === 't') inText++;
      else if (element.local === 'br') sink.line();
      else if (element.local === 'tc') sink.space();
    },
    close(local) {
      if (local === 'p') sink.paragraph();
      else if (local === 't' && inText > 0) inText--;
    },
    text(text) {
      if (inText > 0) sink.text(text);
    },
  };
  await parseXml(await zip.stream(part), skipping(SKIPPED, visitor), { context, shouldStop: () => sink.full });
}

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

/** The `[Content_Types].xml` every OOXML package has: without it this is some other zip. */
function requireContentTypes(zip: ZipArchive): void {
  if (!zip.has('[Content_Types].xml')) throw new ExtractionError('malformed', 'no [Content_Types].xml: not an Office Open XML package');
}

/** The package's main part, through `_rels/.rels`, else the usual name; malformed when neither exists. */
async function mainPart(zip: ZipArchive, context: ExtractContext, usual: string): Promise<string> {
  const packageRelationships = await readRelationships(zip, '', context);
  const main = partsOfType(packageRelationships, 'officeDocument').find((part) => zip.has(part));
  if (main) return main;
  if (zip.has(usual)) return usual;
  throw new ExtractionError('malformed', 'no main document part');
}

/** The relationships of a part ('' for the package itself); none when it has no `.rels`. */
async function readRelationships(zip: ZipArchive, part: string, context: ExtractContext): Promise<Relationship[]> {
  const slash = part.lastIndexOf('/');
  const folder = slash === -1 ? '' : part.slice(0, slash);
  const file = slash === -1 ? part : part.slice(slash + 1);
  const relsName = `${folder ? `${folder}/` : ''}_rels/${file}.rels`;
  if (!zip.has(relsName)) return [];
  const relationships: Relationship[] = [];
  await parseXml(
    await zip.stream(relsName),
    {
      open(element) {
        if (element.local !== 'Relationship') return;
        const id = attribute(element, 'Id');
        const type = attribute(element, 'Type');
        const target = attribute(element, 'Target');
        if (!id || !type || !target) return;
        const external = attribute(element, 'TargetMode') === 'External';
        relationships.push({ id, type, part: external ? undefined : resolvePartName(folder, target) });
      },
    },
    { context },
  );
  return relationships;
}

/** Parts of one relationship type (matched on the type's last word, so strict and transitional both match). */
function partsOfType(relationships: Relationship[], typeName: string): string[] {
  return relationships.filter((r) => r.part && r.type.endsWith(`/${typeName}`)).map((r) => r.part!);
}

/** A count the authoring application recorded in `docProps/app.xml` (`Pages`, `Slides`), when sane. */
async function declaredCount(zip: ZipArchive, context: ExtractContext, element: string): Promise<number | undefined> {
  const packageRelationships = await readRelationships(zip, '', context);
  const part = partsOfType(packageRelationships, 'extended-properties').find((p) => zip.has(p)) ?? (zip.has('docProps/app.xml') ? 'docProps/app.xml' : undefined);
  if (!part) return undefined;
  let inside = 0;
  let value = '';
  try {
    await parseXml(
      await zip.stream(part),
      {
        open: (e) => void (e.local === element && inside++),
        close: (local) => void (local === element && inside--),
        text: (t) => void (inside > 0 && (value += t)),
      },
      { context },
    );
  } catch (error) {
    // The document's own text has been read; a broken properties part only loses the count.
    if (error instanceof ExtractionError && error.reason === 'malformed') return undefined;
    throw error;
  }
  const count = Number.parseInt(value.trim(), 10);
  return Number.isInteger(count) && count > 0 && count < 1_000_000 ? count : undefined;
}

/** Entry names matching a pattern with one number in it, in numeric order. */
function numbered(names: string[], pattern: RegExp): string[] {
  return names
    .map((name) => ({ name, n: Number(pattern.exec(name)?.[1]) }))
    .filter((x) => Number.isFinite(x.n))
    .sort((a, b) => a.n - b.n)
    .map((x) => x.name);
}
