import { parseXml, prefixedAttribute } from '@/lib/extract/xml-text';
import type { ZipArchive } from '@/lib/extract/zip';
import { PreviewError, type PreviewContext } from './result';

/**
 * What ODT, ODS and ODP previews share: the package must have its content.xml, and a
 * password-protected one (its manifest encrypts content.xml) is refused as such.
 */
export async function requireOpenDocument(zip: ZipArchive, context: PreviewContext): Promise<void> {
  if (!zip.has('content.xml')) throw new PreviewError('malformed', 'no content.xml: not an OpenDocument package');
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
    { context: context.extract },
  );
  if (encrypted) throw new PreviewError('encrypted', 'OpenDocument content is encrypted');
}

/** Subtrees never shown: tracked deletions, comments, speaker notes, forms, scripts, styles, settings. */
export const ODF_SKIPPED = new Set([
  'tracked-changes',
  'annotation',
  'annotation-end',
  'notes',
  'forms',
  'scripts',
  'event-listeners',
  'font-face-decls',
  'automatic-styles',
  'sequence-decls',
  'variable-decls',
  'user-field-decls',
  'note',
]);
