import { ZipFile } from 'yazl';
import { ODF_VERSION } from './odt-namespaces';

export const ODT_MEDIA_TYPE = 'application/vnd.oasis.opendocument.text';

export interface OdtPart {
  path: string;
  mediaType: string;
  xml: string;
}

/**
 * The parts zipped as an OpenDocument package (ODF 1.3 part 2, section 3): `mimetype` first, stored
 * uncompressed and with no extra field (so its bytes sit at a fixed offset, where file-type tools
 * look for them), then the parts, then `META-INF/manifest.xml` listing every one. Every entry
 * carries `modified` as its date, so the same document made twice gives the same bytes.
 */
export async function zipOdtPackage(parts: OdtPart[], modified: Date): Promise<Buffer> {
  const zip = new ZipFile();
  const options = { mtime: modified, forceDosTimestamp: true };
  zip.addBuffer(Buffer.from(ODT_MEDIA_TYPE, 'ascii'), 'mimetype', { ...options, compress: false });
  for (const part of parts) zip.addBuffer(Buffer.from(part.xml, 'utf8'), part.path, { ...options, compress: true });
  zip.addBuffer(Buffer.from(odtManifest(parts), 'utf8'), 'META-INF/manifest.xml', { ...options, compress: true });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function odtManifest(parts: OdtPart[]): string {
  const entries = parts.map((part) => `<manifest:file-entry manifest:full-path="${part.path}" manifest:media-type="${part.mediaType}"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="${ODF_VERSION}">
<manifest:file-entry manifest:full-path="/" manifest:version="${ODF_VERSION}" manifest:media-type="${ODT_MEDIA_TYPE}"/>
${entries.join('\n')}
</manifest:manifest>
`;
}
