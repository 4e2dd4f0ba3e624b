import { formatByCode } from '@/lib/formats/file-formats';
import { extractDoc, isCfb, isEncryptedOfficePackage } from './legacy-office';
import { resolveLimits, type ExtractionLimits } from './limits';
import { extractDocx } from './docx';
import { extractPptx } from './pptx';
import { extractXlsx } from './xlsx';
import { extractOpenDocument } from './open-document';
import { extractPdf } from './pdf';
import { extractPlainText } from './plain-text';
import { ExtractionError, failureMessage, type ExtractContext, type Extracted, type ExtractionResult, type FailureReason } from './result';
import { extractRtf } from './rtf';
import { hasWords } from './text-sink';
import { ZipArchive } from './zip';

export type { ExtractionLimits } from './limits';
export { defaultExtractionLimits } from './limits';
export type { ExtractionResult, FailureReason } from './result';

/**
 * Text from one uploaded document, for search, within fixed bounds (see limits.ts and README.md).
 *
 * Every problem with the document itself is a result: `unsupported` (a format we do not read),
 * `no_text` (read, but nothing to index: a scan, an empty file), or `failed` with a reason and a
 * message fit to show the uploader. The promise rejects only when `body` itself cannot be read (the
 * storage stream errors): that is worth retrying, the rest is not.
 */
export interface ExtractionInput {
  /** A format code from lib/formats/file-formats.ts: 'pdf', 'docx', … */
  format: string;
  /** The file: its bytes, or a function that opens a stream of them (called at most once). */
  body: Buffer | (() => NodeJS.ReadableStream);
  /** The stored size; a file declared larger than the limit is refused before a byte is read. */
  sizeBytes: number;
}

export interface ExtractionOptions {
  /** Told about every failure, with the underlying error (for logs; never show it to people). */
  onFailure?: (failure: { reason: FailureReason; error: unknown }) => void;
}

/** Formats with no text to read (PNG and JPEG would need OCR) or no safe reader (see README.md). */
const UNSUPPORTED = new Set(['png', 'jpeg', 'xls', 'ppt']);

export async function extractText(
  input: ExtractionInput,
  limits?: Partial<ExtractionLimits>,
  options: ExtractionOptions = {},
): Promise<ExtractionResult> {
  const resolved = resolveLimits(limits);
  const format = normaliseFormat(input.format);
  const label = formatByCode(format)?.label;
  const fail = (error: unknown): ExtractionResult => {
    const reason: FailureReason = error instanceof ExtractionError ? error.reason : 'malformed';
    options.onFailure?.({ reason, error });
    return { status: 'failed', reason, message: failureMessage(reason, resolved, label) };
  };

  if (!label || UNSUPPORTED.has(format)) return { status: 'unsupported' };
  if (input.sizeBytes > resolved.maxInputBytes) return fail(new ExtractionError('too_large', `declared size ${input.sizeBytes}`));

  // The document's work races a timer. Whichever ends first decides the result; the signal then
  // tells the other to stop (the work checks it between pages, chunks and entries).
  const controller = new AbortController();
  const started = performance.now();
  const context: ExtractContext = { limits: resolved, signal: controller.signal, deadline: started + resolved.timeLimitMs, lastYield: started };
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ error: new ExtractionError('timeout', `over ${resolved.timeLimitMs} ms`) }), resolved.timeLimitMs);
  });
  const work = (async (): Promise<Outcome> => {
    try {
      const data = await readBody(input.body, resolved.maxInputBytes, controller.signal);
      return { extracted: await extractFormat(format, data, context) };
    } catch (error) {
      if (error instanceof ExtractionError || !isBodyError(error)) return { error };
      // The body could not be read: not the document's fault, so not a result (see above).
      throw error;
    }
  })();

  let outcome: Outcome;
  try {
    outcome = await Promise.race([work, timedOut]);
  } finally {
    clearTimeout(timer);
    controller.abort();
    // The loser's own outcome is of no interest any more; keep it from surfacing as unhandled.
    work.catch(() => undefined);
  }
  if ('extracted' in outcome) return toResult(outcome.extracted);
  return fail(outcome.error);
}

