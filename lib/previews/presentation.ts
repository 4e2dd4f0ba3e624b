import type { ZipArchive } from '@/lib/extract/zip';
import { cleanOdfCopy, cleanOoxmlCopy } from './clean-copy';
import { thumbnailOf } from './image';
import { renderPdf } from './pdf';
import { PreviewError, timeLeft, type OutlineSlide, type Preview, type PreviewContext } from './result';
import { odpOutline, pptxOutline, type Outline } from './slide-outline';

/**
 * Presentations (PPTX, ODP). The outline (each slide's title and text) is always read first: it
 * checks the file and is the text alternative of each slide picture. Where the server has LibreOffice
 * (`context.office`), a cleaned copy of the file is drawn to PDF in its sandbox and the first
 * `maxPages` pages become the slide pictures; if that fails, the outline is the preview, saying so.
 * LibreOffice's own time limit leaves a quarter of the time left (at least a second) for drawing its
 * PDF, or for cleaning up and giving the outline when it fails.
 */
const OFFICE_SHARE_OF_TIME = 0.75;
const RESERVED_MS = 1_000;

export async function previewPresentation(zip: ZipArchive, kind: 'pptx' | 'odp', context: PreviewContext): Promise<Preview> {
  const outline = kind === 'pptx' ? await pptxOutline(zip, context) : await odpOutline(zip, context);
  if (!context.office || outline.slideCount === 0) return outlinePreview(outline);

  let pdf: Buffer;
  try {
    const copy = kind === 'pptx' ? await cleanOoxmlCopy(zip, context) : await cleanOdfCopy(zip, context);
    const left = timeLeft(context);
    const officeDeadline = performance.now() + Math.max(0, Math.min(left * OFFICE_SHARE_OF_TIME, left - RESERVED_MS));
    pdf = await context.office(copy, kind, { ...context, deadline: officeDeadline });
  } catch (error) {
    if (error instanceof PreviewError && (error.reason === 'encrypted' || context.signal.aborted)) throw error;
    return outlinePreview(outline, 'We could not draw the slides, so this preview shows their text.');
  }
  const rendered = await renderPdf(pdf, context);
  const pages = rendered.pages.map((page) => {
    const slide = outline.slides[page.number - 1];
    return { ...page, text: slide ? slideText(slide) : page.text };
  });
  const slideCount = Math.max(outline.slideCount, rendered.pageCount);
  return {
    status: 'ready',
    kind: 'pages',
    source: 'slides',
    pageCount: slideCount,
    pages,
    thumbnail: await thumbnailOf(pages[0]!.image, context),
    ...(slideCount > pages.length ? { notice: `Showing the first ${pages.length} of ${slideCount.toLocaleString('en-GB')} slides.` } : {}),
  };
}

function outlinePreview(outline: Outline, notice?: string): Preview {
  const notices = [notice, outline.slideCount > outline.slides.length ? `Showing the first ${outline.slides.length} of ${outline.slideCount.toLocaleString('en-GB')} slides.` : undefined].filter(Boolean);
  return {
    status: 'ready',
    kind: 'outline',
    slideCount: outline.slideCount,
    slides: outline.slides,
    thumbnail: null,
    ...(notices.length ? { notice: notices.join(' ') } : {}),
  };
}

/** A slide's text alternative: its title, then its other text. */
function slideText(slide: OutlineSlide): string {
  return [slide.title, ...slide.paragraphs].filter(Boolean).join('\n');
}
