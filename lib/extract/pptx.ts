import {  type ExtractContext, type Extracted } from './result';
import { TextSink } from './text-sink';
import {  parseXml, prefixedAttribute, skipping, type XmlVisitor } from './xml-text';
import {  type ZipArchive } from './zip';
import {  mainPart, numbered, readRelationships, requireContentTypes, SKIPPED } from './ooxml-package';

/** PowerPoint presentations (PPTX): each slide's text in order, then its notes. */
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
