import {  type ExtractContext, type Extracted } from './result';
import { TextSink } from './text-sink';
import { attribute, parseXml, skipping, type XmlVisitor } from './xml-text';
import {  type ZipArchive } from './zip';
import { declaredCount, mainPart, partsOfType, readRelationships, requireContentTypes, SKIPPED } from './ooxml-package';

/** Word documents (DOCX): the body, then headers and footers, then footnotes and endnotes. */
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
