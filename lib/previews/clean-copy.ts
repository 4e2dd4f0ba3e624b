import { attribute, localName } from '@/lib/extract/xml-text';
import { resolvePartName, type ZipArchive } from '@/lib/extract/zip';
import yazl from 'yazl';
import { imageSize, isDecodableImage } from './image';
import { throwIfTimedOut, type PreviewContext } from './result';
import { rewriteXml } from './rewrite-xml';

/**
 * The copy of a presentation that LibreOffice is given: only the parts needed to draw the slides,
 * every XML part written out again by our own parser, and nothing that points outside the file or
 * runs anything. What goes (LibreOffice advisories CVE-2024-12425, CVE-2024-12426, CVE-2025-0514, and
 * the general rule that the server never fetches or runs what a document names):
 *
 * - every relationship with `TargetMode="External"`: linked pictures, hyperlinks, linked OLE objects,
 *   external workbooks, attached templates (PPTX); every `href` that is not a part of the package
 *   itself, such as `http:`, `file:`, `vnd.sun.star.expand:` or `/etc/…` (ODP);
 * - embedded and linked objects (OLE, ActiveX), macros (`vbaProject.bin`, ODF `Basic/` and
 *   `Scripts/`, event listeners), embedded fonts (the CVE-2024-12425 path), DDE links, sounds,
 *   videos, plug-ins and frames showing other documents;
 * - pictures larger than `maxImagePixels` (replaced by a 1×1 picture), so LibreOffice never decodes a
 *   pixel bomb; anything else that is not a picture or XML.
 *
 * Every part copied was read through lib/extract's bounded zip reader, so bombs stop here, not there.
 */

/** Parts of a PPTX never copied. */
const OOXML_DROPPED_PARTS = /(^|\/)(embeddings|activeX|fonts|externalLinks|customXml|ctrlProps|vbaProject\.bin|vbaData\.xml|printerSettings)(\/|$)|\.bin$/i;

/** Relationship types never kept, by their last word. */
const OOXML_DROPPED_TYPES = new Set([
  'oleObject', 'package', 'control', 'activeXControl', 'activeXControlBinary', 'font', 'vbaProject', 'externalLink',
  'attachedTemplate', 'frame', 'subDocument', 'video', 'audio', 'media', 'customXml', 'ctrlProp', 'printerSettings', 'customData',
]);

/** ODF elements dropped with everything inside them. */
const ODF_DROPPED_ELEMENTS = new Set([
  'event-listeners', 'event-listener', 'scripts', 'script', 'forms', 'plugin', 'applet', 'floating-frame', 'object', 'object-ole',
  'dde-source', 'dde-connection-decls', 'dde-connection-decl', 'dde-links', 'dde-link', 'section-source', 'table-source',
  'font-face-src', 'sound', 'media', 'execute-macro',
]);

/** ODF parts copied (with pictures under Pictures/). */
const ODF_PARTS = new Set(['content.xml', 'styles.xml', 'meta.xml', 'META-INF/manifest.xml']);

/** A 1×1 transparent PNG, in place of a picture too large to decode. */
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

