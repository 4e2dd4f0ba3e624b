import type { ExtractContext } from '@/lib/extract/result';
import { SKIPPED } from '@/lib/extract/ooxml-package';
import { attribute, parseXml, skipping, type XmlElement } from '@/lib/extract/xml-text';
import type { ZipArchive } from '@/lib/extract/zip';
import type { DocumentTextBuilder } from '../document-text';
import type { DocumentPart } from '../findings';

/**
 * One pass over a WordprocessingML part (the body, a header, footnotes…) collecting what the checks
 * need: each paragraph's text (visible, deleted and hidden text each as its own piece, all placed at
 * that paragraph, so personal data in them is found too), tracked changes with their authors, runs
 * of hidden text, comment anchors, pictures and their alternative text, and whether any paragraph
 * is a heading.
 */

export interface TrackedChange {
  type: 'insertion' | 'deletion' | 'move' | 'formatting change';
  author: string;
  paragraph: number;
  part: DocumentPart;
}

export interface WordPartFacts {
  changes: TrackedChange[];
  /** Paragraphs with hidden text, and how many hidden words each has. */
  hidden: { paragraph: number; part: DocumentPart; words: number }[];
  /** Comment id → the paragraph its range starts in. */
  commentAnchors: Map<string, number>;
  /** Paragraphs holding a picture with no alternative text that is not marked decorative. */
  imagesWithoutAlt: { paragraph: number; part: DocumentPart }[];
  headings: number;
  /** Paragraphs with any visible text. */
  textParagraphs: number;
}

interface ParagraphState {
  number: number;
  visible: string[];
  deleted: string[];
  hidden: string[];
}

/** Containers of changed content: their text is deleted (del, moveFrom) or inserted (ins, moveTo). */
const CHANGE_TYPES: Record<string, TrackedChange['type']> = { ins: 'insertion', del: 'deletion', moveFrom: 'move', moveTo: 'move' };
const FORMAT_CHANGES = new Set(['rPrChange', 'pPrChange', 'sectPrChange', 'tblPrChange', 'trPrChange', 'tcPrChange', 'tblGridChange', 'numberingChange']);

