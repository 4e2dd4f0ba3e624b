import { mainPart, numbered, partsOfType, readRelationships, requireContentTypes } from '@/lib/extract/ooxml-package';
import type { ExtractContext } from '@/lib/extract/result';
import { parseXml, prefixedAttribute } from '@/lib/extract/xml-text';
import type { ZipArchive } from '@/lib/extract/zip';
import type { FindingDraft } from '../build-report';
import { DocumentTextBuilder } from '../document-text';
import { accessibilitySignal } from '../guidance';
import { checkEmbeddedImages } from './embedded-images';
import { commentDraft, hiddenSlideDraft, speakerNotesDraft } from './hidden-content-drafts';
import { propertyDrafts, readOoxmlProperties } from './ooxml-properties';
import type { Reading } from './reading';
import { readCommentAuthors, readSlideComments } from './slide-comments';
import { readSlideXml } from './slide-xml';
import { findUserNamePaths } from './user-name-paths';

/**
 * PowerPoint presentations (PPTX): each slide's text, in the order of the deck, with slide numbers;
 * speaker notes (reported, and their words checked, as "slide N, speaker notes"); hidden slides;
 * comments; document properties; user names in file paths; location data in pictures; and the
 * accessibility signals (slide titles, pictures' alternative text, title and language).
 */

/** Placeholders on a notes page that are not the speaker's words: the slide picture, numbers, dates. */
const NOTES_FURNITURE = new Set(['sldImg', 'sldNum', 'dt', 'hdr', 'ftr']);

export async function readPptx(zip: ZipArchive, context: ExtractContext): Promise<Reading> {
  requireContentTypes(zip);
  const text = new DocumentTextBuilder(context.limits.maxTextBytes);
  const drafts: FindingDraft[] = [];
  const presentationPart = await mainPart(zip, context, 'ppt/presentation.xml');
  const relationships = await readRelationships(zip, presentationPart, context);
  const byId = new Map(relationships.map((r) => [r.id, r]));

  const slides: string[] = [];
  let hasLanguage = false;
  await parseXml(
    await zip.stream(presentationPart),
    {
      open(element) {
        if (element.local === 'sldId') {
          const part = byId.get(prefixedAttribute(element, 'id') ?? '')?.part;
          if (part && zip.has(part)) slides.push(part);
        } else if (element.local === 'defRPr' && element.attributes.lang) hasLanguage = true;
      },
    },
    { context },
  );
  if (slides.length === 0) slides.push(...numbered(zip.names(), /^ppt\/slides\/slide(\d+)\.xml$/));

  const authors = await readCommentAuthors(zip, [...partsOfType(relationships, 'commentAuthors'), ...partsOfType(relationships, 'authors')], context);

  for (const [index, slidePart] of slides.entries()) {
    if (text.full) break;
    const slide = index + 1;
    const facts = await readSlideXml(zip, slidePart, context);
    hasLanguage ||= facts.hasLanguage;
    for (const paragraph of facts.paragraphs) text.add({ kind: 'slide', slide }, paragraph);
    if (facts.hidden) drafts.push(hiddenSlideDraft(slide));
    if (!facts.hasTitle) drafts.push(accessibilitySignal('slide-without-title', { kind: 'slide', slide }));
    for (let i = 0; i < facts.picturesWithoutAlt; i++) drafts.push(accessibilitySignal('image-without-alt-text', { kind: 'slide', slide }));

    const slideRelationships = await readRelationships(zip, slidePart, context);
    for (const notesPart of partsOfType(slideRelationships, 'notesSlide').filter((part) => zip.has(part))) {
      const notes = await readSlideXml(zip, notesPart, context, { skipPlaceholders: NOTES_FURNITURE });
      const words = notes.paragraphs.join(' ').trim().split(/\s+/).filter(Boolean).length;
      if (words === 0) continue;
      const location = { kind: 'slide' as const, slide, notes: true };
      for (const paragraph of notes.paragraphs) text.add(location, paragraph);
      drafts.push(speakerNotesDraft(slide, words));
    }
    for (const commentsPart of partsOfType(slideRelationships, 'comments').filter((part) => zip.has(part))) {
      for (const comment of await readSlideComments(zip, commentsPart, authors, context)) {
        const location = { kind: 'slide' as const, slide, comment: true };
        text.add(location, comment.text);
        drafts.push(commentDraft(location, comment.author));
      }
    }
  }

  const properties = await readOoxmlProperties(zip, context);
  drafts.push(...propertyDrafts(properties));
  drafts.push(...(await findUserNamePaths(zip, context)));
  if (!properties.title) drafts.push(accessibilitySignal('no-document-title'));
  if (!hasLanguage) drafts.push(accessibilitySignal('no-document-language'));
  const images = await checkEmbeddedImages(zip, context);
  drafts.push(...images.drafts);
  return { text: text.build(), drafts, notes: images.notes };
}
