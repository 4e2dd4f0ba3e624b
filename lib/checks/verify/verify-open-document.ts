import type { ExtractContext } from '@/lib/extract/result';
import { parseXml, prefixedAttribute } from '@/lib/extract/xml-text';
import type { ZipArchive } from '@/lib/extract/zip';
import { rejected, verified, type FormatVerification } from './verification';

/**
 * An OpenDocument package is the format it claims when its `mimetype` entry says so (ODF 1.2
 * part 3), its manifest lists it, and content.xml holds a body of the right kind (office:text,
 * office:spreadsheet, office:presentation). content.xml is read to its end, so a package whose
 * content is cut short or is not XML fails here.
 */
const KINDS = {
  odt: { mimetype: 'application/vnd.oasis.opendocument.text', body: 'text', label: 'OpenDocument text' },
  ods: { mimetype: 'application/vnd.oasis.opendocument.spreadsheet', body: 'spreadsheet', label: 'OpenDocument spreadsheet' },
  odp: { mimetype: 'application/vnd.oasis.opendocument.presentation', body: 'presentation', label: 'OpenDocument presentation' },
};

export async function verifyOpenDocument(zip: ZipArchive, format: keyof typeof KINDS, context: ExtractContext): Promise<FormatVerification> {
  const expected = KINDS[format];
  const notIt = `It is a zip file, but not an ${expected.label} file.`;
  if (!zip.has('mimetype') || !zip.has('content.xml')) return rejected(notIt);
  const mimetype = (await zip.read('mimetype')).toString('latin1').trim();
  if (mimetype !== expected.mimetype) {
    const actual = Object.values(KINDS).find((kind) => kind.mimetype === mimetype);
    return rejected(actual ? `It is an ${actual.label} file, not an ${expected.label} file.` : notIt);
  }
  if (zip.has('META-INF/manifest.xml')) {
    let encrypted = false;
    let path: string | undefined;
    await parseXml(
      await zip.stream('META-INF/manifest.xml'),
      {
        open(element) {
          if (element.local === 'file-entry') path = prefixedAttribute(element, 'full-path');
          else if (element.local === 'encryption-data' && path === 'content.xml') encrypted = true;
        },
      },
      { context },
    );
    // Encrypted content cannot be read, but the package is what it says it is.
    if (encrypted) return verified('signature');
  }
  const stack: string[] = [];
  let body: string | undefined;
  await parseXml(
    await zip.stream('content.xml'),
    {
      open(element) {
        if (stack[stack.length - 1] === 'body' && body === undefined) body = element.local;
        stack.push(element.local);
      },
      close: () => void stack.pop(),
    },
    { context },
  );
  return body === expected.body ? verified() : rejected(notIt);
}
