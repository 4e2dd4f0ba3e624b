import { ExtractionError, type ExtractContext } from '@/lib/extract/result';
import { formatBytes } from '@/lib/formats/file-formats';
import { extractionLimitsOf, type PreviewLimits } from './limits';

/** A picture made by the preview: safe to store and serve as it is (re-encoded, no metadata). */
export interface PreviewImage {
  contentType: 'image/webp' | 'image/png';
  data: Buffer;
  width: number;
  height: number;
}

/** One page (PDF) or slide (through LibreOffice) as a picture, with its text as the alternative. */
export interface PreviewPage {
  /** 1-based, as in the document. */
  number: number;
  image: PreviewImage;
  /** The page's text, for screen readers and for people who cannot see the picture ('' if none). */
  text: string;
}

export interface PreviewSheet {
  name: string;
  /** A sanitised `<table>`: the first rows and columns, cell text only. */
  html: string;
  rowsShown: number;
  /** Rows in the sheet (up to its last row with anything in it), when known. */
  rowCount: number | undefined;
  columnsShown: number;
  columnCount: number;
  /** "Showing 200 of 12,345 rows and 30 of 45 columns." or "Showing all 12 rows." */
  summary: string;
}

export interface OutlineSlide {
  number: number;
  title: string;
  /** The slide's other text, paragraph by paragraph (pictures by their alternative text). */
  paragraphs: string[];
}

interface Ready {
  status: 'ready';
  /** Plain English about what was left out ("Showing the first 10 of 250 pages."), when anything was. */
  notice?: string;
}

export type Preview =
  | (Ready & {
      kind: 'pages';
      /** 'pdf' for PDFs; 'slides' for presentations drawn through LibreOffice. */
      source: 'pdf' | 'slides';
      pageCount: number;
      pages: PreviewPage[];
      thumbnail: PreviewImage;
    })
  | (Ready & {
      kind: 'html';
      /**
       * Sanitised HTML (see sanitise-html.ts). Pictures are `<img src="preview-image:N" alt="…">`,
       * N indexing `images`; give them addresses with `withImageUrls` before serving.
       */
      html: string;
      images: PreviewImage[];
      truncated: boolean;
      thumbnail: null;
    })
  | (Ready & { kind: 'sheets'; sheetCount: number; sheets: PreviewSheet[]; thumbnail: null })
  | (Ready & { kind: 'outline'; slideCount: number; slides: OutlineSlide[]; thumbnail: null })
  | (Ready & { kind: 'image'; image: PreviewImage; thumbnail: PreviewImage });

export type PreviewFailureReason =
  | 'too_large'
  | 'zip_bomb'
  | 'too_many_entries'
  | 'too_many_pages'
  | 'too_many_pixels'
  | 'timeout'
  | 'malformed'
  | 'encrypted';

export type PreviewResult =
  | Preview
  | { status: 'unsupported'; message: string }
  | {
      status: 'failed';
      reason: PreviewFailureReason;
      /** Plain English for the person who uploaded the file: no paths, stack traces or library words. */
      message: string;
    };

/**
 * A failure raised on purpose. Only the reason travels to the result; the message people see is made
 * from the reason (see `previewFailureMessage`), never from the error's own text.
 */
export class PreviewError extends Error {
  constructor(
    public readonly reason: PreviewFailureReason,
    /** For logs only. */
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(detail, options);
    this.name = 'PreviewError';
  }
}

/** lib/extract's failures (zip, XML) keep their reason; anything else unexpected is a damaged file. */
export function toPreviewError(error: unknown): PreviewError {
  if (error instanceof PreviewError) return error;
  if (error instanceof ExtractionError) return new PreviewError(error.reason, error.message, { cause: error });
  return new PreviewError('malformed', error instanceof Error ? error.message : String(error), { cause: error });
}

export const UNSUPPORTED_MESSAGE = 'We cannot preview this format. You can still download the file.';

export function previewFailureMessage(reason: PreviewFailureReason, limits: PreviewLimits, formatLabel?: string): string {
  switch (reason) {
    case 'too_large':
      return `The file is larger than ${formatBytes(limits.maxInputBytes)}, the most we preview.`;
    case 'zip_bomb':
      return 'The file unpacks to far more data than a document of its size should, so we did not preview it.';
    case 'too_many_entries':
      return `The file is made of more than ${limits.maxZipEntries.toLocaleString('en-GB')} parts, more than we preview safely.`;
    case 'too_many_pages':
      return 'This file has more pages than we preview.';
    case 'too_many_pixels':
      return 'The picture is too large for us to preview.';
    case 'timeout': {
      const seconds = limits.timeLimitMs >= 1000 ? Math.round(limits.timeLimitMs / 1000) : limits.timeLimitMs / 1000;
      return `Making the preview took longer than ${seconds} second${seconds === 1 ? '' : 's'}, so we stopped.`;
    }
    case 'encrypted':
      return 'The file is protected with a password, so we cannot preview it.';
    case 'malformed':
      return formatLabel ? `The file is damaged, or is not a ${formatLabel} file, so we cannot preview it.` : 'The file is damaged, so we cannot preview it.';
  }
}

/** What every format's previewer is given. */
export interface PreviewContext {
  limits: PreviewLimits;
  /** Aborted when the time limit is reached: stop, kill what was started, clean up. */
  signal: AbortSignal;
  /** When the time limit is reached, in `performance.now()` time. */
  deadline: number;
  /** The same bounds as lib/extract's context, for its zip and XML readers. */
  extract: ExtractContext;
  /** LibreOffice, when the server has it (see libreoffice.ts); undefined otherwise. */
  office: OfficeConverter | undefined;
}

/** Turns a (cleaned) presentation into a PDF; see libreoffice.ts. */
export type OfficeConverter = (input: Buffer, extension: 'pptx' | 'odp', context: PreviewContext) => Promise<Buffer>;

export function makeContext(limits: PreviewLimits, signal: AbortSignal, started: number, office: OfficeConverter | undefined): PreviewContext {
  const deadline = started + limits.timeLimitMs;
  return {
    limits,
    signal,
    deadline,
    extract: { limits: extractionLimitsOf(limits), signal, deadline, lastYield: started },
    office,
  };
}

/** Milliseconds left before the time limit (never below zero). */
export function timeLeft(context: PreviewContext): number {
  return Math.max(0, context.deadline - performance.now());
}

export function throwIfTimedOut(context: PreviewContext): void {
  if (context.signal.aborted || performance.now() > context.deadline) throw new PreviewError('timeout', 'time limit reached');
}
