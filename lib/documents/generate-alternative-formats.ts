import { formatByCode } from '@/lib/formats/file-formats';
import type { DocumentProperties } from './document-properties';
import { markdownToDocx } from './markdown-to-docx';
import { markdownToOdt } from './markdown-to-odt';

export interface AlternativeFormat {
  /** A format code from lib/formats ('docx', 'odt'). */
  format: 'docx' | 'odt';
  extension: string;
  contentType: string;
  body: Buffer;
}

/** The formats councils edit in, in the order a page should offer them. */
export const ALTERNATIVE_FORMATS = ['docx', 'odt'] as const;

/** One Markdown document as a Word document and an OpenDocument text file, from the same reading of it. */
export async function generateAlternativeFormats(markdown: string, properties: DocumentProperties = {}): Promise<AlternativeFormat[]> {
  const [docx, odt] = await Promise.all([markdownToDocx(markdown, properties), markdownToOdt(markdown, properties)]);
  return [alternative('docx', docx), alternative('odt', odt)];
}

function alternative(format: AlternativeFormat['format'], body: Buffer): AlternativeFormat {
  const known = formatByCode(format);
  if (!known) throw new Error(`${format} is missing from lib/formats`);
  return { format, extension: known.extensions[0]!, contentType: known.contentType, body };
}
