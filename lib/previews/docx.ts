import { mainPart, readRelationships, requireContentTypes } from '@/lib/extract/ooxml-package';
import { parseXml } from '@/lib/extract/xml-text';
import type { ZipArchive } from '@/lib/extract/zip';
import { DocumentImages } from './document-images';
import { PreviewError, throwIfTimedOut, type Preview, type PreviewContext } from './result';
import { runWorker } from './run-worker';
import { htmlPreview } from './text-documents';

/**
 * Word documents (DOCX) as HTML, with `mammoth` (maintained, pure JavaScript), which maps Word's
 * structure to HTML: headings, paragraphs, lists, tables, pictures with their alternative text,
 * footnotes. mammoth never sees the file itself: the parts it needs are read here through lib/extract's
 * bounded zip reader (so zip bombs stop here), each XML part is checked by the streaming parser (no
 * DOCTYPE, so no entity tricks reach mammoth's DOM parser), pictures are taken only from inside the
 * package, and mammoth runs in a worker thread (docx-worker.mjs) with the time limit and a capped
 * heap. Its HTML then goes through the sanitiser like every other preview.
 */

/** Parts never handed to mammoth: it does not read them, and they can be large. */
const UNREAD = /^word\/(glossary|embeddings|media|activeX|fonts|customizations)\//i;

export async function previewDocx(zip: ZipArchive, context: PreviewContext): Promise<Preview> {
  requireContentTypes(zip);
  const main = await mainPart(zip, context.extract, 'word/document.xml');
  const entries: { name: string; data: Uint8Array }[] = [];
  for (const name of zip.names()) {
    const isXml = /\.(xml|rels)$/i.test(name);
    if (!isXml || UNREAD.test(name) || !(name.startsWith('word/') || name === '[Content_Types].xml' || name === '_rels/.rels')) continue;
    const data = await zip.read(name);
    // Well-formed, and no DOCTYPE: refused here rather than left to mammoth's parser.
    await parseXml(data, {}, { context: context.extract });
    // A copy of its own, so it can be handed over (transferred) to the worker.
    entries.push({ name, data: new Uint8Array(data) });
  }
  // Pictures the document itself refers to from inside the package, within the count and size limits.
  const { maxImages, maxImageBytes } = context.limits;
  let pictures = 0;
  for (const relationship of await readRelationships(zip, main, context.extract)) {
    if (!relationship.part || !relationship.type.endsWith('/image') || !zip.has(relationship.part)) continue;
    if (pictures++ >= maxImages * 2) break;
    const data = await zip.read(relationship.part);
    if (data.length <= maxImageBytes) entries.push({ name: relationship.part, data: new Uint8Array(data) });
  }
  throwIfTimedOut(context);

  type WorkerMessage = { type: 'done'; html: string; images: { data: Uint8Array; contentType: string }[] } | { type: 'error'; name: string; message: string };
  const converted = await runWorker<{ html: string; images: Buffer[] }>(
    {
      file: 'docx-worker.mjs',
      workerData: { entries },
      transferList: entries.map((entry) => entry.data.buffer as ArrayBuffer),
      describe: 'while converting the Word document',
      onMessage: (message: WorkerMessage) => {
        if (message.type === 'error') return { error: new PreviewError('malformed', `mammoth failed (${message.name}): ${message.message}`) };
        return { done: { html: message.html, images: message.images.map((image) => Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength)) } };
      },
    },
    context,
  );

  const images = new DocumentImages(context);
  const sources: string[] = [];
  for (const data of converted.images) sources.push(await images.add(data));
  const html = converted.html.replace(/src="docx-image:(\d+)"/g, (_match, index: string) => `src="${sources[Number(index)] ?? 'dropped:'}"`);
  return htmlPreview(html, false, context, images.images);
}
