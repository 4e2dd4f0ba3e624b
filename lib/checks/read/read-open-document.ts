import { ExtractionError, type ExtractContext } from '@/lib/extract/result';
import { parseXml, prefixedAttribute, type XmlElement } from '@/lib/extract/xml-text';
import type { ZipArchive } from '@/lib/extract/zip';
import type { FindingDraft } from '../build-report';
import { DocumentTextBuilder } from '../document-text';
import type { Location } from '../findings';
import { accessibilitySignal } from '../guidance';
import { columnLetters } from './cell-references';
import { metadataNameDraft } from './metadata-names';
import { commentDraft, hiddenCellsDraft, hiddenSheetDraft, hiddenSlideDraft, hiddenTextDraft, speakerNotesDraft, trackedChangeDraft } from './hidden-content-drafts';
import { openDocumentDefaultLanguage, readOpenDocumentMeta } from './open-document-meta';
import { HidingStyles } from './open-document-styles';
import type { Reading } from './reading';

/**
 * OpenDocument (ODT, ODS, ODP), all in content.xml: text with paragraph numbers, sheet and cell
 * references, or slide numbers; comments (office:annotation); tracked changes (with their deleted
 * text, which is checked too); hidden text, sections, sheets, rows, columns and slides; speaker notes;
 * authors (meta.xml); and the accessibility signals (pictures' alternative text, headings in ODT,
 * slide titles in ODP, title and language).
 */

type Kind = 'odt' | 'ods' | 'odp';

interface Region {
  type: string;
  author: string;
  deletedText: string;
  paragraph?: number;
}