export async function cleanOoxmlCopy(zip: ZipArchive, context: PreviewContext): Promise<Buffer> {
  const kept = zip.names().filter((name) => !name.endsWith('/') && !OOXML_DROPPED_PARTS.test(name));
  const keptSet = new Set(kept);
  const files: { name: string; data: Buffer }[] = [];
  for (const name of kept) {
    throwIfTimedOut(context);
    if (name.endsWith('.rels')) {
      const folder = relsSourceFolder(name);
      files.push({
        name,
        data: await rewriteXml(await zip.read(name), {
          element: (element) => {
            if (element.local !== 'Relationship') return true;
            const type = localName((attribute(element, 'Type') ?? '').split('/').pop() ?? '');
            if (attribute(element, 'TargetMode') === 'External' || OOXML_DROPPED_TYPES.has(type)) return false;
            const target = resolvePartName(folder, attribute(element, 'Target') ?? '');
            return target !== undefined && keptSet.has(target);
          },
        }, context),
      });
    } else if (name === '[Content_Types].xml') {
      files.push({
        name,
        data: await rewriteXml(await zip.read(name), {
          element: (element) => {
            if (element.local === 'Override') return keptSet.has((attribute(element, 'PartName') ?? '').replace(/^\//, ''));
            if (element.local === 'Default') return !/^bin$/i.test(attribute(element, 'Extension') ?? '');
            return true;
          },
          attribute: (name, value) => !(name === 'ContentType' && /macroEnabled/i.test(value)),
        }, context),
      });
    } else if (/\.xml$/i.test(name)) {
      files.push({ name, data: await rewriteXml(await zip.read(name), {}, context) });
    } else {
      const picture = await safePicture(await zip.read(name), context);
      if (picture) files.push({ name, data: picture });
    }
  }
  restoreMainContentType(files);
  return writeZip(files);
}

export async function cleanOdfCopy(zip: ZipArchive, context: PreviewContext): Promise<Buffer> {
  const kept = zip.names().filter((name) => ODF_PARTS.has(name) || (/^Pictures\/[^/]+$/.test(name)));
  const files: { name: string; data: Buffer; stored?: boolean }[] = [];
  if (zip.has('mimetype')) files.push({ name: 'mimetype', data: await zip.read('mimetype'), stored: true });
  const copied = new Set<string>(['/']);
  for (const name of kept) {
    throwIfTimedOut(context);
    if (name.startsWith('Pictures/')) {
      const picture = await safePicture(await zip.read(name), context);
      if (picture) {
        files.push({ name, data: picture });
        copied.add(name);
      }
      continue;
    }
    copied.add(name);
  }
  for (const name of kept.filter((n) => ODF_PARTS.has(n))) {
    const data = await zip.read(name);
    const filtered =
      name === 'META-INF/manifest.xml'
        ? await rewriteXml(data, { element: (element) => element.local !== 'file-entry' || copied.has(attribute(element, 'full-path') ?? '') }, context)
        : await rewriteXml(
            data,
            {
              element: (element) => !ODF_DROPPED_ELEMENTS.has(element.local),
              attribute: (attributeName, value) => localName(attributeName) !== 'href' || isInternalReference(value),
            },
            context,
          );
    files.push({ name, data: filtered });
  }
  return writeZip(files);
}

/** A reference to a part inside the package: no scheme, not absolute, never climbing out. */
function isInternalReference(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '' || /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('/') || trimmed.startsWith('\\')) return false;
  return resolvePartName('', trimmed.replace(/^\.\//, '')) !== undefined;
}

/** A picture LibreOffice may decode; too many pixels → a 1×1 picture; not a picture → left out. */
async function safePicture(data: Buffer, context: PreviewContext): Promise<Buffer | undefined> {
  if (!isDecodableImage(data)) return undefined;
  const size = await imageSize(data);
  if (!size) return undefined;
  return size.width * size.height > context.limits.maxImagePixels ? TINY_PNG : data;
}

/** The folder a `.rels` part's targets are relative to: `ppt/slides/_rels/slide1.xml.rels` → `ppt/slides`. */
function relsSourceFolder(relsName: string): string {
  const folder = relsName.replace(/\/?_rels\/[^/]+$/, '');
  return folder;
}

/** A macro-enabled package's main part loses its content type above: give it the plain one back. */
function restoreMainContentType(files: { name: string; data: Buffer }[]): void {
  const types = files.find((file) => file.name === '[Content_Types].xml');
  if (!types) return;
  types.data = Buffer.from(
    types.data
      .toString('utf8')
      .replace(/<Override PartName="(\/ppt\/presentation\.xml)">/g, '<Override PartName="$1" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml">'),
  );
}

function writeZip(files: { name: string; data: Buffer; stored?: boolean }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const file of files) zip.addBuffer(file.data, file.name, { compress: !file.stored, mtime: new Date('2000-01-01T00:00:00Z') });
  zip.end();
  return new Promise<Buffer>((resolve, reject) => {
    const parts: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => parts.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(parts)));
    zip.outputStream.on('error', reject);
  });
}
