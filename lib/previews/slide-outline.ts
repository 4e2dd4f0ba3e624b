import { mainPart, numbered, readRelationships, requireContentTypes } from '@/lib/extract/ooxml-package';
import { attribute, parseXml, prefixedAttribute, skipping } from '@/lib/extract/xml-text';
import type { ZipArchive } from '@/lib/extract/zip';
import { ODF_SKIPPED, requireOpenDocument } from './open-document';
import type { OutlineSlide, PreviewContext } from './result';

/**
 * A presentation's outline: each slide's title and the rest of its text, paragraph by paragraph, with
 * pictures by their alternative text ("Picture: …"). Speaker notes are left out. Always available,
 * with or without LibreOffice, and used as the text alternative of slide pictures when they are drawn.
 */
export interface Outline {
  slideCount: number;
  slides: OutlineSlide[];
}

/** PPTX: slides in `<p:sldIdLst>` order; a shape whose placeholder is a title gives the title. */
export async function pptxOutline(zip: ZipArchive, context: PreviewContext): Promise<Outline> {
  const extract = context.extract;
  requireContentTypes(zip);
  const presentation = await mainPart(zip, extract, 'ppt/presentation.xml');
  const byId = new Map((await readRelationships(zip, presentation, extract)).map((r) => [r.id, r]));
  const parts: string[] = [];
  await parseXml(
    await zip.stream(presentation),
    {
      open(element) {
        if (element.local !== 'sldId') return;
        const id = prefixedAttribute(element, 'id');
        const part = id ? byId.get(id)?.part : undefined;
        if (part && zip.has(part)) parts.push(part);
      },
    },
    { context: extract },
  );
  if (parts.length === 0) parts.push(...numbered(zip.names(), /^ppt\/slides\/slide(\d+)\.xml$/));

  const slides: OutlineSlide[] = [];
  for (const part of parts.slice(0, context.limits.maxOutlineSlides)) {
    const slide: OutlineSlide = { number: slides.length + 1, title: '', paragraphs: [] };
    let shape: { title: boolean; paragraphs: string[] } | undefined;
    let paragraph: string | undefined;
    let inText = 0;
    await parseXml(
      await zip.stream(part),
      skipping(new Set(['Fallback', 'notes']), {
        open(element) {
          switch (element.local) {
            case 'sp':
              shape = { title: false, paragraphs: [] };
              break;
            case 'ph': {
              const type = attribute(element, 'type');
              if (shape && (type === 'title' || type === 'ctrTitle')) shape.title = true;
              break;
            }
            case 'cNvPr': {
              // A picture's description, as its alternative text.
              const description = (attribute(element, 'descr') ?? attribute(element, 'title') ?? '').trim();
              if (!shape && description) slide.paragraphs.push(`Picture: ${description}`);
              break;
            }
            case 'p':
              paragraph = '';
              break;
            case 't':
              inText++;
              break;
            case 'br':
              if (paragraph !== undefined) paragraph += ' ';
              break;
          }
        },
        close(local) {
          switch (local) {
            case 'p': {
              const text = paragraph?.replace(/\s+/g, ' ').trim();
              if (text) (shape ? shape.paragraphs : slide.paragraphs).push(text);
              paragraph = undefined;
              break;
            }
            case 't':
              if (inText > 0) inText--;
              break;
            case 'sp':
              if (shape?.title && !slide.title) slide.title = shape.paragraphs.join(' ');
              else if (shape) slide.paragraphs.push(...shape.paragraphs);
              shape = undefined;
              break;
          }
        },
        text(text) {
          if (inText > 0 && paragraph !== undefined) paragraph += text;
        },
      }),
      { context: extract },
    );
    slides.push(slide);
  }
  return { slideCount: parts.length, slides };
}

/** ODP: each `draw:page`; a frame of class "title" gives the title; speaker notes are skipped. */
export async function odpOutline(zip: ZipArchive, context: PreviewContext): Promise<Outline> {
  await requireOpenDocument(zip, context);
  const slides: OutlineSlide[] = [];
  let slideCount = 0;
  let slide: OutlineSlide | undefined;
  const frames: { title: boolean; paragraphs: string[]; image: boolean; alt: string }[] = [];
  let paragraph: string | undefined;
  let alt: 'title' | 'desc' | undefined;
  const stack: string[] = [];

  await parseXml(
    await zip.stream('content.xml'),
    skipping(ODF_SKIPPED, {
      open(element) {
        const parent = stack[stack.length - 1];
        stack.push(element.local);
        switch (element.local) {
          case 'page':
            if (parent !== 'presentation' && parent !== 'drawing') break;
            slideCount++;
            slide = slideCount <= context.limits.maxOutlineSlides ? { number: slideCount, title: '', paragraphs: [] } : undefined;
            break;
          case 'frame':
          case 'custom-shape':
            frames.push({ title: prefixedAttribute(element, 'class') === 'title', paragraphs: [], image: false, alt: '' });
            break;
          case 'image':
            if (frames.length) frames[frames.length - 1]!.image = true;
            break;
          case 'title':
          case 'desc':
            alt = element.local;
            break;
          case 'p':
          case 'h':
            paragraph = '';
            break;
          case 's':
          case 'tab':
          case 'line-break':
            if (paragraph !== undefined) paragraph += ' ';
            break;
        }
      },
      close(local) {
        stack.pop();
        const frame = frames[frames.length - 1];
        switch (local) {
          case 'p':
          case 'h': {
            const text = paragraph?.replace(/\s+/g, ' ').trim();
            if (text && slide) (frame ? frame.paragraphs : slide.paragraphs).push(text);
            paragraph = undefined;
            break;
          }
          case 'title':
          case 'desc':
            alt = undefined;
            break;
          case 'frame':
          case 'custom-shape':
            frames.pop();
            if (!frame || !slide) break;
            if (frame.title && !slide.title) slide.title = frame.paragraphs.join(' ');
            else {
              if (frame.image && frame.alt.trim()) slide.paragraphs.push(`Picture: ${frame.alt.trim()}`);
              slide.paragraphs.push(...frame.paragraphs);
            }
            break;
          case 'page':
            if (slide) slides.push(slide);
            slide = undefined;
            break;
        }
      },
      text(text) {
        const frame = frames[frames.length - 1];
        if (alt && frame) frame.alt += text;
        else if (paragraph !== undefined) paragraph += text;
      },
    }),
    { context: context.extract },
  );
  return { slideCount, slides };
}