export async function readWordXml(
  zip: ZipArchive,
  partName: string,
  part: DocumentPart,
  text: DocumentTextBuilder,
  headingStyles: ReadonlySet<string>,
  context: ExtractContext,
): Promise<WordPartFacts> {
  const facts: WordPartFacts = { changes: [], hidden: [], commentAnchors: new Map(), imagesWithoutAlt: [], headings: 0, textParagraphs: 0 };
  const stack: string[] = [];
  const paragraphs: ParagraphState[] = [];
  let paragraphCount = 0;
  let deletedDepth = 0;
  let formatChangeDepth = 0;
  let runHidden = false;
  let inText: 'visible' | 'deleted' | undefined;
  let picture: { alt: boolean; decorative: boolean } | undefined;
  const seenChanges = new Set<string>();

  const current = () => paragraphs[paragraphs.length - 1];
  const currentNumber = () => current()?.number ?? Math.max(1, paragraphCount);
  const parent = () => stack[stack.length - 1];

  const open = (element: XmlElement) => {
    const local = element.local;
    if (formatChangeDepth > 0) {
      formatChangeDepth++;
      stack.push(local);
      return;
    }
    switch (local) {
      case 'p':
        paragraphs.push({ number: ++paragraphCount, visible: [], deleted: [], hidden: [] });
        break;
      case 'r':
        runHidden = false;
        break;
      case 'vanish':
      case 'specVanish':
        // Hidden text is a run's property; under a paragraph's own properties it hides only the mark.
        if (parent() === 'rPr' && stack[stack.length - 2] === 'r' && attribute(element, 'val') !== '0' && attribute(element, 'val') !== 'false') runHidden = true;
        break;
      case 't':
        inText = 'visible';
        break;
      case 'delText':
        inText = 'deleted';
        break;
      case 'tab':
        if (parent() === 'r') current()?.visible.push(' ');
        break;
      case 'br':
      case 'cr':
        current()?.visible.push('\n');
        break;
      case 'pStyle':
        if (stack.includes('pPr') && headingStyles.has(attribute(element, 'val') ?? '')) facts.headings++;
        break;
      case 'outlineLvl': {
        const level = Number(attribute(element, 'val'));
        if (parent() === 'pPr' && level >= 0 && level < 9) facts.headings++;
        break;
      }
      case 'commentRangeStart':
      case 'commentReference': {
        const id = attribute(element, 'id');
        if (id !== undefined && !facts.commentAnchors.has(id)) facts.commentAnchors.set(id, currentNumber());
        break;
      }
      case 'docPr':
        picture = { alt: Boolean(attribute(element, 'descr')?.trim() || attribute(element, 'title')?.trim()), decorative: false };
        break;
      case 'decorative':
        if (picture && attribute(element, 'val') !== '0') picture.decorative = true;
        break;
      default: {
        const type = CHANGE_TYPES[local];
        if (type) {
          recordChange(type, element);
          // A del inside run or paragraph properties marks a deleted paragraph mark: no content.
          if ((local === 'del' || local === 'moveFrom') && parent() !== 'rPr' && parent() !== 'trPr' && parent() !== 'tcPr') deletedDepth++;
        } else if (FORMAT_CHANGES.has(local)) {
          recordChange('formatting change', element);
          formatChangeDepth = 1;
        }
      }
    }
    stack.push(local);
  };

  const recordChange = (type: TrackedChange['type'], element: XmlElement) => {
    const author = attribute(element, 'author') ?? '';
    const paragraph = currentNumber();
    // One record per paragraph, kind of change and author: a long revision is one item, not hundreds.
    const key = `${paragraph}|${type}|${author}`;
    if (seenChanges.has(key)) return;
    seenChanges.add(key);
    facts.changes.push({ type, author, paragraph, part });
  };

  const close = (local: string) => {
    stack.pop();
    if (formatChangeDepth > 0) {
      formatChangeDepth--;
      return;
    }
    switch (local) {
      case 'p': {
        const paragraph = paragraphs.pop();
        if (paragraph) flush(paragraph);
        break;
      }
      case 't':
      case 'delText':
        inText = undefined;
        break;
      case 'del':
      case 'moveFrom':
        if (parent() !== 'rPr' && parent() !== 'trPr' && parent() !== 'tcPr' && deletedDepth > 0) deletedDepth--;
        break;
      case 'docPr':
        if (picture && !picture.alt && !picture.decorative) facts.imagesWithoutAlt.push({ paragraph: currentNumber(), part });
        picture = undefined;
        break;
    }
  };

  const onText = (value: string) => {
    if (!inText || formatChangeDepth > 0) return;
    const paragraph = current();
    if (!paragraph) return;
    if (inText === 'deleted' || deletedDepth > 0) paragraph.deleted.push(value);
    else if (runHidden) paragraph.hidden.push(value);
    else paragraph.visible.push(value);
  };

  const flush = (paragraph: ParagraphState) => {
    const location = { kind: 'paragraph' as const, paragraph: paragraph.number, part };
    const visible = paragraph.visible.join('');
    if (visible.trim()) facts.textParagraphs++;
    text.add(location, visible);
    text.add(location, paragraph.deleted.join(''));
    const hidden = paragraph.hidden.join('');
    if (hidden.trim()) {
      text.add(location, hidden);
      facts.hidden.push({ paragraph: paragraph.number, part, words: hidden.trim().split(/\s+/).length });
    }
  };

  await parseXml(await zip.stream(partName), skipping(SKIPPED, { open, close, text: onText }), { context, shouldStop: () => text.full });
  return facts;
}

/**
 * Style ids that make a paragraph a heading: built-in "heading 1"–"heading 9" and "Title" (Word
 * stores built-in style names in English whatever the interface language), and any paragraph style
 * with an outline level.
 */
export async function readHeadingStyles(zip: ZipArchive, stylesPart: string | undefined, context: ExtractContext): Promise<{ headingStyles: Set<string>; language: string | undefined }> {
  const headingStyles = new Set<string>();
  let language: string | undefined;
  if (!stylesPart || !zip.has(stylesPart)) return { headingStyles, language };
  let styleId: string | undefined;
  const stack: string[] = [];
  await parseXml(
    await zip.stream(stylesPart),
    {
      open(element) {
        stack.push(element.local);
        if (element.local === 'style') styleId = attribute(element, 'type') === 'paragraph' ? attribute(element, 'styleId') : undefined;
        else if (element.local === 'name' && styleId && /^(heading [1-9]|title)$/i.test(attribute(element, 'val') ?? '')) headingStyles.add(styleId);
        else if (element.local === 'outlineLvl' && styleId && Number(attribute(element, 'val')) < 9) headingStyles.add(styleId);
        else if (element.local === 'lang' && stack.includes('docDefaults')) language = attribute(element, 'val') || language;
      },
      close(local) {
        stack.pop();
        if (local === 'style') styleId = undefined;
      },
    },
    { context },
  );
  return { headingStyles, language };
}
