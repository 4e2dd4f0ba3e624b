import { Document, Packer, PageOrientation } from 'docx';
import { readMarkdown } from './read-markdown';
import { resolveProperties, type DocumentProperties } from './document-properties';
import { pageLayout } from './page-layout';
import { docxBody } from './docx/docx-body';
import { docxCoreProperties } from './docx/docx-core-properties';
import { docxNumbering, docxStyles } from './docx/docx-styles';

/** Twips per millimetre (1440 per inch). */
const TWIPS_PER_MM = 1440 / 25.4;

/**
 * A Word document (DOCX) of some Markdown, made with the `docx` library: Word's heading styles,
 * tables whose header row repeats and is marked as a header, Word lists, the document's title,
 * subject, description, keywords and creator, and its language (en-GB unless told otherwise) on
 * every run of text. Throws an AppError ('validation') for a bad language code or a missing title.
 */
export async function markdownToDocx(markdown: string, properties: DocumentProperties = {}): Promise<Buffer> {
  const model = readMarkdown(markdown);
  const resolved = resolveProperties(model, properties);
  const layout = pageLayout(model);
  const { children, orderedStarts } = docxBody(model.blocks, layout);
  const twips = (mm: number) => Math.round(mm * TWIPS_PER_MM);
  const document = new Document({
    title: resolved.title,
    subject: resolved.subject,
    creator: resolved.creator,
    description: resolved.description,
    keywords: resolved.keywords.join(', '),
    lastModifiedBy: resolved.creator,
    styles: docxStyles(resolved.language.tag),
    numbering: docxNumbering(orderedStarts),
    sections: [
      {
        properties: {
          page: {
            // Word stores the portrait size with an orientation flag; the docx library turns it.
            size: { width: twips(210), height: twips(297), orientation: layout.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: { top: twips(layout.marginMm), bottom: twips(layout.marginMm), left: twips(layout.marginMm), right: twips(layout.marginMm) },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document, false, [{ path: 'docProps/core.xml', data: docxCoreProperties(resolved) }]);
}
