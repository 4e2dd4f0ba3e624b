import { defaultExtractionLimits, type ExtractionLimits } from '@/lib/extract/limits';

/**
 * The bounds every preview is made within (SECURITY.md rule 5). A hostile or broken file reaches one
 * of these and either previews in part (the first pages, rows or sheets, said so in `notice`) or fails
 * with a plain reason; it never makes the process read, inflate, decode or draw more than they allow.
 */
export interface PreviewLimits {
  /** Largest input file read at all, in bytes. */
  maxInputBytes: number;
  /** Zip containers (DOCX, XLSX, PPTX, ODT, ODS, ODP): as lib/extract's limits. */
  maxZipEntries: number;
  maxTotalInflatedBytes: number;
  maxEntryInflatedBytes: number;
  maxCompressionRatio: number;
  ratioCheckAboveBytes: number;
  /**
   * Spreadsheets (XLSX, ODS) are read as streams and keep only the rows shown, so one of their parts
   * may inflate to this much (a million-row sheet is about 90 MB of XML) instead of the entry limit.
   */
  maxSheetInflatedBytes: number;
  /** Longest time one preview may take, LibreOffice included, in milliseconds. */
  timeLimitMs: number;

  /** Pages (PDF) or slides (PPTX, ODP through LibreOffice) drawn as images. */
  maxPages: number;
  /** Documents claiming more pages than this are refused ("more pages than we preview"). */
  maxDocumentPages: number;
  /** Widest page image, in pixels. */
  pageWidthPx: number;
  /** Most pixels in one page image (a very tall page is drawn narrower). */
  maxPagePixels: number;
  /** Most pixels in all page images of one preview together; later pages are left out. */
  maxTotalPagePixels: number;
  /** Largest picture inside a PDF that pdf.js decodes, in pixels; larger ones are not drawn. */
  maxEmbeddedImagePixels: number;
  /** Largest picture decoded at all (PNG/JPEG uploads, pictures in documents), in pixels. */
  maxImagePixels: number;
  /** Widest re-encoded picture (PNG/JPEG uploads), in pixels. */
  imageWidthPx: number;
  /** Slides listed in a presentation's outline (when it is not drawn). */
  maxOutlineSlides: number;
  /** Thumbnail width, in pixels. */
  thumbnailWidthPx: number;
  /** Characters of page text kept as one page image's text alternative. */
  maxPageTextChars: number;

  /** HTML previews (DOCX, ODT, Markdown, text): most HTML kept, in bytes; the rest is cut at an element. */
  maxHtmlBytes: number;
  /** Pictures kept in one HTML preview; later ones are shown by their alternative text. */
  maxImages: number;
  /** Largest picture (compressed) kept in one HTML preview, in bytes. */
  maxImageBytes: number;

  /** Spreadsheets (XLSX, ODS, CSV): sheets, rows and columns shown. */
  maxSheets: number;
  maxRows: number;
  maxColumns: number;
  /** Characters kept of one cell. */
  maxCellChars: number;

  /** Heap of each worker thread (pdf.js, mammoth), in MB: a file that needs more fails. */
  workerHeapMb: number;
  /** Address space of the LibreOffice process, in MB. */
  officeMemoryMb: number;
}

const MB = 1024 * 1024;

export const defaultPreviewLimits: Readonly<PreviewLimits> = Object.freeze({
  maxInputBytes: defaultExtractionLimits.maxInputBytes,
  maxZipEntries: defaultExtractionLimits.maxZipEntries,
  maxTotalInflatedBytes: defaultExtractionLimits.maxTotalInflatedBytes,
  maxEntryInflatedBytes: defaultExtractionLimits.maxEntryInflatedBytes,
  maxCompressionRatio: defaultExtractionLimits.maxCompressionRatio,
  ratioCheckAboveBytes: defaultExtractionLimits.ratioCheckAboveBytes,
  maxSheetInflatedBytes: 300 * MB,
  timeLimitMs: 90_000,

  maxPages: 10,
  maxDocumentPages: 100_000,
  pageWidthPx: 1000,
  maxPagePixels: 4_000_000,
  maxTotalPagePixels: 20_000_000,
  maxEmbeddedImagePixels: 50_000_000,
  maxImagePixels: 50_000_000,
  imageWidthPx: 1600,
  maxOutlineSlides: 200,
  thumbnailWidthPx: 320,
  maxPageTextChars: 20_000,

  maxHtmlBytes: 2 * MB,
  maxImages: 30,
  maxImageBytes: 10 * MB,

  maxSheets: 5,
  maxRows: 200,
  maxColumns: 30,
  maxCellChars: 1_000,

  workerHeapMb: 512,
  officeMemoryMb: 3_072,
});

/** The defaults with the caller's overrides; an override that is not a positive number is ignored. */
export function resolvePreviewLimits(overrides?: Partial<PreviewLimits>): PreviewLimits {
  const limits: PreviewLimits = { ...defaultPreviewLimits };
  if (!overrides) return limits;
  for (const key of Object.keys(defaultPreviewLimits) as (keyof PreviewLimits)[]) {
    const value = overrides[key];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) limits[key] = value;
  }
  return limits;
}

/** The part of the limits lib/extract's zip and XML readers take. */
export function extractionLimitsOf(limits: PreviewLimits): ExtractionLimits {
  return {
    maxInputBytes: limits.maxInputBytes,
    maxZipEntries: limits.maxZipEntries,
    maxTotalInflatedBytes: limits.maxTotalInflatedBytes,
    maxEntryInflatedBytes: limits.maxEntryInflatedBytes,
    maxCompressionRatio: limits.maxCompressionRatio,
    ratioCheckAboveBytes: limits.ratioCheckAboveBytes,
    maxTextBytes: limits.maxHtmlBytes,
    timeLimitMs: limits.timeLimitMs,
  };
}
