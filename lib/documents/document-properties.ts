import { AppError } from '@/lib/errors';
import { inlineText, type DocumentModel } from './document-model';

/** What a generated file says about itself: Word's and LibreOffice's "Properties", read by search tools and screen readers. */
export interface DocumentProperties {
  /** The title screen readers announce and file lists show. Defaults to the text of the first heading. */
  title?: string;
  subject?: string;
  description?: string;
  keywords?: string[];
  /** The language of the text, as a language and country code. Default en-GB. */
  language?: string;
  /** When the document was made. Default: now. Pass a fixed date for files that come out the same every time. */
  created?: Date;
}

export interface ResolvedProperties {
  title: string;
  subject: string;
  description: string;
  keywords: string[];
  creator: string;
  language: { tag: string; language: string; country: string };
  created: Date;
}

/** Every generated file is the hub's own work, whatever it was generated for. */
export const DOCUMENT_CREATOR = 'Discovery Commons';

export function resolveProperties(model: DocumentModel, properties: DocumentProperties): ResolvedProperties {
  const tag = properties.language ?? 'en-GB';
  const match = /^([a-z]{2,3})-([A-Z]{2})$/.exec(tag);
  if (!match) throw new AppError('validation', 'The document language must be a language and country code, such as en-GB.');
  const firstHeading = model.blocks.find((block) => block.type === 'heading');
  const title = (properties.title ?? (firstHeading ? inlineText(firstHeading.content) : '')).trim();
  if (title === '') throw new AppError('validation', 'A document needs a title: give one, or start the Markdown with a heading.');
  return {
    title,
    subject: properties.subject?.trim() ?? '',
    description: properties.description?.trim() ?? '',
    keywords: (properties.keywords ?? []).map((keyword) => keyword.trim()).filter((keyword) => keyword !== ''),
    creator: DOCUMENT_CREATOR,
    language: { tag, language: match[1]!, country: match[2]! },
    created: properties.created ?? new Date(),
  };
}
