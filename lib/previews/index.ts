import { isCfb, isEncryptedOfficePackage } from '@/lib/extract/legacy-office';
import { ZipArchive } from '@/lib/extract/zip';
import { formatByCode } from '@/lib/formats/file-formats';
import { previewCsv } from './csv';
import { previewDocx } from './docx';
import { isJpeg, isPng, reencodeImage, thumbnailOf } from './image';
import { findLibreOffice, libreOfficeConverter, type LibreOfficeInstall } from './libreoffice';
import { resolvePreviewLimits, type PreviewLimits } from './limits';
import { previewOds } from './ods';
import { previewOdt } from './odt';
import { renderPdf } from './pdf';
import { previewPresentation } from './presentation';
import { makeContext, previewFailureMessage, PreviewError, toPreviewError, UNSUPPORTED_MESSAGE, type OfficeConverter, type Preview, type PreviewContext, type PreviewFailureReason, type PreviewResult } from './result';
import { previewMarkdown, previewPlainText } from './text-documents';
import { previewXlsx } from './xlsx';

export type { PreviewLimits } from './limits';
export { defaultPreviewLimits } from './limits';
export type { OutlineSlide, Preview, PreviewFailureReason, PreviewImage, PreviewPage, PreviewResult, PreviewSheet } from './result';
export { withHeadingsInOrder, withImageUrls } from './sanitise-html';
export { findLibreOffice, type LibreOfficeInstall } from './libreoffice';

/**
 * A preview of one uploaded file, made on the server within fixed bounds (limits.ts, README.md):
 * page pictures (PDF; presentations where LibreOffice is installed), sanitised HTML (DOCX, ODT,
 * Markdown, text), tables (XLSX, ODS, CSV), a slide outline (PPTX, ODP without LibreOffice) or a
 * re-encoded picture (PNG, JPEG), with a thumbnail where there is a visual.
 *
 * Every problem with the file itself is a result: `unsupported` or `failed` with a reason and a
 * message fit to show the uploader. The promise rejects only when `body` cannot be read (the storage
 * stream errors): that is worth retrying, the rest is not. Nothing in a document is ever fetched.
 */
export interface PreviewInput {
  /** A format code from lib/formats/file-formats.ts: 'pdf', 'docx', … */
  format: string;
  /** The file: its bytes, or a function that opens a stream of them (called at most once). */
  body: Buffer | (() => NodeJS.ReadableStream);
  /** The stored size; a file declared larger than the limit is refused before a byte is read. */
  sizeBytes: number;
}

export interface PreviewOptions {
  /**
   * LibreOffice for drawing presentations: an install (see `findLibreOffice`), or false to never use
   * it. By default Debian's paths are used when soffice, bwrap and prlimit are all there.
   */
  libreOffice?: LibreOfficeInstall | false;
  /** Told about every failure, with the underlying error (for logs; never show it to people). */
  onFailure?: (failure: { reason: PreviewFailureReason; error: unknown }) => void;
}

const PREVIEWED = new Set(['pdf', 'docx', 'odt', 'md', 'txt', 'csv', 'xlsx', 'ods', 'pptx', 'odp', 'png', 'jpeg']);

export async function renderPreview(input: PreviewInput, limits?: Partial<PreviewLimits>, options: PreviewOptions = {}): Promise<PreviewResult> {
  const resolved = resolvePreviewLimits(limits);
  const format = normaliseFormat(input.format);
  const label = formatByCode(format)?.label;
  const fail = (error: unknown): PreviewResult => {
    const failure = toPreviewError(error);
    options.onFailure?.({ reason: failure.reason, error });
    return { status: 'failed', reason: failure.reason, message: previewFailureMessage(failure.reason, resolved, label) };
  };

  if (!label || !PREVIEWED.has(format)) return { status: 'unsupported', message: UNSUPPORTED_MESSAGE };
  if (input.sizeBytes > resolved.maxInputBytes) return fail(new PreviewError('too_large', `declared size ${input.sizeBytes}`));

  // The work races a timer; whichever ends first decides. The signal then tells the work to stop:
  // worker threads are terminated, LibreOffice is killed, loops stop at their next check.
  const controller = new AbortController();
  const started = performance.now();
  const context = makeContext(resolved, controller.signal, started, officeConverter(options));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ error: new PreviewError('timeout', `over ${resolved.timeLimitMs} ms`) }), resolved.timeLimitMs);
  });
  const work = (async (): Promise<Outcome> => {
    let data: Buffer;
    try {
      data = await readBody(input.body, resolved.maxInputBytes, controller.signal);
    } catch (error) {
      if (error instanceof PreviewError) return { error };
      throw error;
    }
    try {
      return { preview: await previewFormat(format, data, context) };
    } catch (error) {
      return { error };
    }
  })();

  let outcome: Outcome;
  try {
    outcome = await Promise.race([work, timedOut]);
  } finally {
    clearTimeout(timer);
    controller.abort();
    work.catch(() => undefined);
  }
  return 'preview' in outcome ? outcome.preview : fail(outcome.error);
}

type Outcome = { preview: Preview } | { error: unknown };

