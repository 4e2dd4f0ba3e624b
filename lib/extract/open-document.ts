import { ExtractionError, type ExtractContext, type Extracted } from './result';
import { TextSink } from './text-sink';
import { parseXml, prefixedAttribute, skipping, type XmlVisitor } from './xml-text';
import type { ZipArchive } from './zip';

/**
 * OpenDocument (ODF 1.2/1.3): ODT, ODS and ODP. The text is all in `content.xml`: paragraphs and
 * headings (`text:p`, `text:h`), table cells, and the pages of a presentation (`draw:page`). A
 * password-protected document says so in `META-INF/manifest.xml` (its content.xml is then
 * ciphertext). ODT's page count is the one the authoring application recorded in `meta.xml`.
 */

type Kind = 'odt' | 'ods' | 'odp';

/** Subtrees never read: deleted text in tracked changes, comments, speaker notes, forms, scripts, styles. */
const SKIPPED = new Set([
  'tracked-changes',
  'annotation',
  'notes',
  'forms',
  'scripts',
  'font-face-decls',
  'automatic-styles',
  'note-citation',
  'sequence-decls',
  'variable-decls',
  'user-field-decls',
]);

export async function extractOpenDocument(zip: ZipArchive, kind: Kind, context: ExtractContext): Promise<Extracted> {
  if (!zip.has('content.xml')) throw new ExtractionError('malformed', 'no content.xml: not an OpenDocument package');
  await refuseEncrypted(zip, context);

  const sink = new TextSink(context.limits.maxTextBytes);
  let sheets = 0;
  let pages = 0;
  // Where we are: the element names open above the current one, by local name.
  const stack: string[] = [];
  let cellDepth = 0;

  const visitor: XmlVisitor = {
    open(element) {
      const parent = stack[stack.length - 1];
      stack.push(element.local);
      switch (element.local) {
        case 'p':
        case 'h':
          if (cellDepth > 0) {
            if (kind === 'ods') sink.space();
            else sink.line();
          } else sink.paragraph();
          break;
        case 's': {
          sink.space();
          break;
        }
        case 'tab':
          sink.space();
          break;
        case 'line-break':
          sink.line();
          break;
        case 'table':
          sink.paragraph();
          if (parent === 'spreadsheet') sheets++;
          break;
        case 'table-cell':
          cellDepth++;
          sink.space();
          break;
        case 'page':
          if (parent === 'presentation' || parent === 'drawing') {
            pages++;
            sink.paragraph();
          }
          break;
      }
    },
    close(local) {
      stack.pop();
      switch (local) {
        case 'p':
        case 'h':
          if (cellDepth === 0) sink.paragraph();
          break;
        case 'table-cell':
          if (cellDepth > 0) cellDepth--;
          sink.space();
          break;
        case 'table-row':
          if (kind === 'ods') sink.line();
          else sink.paragraph();
          break;
        case 'table':
        case 'page':
          sink.paragraph();
          break;
      }
    },
    text(text) {
      // Character data counts inside paragraphs and headings only; anything else is structure.
      if (stack.includes('p') || stack.includes('h')) sink.text(text);
    },
  };

  await parseXml(await zip.stream('content.xml'), skipping(SKIPPED, visitor), { context, shouldStop: () => sink.full });

  const result: Extracted = { text: sink.toString(), truncated: sink.truncated };
  if (kind === 'ods') result.sheetCount = sheets;
  if (kind === 'odp') result.slideCount = pages;
  if (kind === 'odt') {
    const pageCount = await declaredPageCount(zip, context);
    if (pageCount !== undefined) result.pageCount = pageCount;
  }
  return result;
}

/** Encrypted ODF: the manifest gives `manifest:encryption-data` for content.xml. */
async function refuseEncrypted(zip: ZipArchive, context: ExtractContext): Promise<void> {
  if (!zip.has('META-INF/manifest.xml')) return;
  let currentPath: string | undefined;
  let encrypted = false;
  await parseXml(
    await zip.stream('META-INF/manifest.xml'),
    {
      open(element) {
        if (element.local === 'file-entry') currentPath = prefixedAttribute(element, 'full-path');
        else if (element.local === 'encryption-data' && currentPath === 'content.xml') encrypted = true;
      },
      close(local) {
        if (local === 'file-entry') currentPath = undefined;
      },
    },
    { context },
  );
  if (encrypted) throw new ExtractionError('encrypted', 'OpenDocument content is encrypted');
}

async function declaredPageCount(zip: ZipArchive, context: ExtractContext): Promise<number | undefined> {
  if (!zip.has('meta.xml')) return undefined;
  let value: string | undefined;
  try {
    await parseXml(
      await zip.stream('meta.xml'),
      {
        open(element) {
          if (element.local === 'document-statistic') value = prefixedAttribute(element, 'page-count');
        },
      },
      { context },
    );
  } catch (error) {
    if (error instanceof ExtractionError && error.reason === 'malformed') return undefined;
    throw error;
  }
  const count = Number.parseInt(value ?? '', 10);
  return Number.isInteger(count) && count > 0 && count < 1_000_000 ? count : undefined;
}