type Outcome = { extracted: Extracted } | { error: unknown };

/** Errors thrown by readBody that come from the storage stream rather than from the document. */
const bodyErrors = new WeakSet<object>();

function isBodyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && bodyErrors.has(error);
}

async function extractFormat(format: string, data: Buffer, context: ExtractContext): Promise<Extracted> {
  switch (format) {
    case 'pdf':
      return extractPdf(data, context);
    case 'docx':
    case 'xlsx':
    case 'pptx':
    case 'odt':
    case 'ods':
    case 'odp':
      return withZip(format, data, context);
    case 'doc':
      return extractDoc(data, context);
    case 'rtf':
      return extractRtf(data, context);
    case 'txt':
    case 'md':
    case 'csv':
      return extractPlainText(data, format, context);
    default:
      throw new ExtractionError('malformed', `no extractor for ${format}`);
  }
}

async function withZip(format: 'docx' | 'xlsx' | 'pptx' | 'odt' | 'ods' | 'odp', data: Buffer, context: ExtractContext): Promise<Extracted> {
  // A password-protected DOCX/XLSX/PPTX is not a zip at all but a CFB file with an EncryptedPackage.
  if (isCfb(data)) {
    if (isEncryptedOfficePackage(data)) throw new ExtractionError('encrypted', 'encrypted Office package');
    throw new ExtractionError('malformed', 'a Compound File Binary file where a zip was expected');
  }
  const zip = await ZipArchive.open(data, context.limits, context.signal);
  try {
    switch (format) {
      case 'docx':
        return await extractDocx(zip, context);
      case 'pptx':
        return await extractPptx(zip, context);
      case 'xlsx':
        return await extractXlsx(zip, context);
      default:
        return await extractOpenDocument(zip, format, context);
    }
  } finally {
    zip.close();
  }
}

function toResult(extracted: Extracted): ExtractionResult {
  if (!hasWords(extracted.text)) return { status: 'no_text' };
  const result: ExtractionResult = { status: 'done', text: extracted.text, truncated: extracted.truncated };
  if (extracted.pageCount !== undefined) result.pageCount = extracted.pageCount;
  if (extracted.slideCount !== undefined) result.slideCount = extracted.slideCount;
  if (extracted.sheetCount !== undefined) result.sheetCount = extracted.sheetCount;
  return result;
}

function normaliseFormat(format: string): string {
  const code = format.trim().toLowerCase().replace(/^\./, '');
  if (code === 'jpg') return 'jpeg';
  if (code === 'markdown') return 'md';
  return code;
}

/**
 * The whole body in memory, never more than `maxBytes`: a stream that goes past it is destroyed and
 * the file is too_large. Errors of the stream itself are rethrown as they are (see extractText).
 */
async function readBody(body: ExtractionInput['body'], maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  if (Buffer.isBuffer(body)) {
    if (body.length > maxBytes) throw new ExtractionError('too_large', `body of ${body.length} bytes`);
    return body;
  }
  const stream = body();
  const parts: Buffer[] = [];
  let total = 0;
  const destroy = () => (stream as NodeJS.ReadableStream & { destroy?: (error?: Error) => void }).destroy?.();
  signal.addEventListener('abort', destroy, { once: true });
  try {
    for await (const chunk of stream) {
      if (signal.aborted) throw new ExtractionError('timeout', 'time limit reached while reading');
      const buffer = Buffer.isBuffer(chunk) ? chunk : typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
      total += buffer.length;
      if (total > maxBytes) throw new ExtractionError('too_large', `stream past ${maxBytes} bytes`);
      parts.push(buffer);
    }
  } catch (error) {
    destroy();
    if (error instanceof ExtractionError) throw error;
    if (signal.aborted) throw new ExtractionError('timeout', 'time limit reached while reading', { cause: error });
    if (typeof error === 'object' && error !== null) bodyErrors.add(error);
    throw error;
  } finally {
    signal.removeEventListener('abort', destroy);
  }
  return Buffer.concat(parts, total);
}