export async function readOpenDocument(zip: ZipArchive, kind: Kind, context: ExtractContext): Promise<Reading> {
  if (!zip.has('content.xml')) throw new ExtractionError('malformed', 'no content.xml: not an OpenDocument package');
  const text = new DocumentTextBuilder(context.limits.maxTextBytes);
  const drafts: FindingDraft[] = [];
  const styles = new HidingStyles();
  const stack: string[] = [];
  const regions = new Map<string, Region>();
  let region: Region | undefined;
  let inChangeInfoCreator = false;

  let paragraphCount = 0;
  const paragraphs: { location: Location; parts: string[]; hidden: boolean }[] = [];
  let hiddenDepth = 0;
  let headings = 0;
  let textParagraphs = 0;
  const hiddenParagraphs: number[] = [];

  let annotation: { author: string; text: string[]; location: Location; inCreator: boolean } | undefined;

  // Spreadsheets: where we are, and what is hidden.
  let sheet: { name: string; hidden: boolean; hiddenCells: number; hiddenColumns: Set<number> } | undefined;
  let row = 0;
  let column = 0;
  let rowHidden = false;
  let columnCount = 0;
  let cellRepeat = 1;

  // Presentations.
  let slide = 0;
  let inNotes = 0;
  let frame: { title: boolean; text: string; alt: boolean; image: boolean } | undefined;
  let slideHasTitle = false;
  let notesWords = 0;

  const here = (): Location => {
    if (kind === 'ods' && sheet) return { kind: 'cell', sheet: sheet.name, cell: `${columnLetters(column)}${row}`, hiddenSheet: sheet.hidden };
    if (kind === 'odp') return inNotes > 0 ? { kind: 'slide', slide, notes: true } : { kind: 'slide', slide };
    return { kind: 'paragraph', paragraph: Math.max(1, paragraphCount) };
  };

  const endSlide = () => {
    if (slide === 0) return;
    if (!slideHasTitle) drafts.push(accessibilitySignal('slide-without-title', { kind: 'slide', slide }));
    if (notesWords > 0) drafts.push(speakerNotesDraft(slide, notesWords));
  };

  const open = (element: XmlElement) => {
    const local = element.local;
    const inTrackedChanges = stack.includes('tracked-changes');
    stack.push(local);
    if (stack.includes('automatic-styles')) return styles.open(element);
    if (inTrackedChanges) {
      if (local === 'changed-region') {
        region = { type: '', author: '', deletedText: '' };
        const id = prefixedAttribute(element, 'id');
        if (id) regions.set(id, region);
      } else if (region && (local === 'insertion' || local === 'deletion' || local === 'format-change')) region.type = local;
      else if (local === 'creator') inChangeInfoCreator = true;
      return;
    }
    switch (local) {
      case 'change-start':
      case 'change': {
        const changed = regions.get(prefixedAttribute(element, 'change-id') ?? '');
        if (changed && changed.paragraph === undefined) changed.paragraph = Math.max(1, paragraphCount + (paragraphs.length === 0 ? 1 : 0));
        break;
      }
      case 'annotation':
        annotation = { author: '', text: [], location: here(), inCreator: false };
        break;
      case 'creator':
        if (annotation) annotation.inCreator = true;
        break;
      case 'p':
      case 'h': {
        if (annotation) break;
        if (kind === 'odt' && inNotes === 0 && !frame) paragraphCount++;
        if (local === 'h') headings++;
        const hidden = hiddenDepth > 0;
        paragraphs.push({ location: here(), parts: [], hidden });
        break;
      }
      case 'hidden-paragraph':
        // A field that hides the paragraph it stands in.
        if (paragraphs.length > 0) paragraphs[paragraphs.length - 1]!.hidden = true;
        break;
      case 'hidden-text':
        hiddenDepth++;
        break;
      case 'section':
        if (prefixedAttribute(element, 'display') === 'none') hiddenDepth++;
        break;
      case 'span':
        if (styles.hiddenText.has(prefixedAttribute(element, 'style-name') ?? '')) hiddenDepth++;
        break;
      case 's':
      case 'tab':
        paragraphs[paragraphs.length - 1]?.parts.push(' ');
        break;
      case 'line-break':
        paragraphs[paragraphs.length - 1]?.parts.push('\n');
        break;
      case 'table':
        if (kind === 'ods' && stack[stack.length - 2] === 'spreadsheet') {
          const name = prefixedAttribute(element, 'name') ?? '';
          sheet = { name, hidden: styles.hiddenTables.has(prefixedAttribute(element, 'style-name') ?? ''), hiddenCells: 0, hiddenColumns: new Set() };
          row = 0;
          columnCount = 0;
          if (sheet.hidden) drafts.push(hiddenSheetDraft(name));
        }
        break;
      case 'table-column': {
        const repeat = Math.min(Number(prefixedAttribute(element, 'number-columns-repeated') ?? 1) || 1, 16384);
        if (sheet && prefixedAttribute(element, 'visibility') === 'collapse') for (let i = 1; i <= repeat; i++) sheet.hiddenColumns.add(columnCount + i);
        columnCount += repeat;
        break;
      }
      case 'table-row':
        row += 1;
        column = 0;
        rowHidden = prefixedAttribute(element, 'visibility') === 'collapse' || prefixedAttribute(element, 'visibility') === 'filter';
        break;
      case 'table-cell':
      case 'covered-table-cell':
        column += 1;
        cellRepeat = Math.min(Number(prefixedAttribute(element, 'number-columns-repeated') ?? 1) || 1, 16384);
        break;
      case 'page':
        if (kind === 'odp') {
          endSlide();
          slide++;
          slideHasTitle = false;
          notesWords = 0;
          if (styles.hiddenPages.has(prefixedAttribute(element, 'style-name') ?? '')) {
            drafts.push(hiddenSlideDraft(slide));
          }
        }
        break;
      case 'notes':
        inNotes++;
        break;
      case 'frame':
        if (inNotes === 0) frame = { title: prefixedAttribute(element, 'class') === 'title', text: '', alt: false, image: false };
        break;
      case 'image':
        if (frame) frame.image = true;
        break;
      case 'title':
      case 'desc':
        if (frame) frame.alt = true;
        break;
    }
  };

  const close = (local: string) => {
    stack.pop();
    if (stack.includes('automatic-styles') || local === 'automatic-styles') return styles.close(local);
    if (stack.includes('tracked-changes') || local === 'tracked-changes') {
      if (local === 'creator') inChangeInfoCreator = false;
      if (local === 'changed-region') region = undefined;
      return;
    }
    switch (local) {
      case 'annotation':
        if (annotation) {
          const location = annotationLocation(annotation.location);
          text.add(location, annotation.text.join(''));
          drafts.push(commentDraft(location, annotation.author));
        }
        annotation = undefined;
        break;
      case 'creator':
        if (annotation) annotation.inCreator = false;
        break;
      case 'p':
      case 'h': {
        if (annotation) {
          annotation.text.push('\n');
          break;
        }
        const paragraph = paragraphs.pop();
        if (!paragraph) break;
        const words = paragraph.parts.join('');
        if (words.trim() && kind === 'odt' && inNotes === 0) textParagraphs++;
        text.add(paragraph.location, words, kind === 'ods' ? '\t' : '\n');
        if (words.trim() && (paragraph.hidden || hiddenDepth > 0) && paragraph.location.kind === 'paragraph') hiddenParagraphs.push(paragraph.location.paragraph);
        if (frame) frame.text += words;
        if (inNotes > 0) notesWords += words.trim().split(/\s+/).filter(Boolean).length;
        if (sheet && words.trim() && (rowHidden || sheet.hiddenColumns.has(column))) sheet.hiddenCells++;
        break;
      }
      case 'table-cell':
      case 'covered-table-cell':
        column += cellRepeat - 1;
        cellRepeat = 1;
        break;
      case 'table':
        if (sheet && stack[stack.length - 1] === 'spreadsheet') {
          if (sheet.hiddenCells > 0) drafts.push(hiddenCellsDraft(sheet.name, sheet.hiddenCells));
          sheet = undefined;
        }
        break;
      case 'notes':
        inNotes--;
        break;
      case 'frame':
        if (frame) {
          if (frame.title && frame.text.trim()) slideHasTitle = true;
          if (frame.image && !frame.alt) drafts.push(accessibilitySignal('image-without-alt-text', here()));
        }
        frame = undefined;
        break;
    }
  };

  // The elements that opened a hiding level (a hidden section, span or text), innermost last, so
  // that each close ends only the level its own open began.
  const hidingOpened: number[] = [];
  const trackHiding = (before: number) => {
    if (hiddenDepth > before) hidingOpened.push(stack.length);
  };

  await parseXml(
    await zip.stream('content.xml'),
    {
      open(element) {
        const before = hiddenDepth;
        open(element);
        trackHiding(before);
      },
      close(local) {
        if (hidingOpened[hidingOpened.length - 1] === stack.length) {
          hidingOpened.pop();
          hiddenDepth--;
        }
        close(local);
      },
      text(value) {
        if (inChangeInfoCreator && region) region.author += value;
        else if (region && region.type === 'deletion' && stack.includes('p')) region.deletedText += value;
        else if (annotation?.inCreator) annotation.author += value;
        else if (annotation) annotation.text.push(value);
        else paragraphs[paragraphs.length - 1]?.parts.push(value);
      },
    },
    { context, shouldStop: () => text.full },
  );
  if (kind === 'odp') endSlide();

  for (const changed of regions.values()) {
    const location: Location = { kind: 'paragraph', paragraph: changed.paragraph ?? 1 };
    text.add(location, changed.deletedText);
    const type = changed.type === 'deletion' ? 'deletion' : changed.type === 'insertion' ? 'insertion' : 'formatting change';
    drafts.push(trackedChangeDraft(location, type, changed.author));
  }
  for (const paragraph of new Set(hiddenParagraphs)) {
    drafts.push(hiddenTextDraft({ kind: 'paragraph', paragraph }));
  }

  const meta = await readOpenDocumentMeta(zip, context);
  drafts.push(...[metadataNameDraft('author', meta.initialCreator, 'its author'), metadataNameDraft('last-modified-by', meta.creator, 'the last person to save it')].filter((d): d is FindingDraft => d !== undefined));
  if (!meta.title) drafts.push(accessibilitySignal('no-document-title'));
  if (!meta.language && !(await openDocumentDefaultLanguage(zip, context))) drafts.push(accessibilitySignal('no-document-language'));
  if (kind === 'odt' && headings === 0 && textParagraphs >= 3) drafts.push(accessibilitySignal('no-headings'));
  return { text: text.build(), drafts, notes: [] };
}

function annotationLocation(location: Location): Location {
  if (location.kind === 'paragraph') return { ...location, part: 'comment' };
  if (location.kind === 'cell') return { ...location, comment: true };
  if (location.kind === 'slide') return { kind: 'slide', slide: location.slide, comment: true };
  return location;
}
