import { z } from 'zod';

/** The formats a version may be offered in besides its own, in the order pages list them. */
export const alternativeFormatCodes = ['docx', 'odt'] as const;
export type AlternativeFormatCode = (typeof alternativeFormatCodes)[number];

/** A format from a route ("docx"): one of the codes above, nothing else. */
export const alternativeFormatSchema = z.enum(alternativeFormatCodes);

/** What a link calls each format: plain words, then the short name people know from their computer. */
export const alternativeFormatLabels: Record<AlternativeFormatCode, { name: string; short: string }> = {
  docx: { name: 'Word document', short: 'DOCX' },
  odt: { name: 'OpenDocument text', short: 'ODT' },
};

/** The file name a download is given: the version's own name with the alternative's extension. */
export function alternativeFileName(versionFileName: string, format: AlternativeFormatCode): string {
  const stem = versionFileName.replace(/\.[^.]*$/, '') || 'document';
  return `${stem}.${format}`;
}
