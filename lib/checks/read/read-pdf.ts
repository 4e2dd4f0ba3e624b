import type { ExtractContext } from '@/lib/extract/result';
import type { FindingDraft } from '../build-report';
import { DocumentTextBuilder } from '../document-text';
import { accessibilitySignal } from '../guidance';
import { commentDraft } from './hidden-content-drafts';
import { metadataNameDraft } from './metadata-names';
import { readPdfFacts } from './pdf-facts';
import type { Reading } from './reading';

/**
 * PDF: each page's text (placed as "page N") and its comments (annotations with an author or text,
 * "page N, in a comment"); the author in the document information and XMP; and the accessibility
 * signals: tagged or not (a structure tree), a title, a language, and pages with no text at all
 * (a scan).
 */
export async function readPdf(data: Buffer, context: ExtractContext): Promise<Reading> {
  const maxLength = context.limits.maxTextBytes;
  let length = 0;
  const facts = await readPdfFacts(data, context, {
    mode: 'check',
    enough: (so) => {
      const page = so.pages[so.pages.length - 1];
      length += (page?.text.length ?? 0) + (page?.comments.reduce((sum, c) => sum + c.text.length, 0) ?? 0);
      return length >= maxLength;
    },
  });

  const text = new DocumentTextBuilder(maxLength);
  const drafts: FindingDraft[] = [];
  let pagesWithText = 0;
  for (const page of facts.pages) {
    if (/[\p{L}\p{N}]/u.test(page.text)) pagesWithText++;
    text.add({ kind: 'page', page: page.number }, page.text);
    for (const comment of page.comments) {
      const location = { kind: 'page' as const, page: page.number, annotation: true };
      text.add(location, comment.text);
      drafts.push(commentDraft(location, comment.author));
    }
  }

  const names = [facts.info.author, ...facts.xmpCreators].filter(Boolean);
  for (const name of new Set(names)) {
    const draft = metadataNameDraft('author', name, 'its author');
    if (draft) drafts.push(draft);
  }

  if (!facts.tagged) drafts.push(accessibilitySignal('pdf-not-tagged'));
  if (!facts.info.title && !facts.xmpTitle) drafts.push(accessibilitySignal('no-document-title'));
  if (!facts.info.language) drafts.push(accessibilitySignal('no-document-language'));
  if (facts.pageCount > 0 && pagesWithText === 0 && !facts.stoppedEarly) drafts.push(accessibilitySignal('pdf-scanned-no-text'));

  const notes: string[] = [];
  if (facts.stoppedEarly) notes.push(`Only the first ${facts.pages.length} of ${facts.pageCount} pages were checked: the document’s text is longer than the check reads.`);
  if (facts.failedPages > 0) notes.push(`${facts.failedPages} page${facts.failedPages === 1 ? '' : 's'} could not be read, so ${facts.failedPages === 1 ? 'it was' : 'they were'} not checked.`);
  return { text: text.build(), drafts, notes };
}