let discovered: OfficeConverter | undefined | null = null;

function officeConverter(options: PreviewOptions): OfficeConverter | undefined {
  if (options.libreOffice === false) return undefined;
  if (options.libreOffice) return findLibreOffice(options.libreOffice) ? libreOfficeConverter(options.libreOffice) : undefined;
  if (discovered === null) {
    const install = findLibreOffice();
    discovered = install ? libreOfficeConverter(install) : undefined;
  }
  return discovered;
}

async function previewFormat(format: string, data: Buffer, context: PreviewContext): Promise<Preview> {
  switch (format) {
    case 'pdf':
      return previewPdf(data, context);
    case 'png':
    case 'jpeg': {
      if (format === 'png' ? !isPng(data) : !isJpeg(data)) throw new PreviewError('malformed', `not a ${format} file`);
      const image = await reencodeImage(data, context.limits.imageWidthPx, context);
      return { status: 'ready', kind: 'image', image, thumbnail: await thumbnailOf(image, context) };
    }
    case 'md':
      return previewMarkdown(data, context);
    case 'txt':
      return previewPlainText(data, context);
    case 'csv':
      return previewCsv(data, context);
    default:
      return withZip(format as ZipFormat, data, context);
  }
}

async function previewPdf(data: Buffer, context: PreviewContext): Promise<Preview> {
  const rendered = await renderPdf(data, context);
  const notices: string[] = [];
  if (rendered.pageCount > rendered.pages.length) {
    notices.push(`Showing the first ${rendered.pages.length} of ${rendered.pageCount.toLocaleString('en-GB')} pages.`);
  }
  if (rendered.failedPages > 0) notices.push(`${rendered.failedPages} of the first pages could not be drawn.`);
  return {
    status: 'ready',
    kind: 'pages',
    source: 'pdf',
    pageCount: rendered.pageCount,
    pages: rendered.pages,
    thumbnail: await thumbnailOf(rendered.pages[0]!.image, context),
    ...(notices.length ? { notice: notices.join(' ') } : {}),
  };
}

type ZipFormat = 'docx' | 'odt' | 'xlsx' | 'ods' | 'pptx' | 'odp';

async function withZip(format: ZipFormat, data: Buffer, context: PreviewContext): Promise<Preview> {
  // A password-protected DOCX/XLSX/PPTX is not a zip at all but a CFB file with an EncryptedPackage.
  if (isCfb(data)) {
    if (isEncryptedOfficePackage(data)) throw new PreviewError('encrypted', 'encrypted Office package');
    throw new PreviewError('malformed', 'a Compound File Binary file where a zip was expected');
  }
  const isSheet = format === 'xlsx' || format === 'ods';
  const limits = context.extract.limits;
  const zipLimits = isSheet
    ? { ...limits, maxEntryInflatedBytes: Math.max(limits.maxEntryInflatedBytes, context.limits.maxSheetInflatedBytes), maxTotalInflatedBytes: Math.max(limits.maxTotalInflatedBytes, context.limits.maxSheetInflatedBytes) }
    : limits;
  const zip = await ZipArchive.open(data, zipLimits, context.signal);
  try {
    switch (format) {
      case 'docx':
        return await previewDocx(zip, context);
      case 'odt':
        return await previewOdt(zip, context);
      case 'xlsx':
        return await previewXlsx(zip, context);
      case 'ods':
        return await previewOds(zip, context);
      case 'pptx':
      case 'odp':
        return await previewPresentation(zip, format, context);
    }
  } finally {
    zip.close();
  }
}

function normaliseFormat(format: string): string {
  const code = format.trim().toLowerCase().replace(/^\./, '');
  if (code === 'jpg') return 'jpeg';
  if (code === 'markdown') return 'md';
  return code;
}

/**
 * The whole body in memory, never more than `maxBytes`: a stream that goes past it is destroyed and
 * the file is too_large. Errors of the stream itself are rethrown as they are (see renderPreview).
 */
async function readBody(body: PreviewInput['body'], maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  if (Buffer.isBuffer(body)) {
    if (body.length > maxBytes) throw new PreviewError('too_large', `body of ${body.length} bytes`);
    return body;
  }
  const stream = body();
  const parts: Buffer[] = [];
  let total = 0;
  const destroy = () => (stream as NodeJS.ReadableStream & { destroy?: (error?: Error) => void }).destroy?.();
  signal.addEventListener('abort', destroy, { once: true });
  try {
    for await (const chunk of stream) {
      if (signal.aborted) throw new PreviewError('timeout', 'time limit reached while reading');
      const buffer = Buffer.isBuffer(chunk) ? chunk : typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
      total += buffer.length;
      if (total > maxBytes) throw new PreviewError('too_large', `stream past ${maxBytes} bytes`);
      parts.push(buffer);
    }
  } catch (error) {
    destroy();
    if (error instanceof PreviewError) throw error;
    if (signal.aborted) throw new PreviewError('timeout', 'time limit reached while reading', { cause: error });
    throw error;
  } finally {
    signal.removeEventListener('abort', destroy);
  }
  return Buffer.concat(parts, total);
}
