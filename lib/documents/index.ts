/**
 * Documents the hub writes itself: Markdown to Word (DOCX) and OpenDocument text (ODT), accessible
 * and with real structure. See README.md.
 */
export type { DocumentProperties } from './document-properties';
export { DOCUMENT_CREATOR } from './document-properties';
export type { DocumentModel } from './document-model';
export { readMarkdown } from './read-markdown';
export { markdownToDocx } from './markdown-to-docx';
export { markdownToOdt } from './markdown-to-odt';
export { ALTERNATIVE_FORMATS, generateAlternativeFormats, type AlternativeFormat } from './generate-alternative-formats';
export { writeAlternativeFormats, type DocumentSource, type WrittenDocument } from './write-alternative-formats';
