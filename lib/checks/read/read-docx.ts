import { mainPart, partsOfType, readRelationships, requireContentTypes } from '@/lib/extract/ooxml-package';
import type { ExtractContext } from '@/lib/extract/result';
import { attribute, parseXml } from '@/lib/extract/xml-text';
import type { ZipArchive } from '@/lib/extract/zip';
import type { FindingDraft } from '../build-report';
import { DocumentTextBuilder } from '../document-text';
import type { DocumentPart } from '../findings';
import { accessibilitySignal } from '../guidance';
import { checkEmbeddedImages } from './embedded-images';
import { commentDraft, hiddenTextDraft, trackedChangeDraft } from './hidden-content-drafts';
import { propertyDrafts, readOoxmlProperties } from './ooxml-properties';
import type { Reading } from './reading';
import { findUserNamePaths } from './user-name-paths';
import { readWordComments } from './word-comments';
import { readHeadingStyles, readWordXml, type WordPartFacts } from './word-xml';

/**
 * Word documents (DOCX): the body, headers, footers, footnotes, endnotes and comments, read for
 * personal data with paragraph numbers; document properties; comments; tracked changes; hidden
 * text; user names in file paths; location data in pictures; and the accessibility signals (title,
 * language, headings, pictures' alternative text).
 */
export async function readDocx(zip: ZipArchive, context: ExtractContext): Promise<Reading> {
  requireContentTypes(zip);
  const text = new DocumentTextBuilder(context.limits.maxTextBytes);
  const drafts: FindingDraft[] = [];
  const documentPart = await mainPart(zip, context, 'word/document.xml');
  const relationships = await readRelationships(zip, documentPart, context);
  const { headingStyles, language: defaultLanguage } = await readHeadingStyles(zip, partsOfType(relationships, 'styles')[0], context);

  const body = await readWordXml(zip, documentPart, 'body', text, headingStyles, context);
  const others: WordPartFacts[] = [];
  const extraParts: [string, DocumentPart][] = [
    ...partsOfType(relationships, 'header').map((p): [string, DocumentPart] => [p, 'header']),
    ...partsOfType(relationships, 'footer').map((p): [string, DocumentPart] => [p, 'footer']),
    ...partsOfType(relationships, 'footnotes').map((p): [string, DocumentPart] => [p, 'footnote']),
    ...partsOfType(relationships, 'endnotes').map((p): [string, DocumentPart] => [p, 'endnote']),
  ];
  for (const [part, kind] of extraParts) {
    if (zip.has(part) && !text.full) others.push(await readWordXml(zip, part, kind, text, headingStyles, context));
  }

  // Comments: each is hidden content, placed at the paragraph its range starts in, and its words
  // are checked for personal data like the body's.
  const commentsPart = partsOfType(relationships, 'comments').find((part) => zip.has(part));
  const comments = commentsPart ? await readWordComments(zip, commentsPart, context) : [];
  for (const comment of comments) {
    const paragraph = body.commentAnchors.get(comment.id) ?? others.map((facts) => facts.commentAnchors.get(comment.id)).find((p) => p !== undefined) ?? 1;
    const location = { kind: 'paragraph' as const, paragraph, part: 'comment' as const };
    text.add(location, comment.text);
    drafts.push(commentDraft(location, comment.author));
  }

  for (const facts of [body, ...others]) drafts.push(...wordPartDrafts(facts));

  const properties = await readOoxmlProperties(zip, context);
  drafts.push(...propertyDrafts(properties));
  drafts.push(...(await findUserNamePaths(zip, context)));

  // Accessibility signals.
  if (!properties.title) drafts.push(accessibilitySignal('no-document-title'));
  const language = defaultLanguage ?? (await settingsLanguage(zip, partsOfType(relationships, 'settings')[0], context));
  if (!language) drafts.push(accessibilitySignal('no-document-language'));
  if (body.headings === 0 && body.textParagraphs >= 3) drafts.push(accessibilitySignal('no-headings'));

  const images = await checkEmbeddedImages(zip, context);
  drafts.push(...images.drafts);
  return { text: text.build(), drafts, notes: images.notes };
}

function wordPartDrafts(facts: WordPartFacts): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const change of facts.changes) drafts.push(trackedChangeDraft({ kind: 'paragraph', paragraph: change.paragraph, part: change.part }, change.type, change.author));
  for (const hidden of facts.hidden) drafts.push(hiddenTextDraft({ kind: 'paragraph', paragraph: hidden.paragraph, part: hidden.part }, hidden.words));
  for (const image of facts.imagesWithoutAlt) drafts.push(accessibilitySignal('image-without-alt-text', { kind: 'paragraph', paragraph: image.paragraph, part: image.part }));
  return drafts;
}

/** Word writes the editing language in settings.xml (w:themeFontLang) when styles do not say. */
async function settingsLanguage(zip: ZipArchive, part: string | undefined, context: ExtractContext): Promise<string | undefined> {
  if (!part || !zip.has(part)) return undefined;
  let language: string | undefined;
  await parseXml(await zip.stream(part), { open: (element) => void (element.local === 'themeFontLang' && (language = attribute(element, 'val') || language)) }, { context });
  return language;
}
