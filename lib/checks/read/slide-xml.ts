import type { ExtractContext } from '@/lib/extract/result';
import { SKIPPED } from '@/lib/extract/ooxml-package';
import { attribute, parseXml, skipping } from '@/lib/extract/xml-text';
import type { ZipArchive } from '@/lib/extract/zip';

/**
 * One pass over a PresentationML slide or notes slide: its paragraphs of text (DrawingML `a:p`),
 * whether the slide is hidden (`show="0"`), whether it has a title placeholder with text, how many
 * pictures lack alternative text, and whether any run says its language.
 */
export interface SlideFacts {
  paragraphs: string[];
  hidden: boolean;
  hasTitle: boolean;
  picturesWithoutAlt: number;
  hasLanguage: boolean;
}

export async function readSlideXml(zip: ZipArchive, part: string, context: ExtractContext, options: { skipPlaceholders?: ReadonlySet<string> } = {}): Promise<SlideFacts> {
  const facts: SlideFacts = { paragraphs: [], hidden: false, hasTitle: false, picturesWithoutAlt: 0, hasLanguage: false };
  let paragraph: string[] | undefined;
  let inText = false;
  // The shape being read: whether it is the title placeholder, or one whose text is skipped.
  let shape: { title: boolean; skip: boolean; text: string } | undefined;
  let picture: { alt: boolean; decorative: boolean } | undefined;
  let inPicture = false;
  await parseXml(
    await zip.stream(part),
    skipping(SKIPPED, {
      open(element) {
        switch (element.local) {
          case 'sld':
            facts.hidden = attribute(element, 'show') === '0' || attribute(element, 'show') === 'false';
            break;
          case 'sp':
            shape = { title: false, skip: false, text: '' };
            break;
          case 'ph': {
            const type = attribute(element, 'type') ?? '';
            if (shape && (type === 'title' || type === 'ctrTitle')) shape.title = true;
            if (shape && options.skipPlaceholders?.has(type)) shape.skip = true;
            break;
          }
          case 'pic':
            inPicture = true;
            break;
          case 'cNvPr':
            if (inPicture) picture = { alt: Boolean(attribute(element, 'descr')?.trim() || attribute(element, 'title')?.trim()), decorative: false };
            break;
          case 'decorative':
            if (picture && attribute(element, 'val') !== '0') picture.decorative = true;
            break;
          case 'p':
            paragraph = [];
            break;
          case 't':
            inText = true;
            break;
          case 'br':
            paragraph?.push('\n');
            break;
          case 'rPr':
          case 'defRPr':
          case 'endParaRPr':
            if (attribute(element, 'lang')) facts.hasLanguage = true;
            break;
        }
      },
      close(local) {
        switch (local) {
          case 't':
            inText = false;
            break;
          case 'p':
            if (paragraph && !shape?.skip) facts.paragraphs.push(paragraph.join(''));
            if (paragraph && shape) shape.text += paragraph.join('');
            paragraph = undefined;
            break;
          case 'sp':
            if (shape?.title && shape.text.trim()) facts.hasTitle = true;
            shape = undefined;
            break;
          case 'cNvPr':
            if (picture && !picture.alt && !picture.decorative) facts.picturesWithoutAlt++;
            picture = undefined;
            break;
          case 'pic':
            inPicture = false;
            break;
        }
      },
      text(value) {
        if (inText && paragraph) paragraph.push(value);
      },
    }),
    { context },
  );
  return facts;
}
