import { readMarkdown } from './read-markdown';
import { resolveProperties, type DocumentProperties } from './document-properties';
import { pageLayout } from './page-layout';
import { odtContent } from './odt/odt-content';
import { odtMeta } from './odt/odt-meta';
import { zipOdtPackage } from './odt/odt-package';
import { odtStyles } from './odt/odt-styles';

/**
 * An OpenDocument text file (ODT) of some Markdown, for LibreOffice and other ODF editors: heading
 * styles with outline levels, tables with header rows, lists, the document's title, subject,
 * description, keywords, creator and language (en-GB unless told otherwise). The XML is written
 * here (see README.md for why) and zipped with yazl. Throws an AppError ('validation') for a bad
 * language code or a missing title.
 */
export async function markdownToOdt(markdown: string, properties: DocumentProperties = {}): Promise<Buffer> {
  const model = readMarkdown(markdown);
  const resolved = resolveProperties(model, properties);
  const layout = pageLayout(model);
  return zipOdtPackage(
    [
      { path: 'content.xml', mediaType: 'text/xml', xml: odtContent(model.blocks, layout) },
      { path: 'styles.xml', mediaType: 'text/xml', xml: odtStyles(resolved, layout) },
      { path: 'meta.xml', mediaType: 'text/xml', xml: odtMeta(resolved) },
    ],
    resolved.created,
  );
}
