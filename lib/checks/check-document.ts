import { isCfb, isEncryptedOfficePackage } from '@/lib/extract/legacy-office';
import { resolveLimits, type ExtractionLimits } from '@/lib/extract/limits';
import { ExtractionError, type ExtractContext, type FailureReason } from '@/lib/extract/result';
import { ZipArchive } from '@/lib/extract/zip';
import { formatByCode } from '@/lib/formats/file-formats';
import { buildReport } from './build-report';
import { withinLimits } from './check-context';
import { detectPersonalData } from './detect/detect-personal-data';
import { checkFailureMessage } from './failure-messages';
import { normaliseFormat } from './format-codes';
import { readDocx } from './read/read-docx';
import { readImage } from './read/read-image';
import { readOpenDocument } from './read/read-open-document';
import { readPdf } from './read/read-pdf';
import { readPlainText } from './read/read-plain-text';
import { readPptx } from './read/read-pptx';
import type { Reading } from './read/reading';
import { readRtf } from './read/read-rtf';
import { readXlsx } from './read/read-xlsx';
import type { CheckReport } from './report';

export interface CheckInput {
  /** A format code from lib/formats ('pdf', 'docx', …); 'jpg' and 'markdown' are accepted too. */
  format: string;
  bytes: Buffer;
  /** Shown in locations for CSV files ("sheet ‘people.csv’"); never read from disk. */
  fileName?: string;
}

export interface CheckOptions {
  /** Told about every failure with the underlying error, for logs. Never show it to people. */
  onFailure?: (failure: { reason: FailureReason; error: unknown }) => void;
}

/** The formats this library checks. Anything else is reported as not checked. */
export const CHECKED_FORMATS = ['pdf', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp', 'txt', 'md', 'csv', 'rtf', 'png', 'jpeg'] as const;

/**
 * Checks one file for personal data, hidden content and accessibility signals, within the same
 * bounds as text extraction (lib/extract/limits.ts: size, zip entries, inflation, text length,
 * time). Nothing is logged and nothing leaves the process; the report carries masked excerpts only.
 *
 * Never throws for anything wrong with the file: a format not checked is `not-checked`, a file that
 * cannot be read within the limits is `failed` with a plain reason.
 */
export async function checkDocument(input: CheckInput, limits?: Partial<ExtractionLimits>, options: CheckOptions = {}): Promise<CheckReport> {
  const format = normaliseFormat(input.format);
  const resolved = resolveLimits(limits);
  const label = formatByCode(format)?.label;
  if (!(CHECKED_FORMATS as readonly string[]).includes(format)) {
    return {
      status: 'not-checked',
      format,
      message: label
        ? `${label} files are not checked for personal data or hidden content. Please check the file yourself before you publish it${legacyAdvice(format)}.`
        : 'Files of this type are not checked. Please check the file yourself before you publish it.',
    };
  }
  if (input.bytes.length > resolved.maxInputBytes) return fail(format, new ExtractionError('too_large', `${input.bytes.length} bytes`), resolved, label, options);

  try {
    return await withinLimits(limits, async (context) => {
      const reading = await readFormat(format, input, context);
      const notes = [...reading.notes];
      if (reading.text.truncated) notes.push('The document is very long: only the first part of its text was checked for personal data.');
      return buildReport(format, [...(await detectPersonalData(reading.text, context)), ...reading.drafts], notes);
    });
  } catch (error) {
    return fail(format, error, resolved, label, options);
  }
}

async function readFormat(format: string, input: CheckInput, context: ExtractContext): Promise<Reading> {
  const data = input.bytes;
  switch (format) {
    case 'pdf':
      return readPdf(data, context);
    case 'docx':
    case 'xlsx':
    case 'pptx':
    case 'odt':
    case 'ods':
    case 'odp':
      return withZip(format, data, context);
    case 'txt':
    case 'md':
    case 'csv':
      return readPlainText(data, format, context, input.fileName);
    case 'rtf':
      return readRtf(data, context);
    case 'png':
    case 'jpeg':
      return readImage(data);
    default:
      throw new ExtractionError('malformed', `no reader for ${format}`);
  }
}

async function withZip(format: 'docx' | 'xlsx' | 'pptx' | 'odt' | 'ods' | 'odp', data: Buffer, context: ExtractContext): Promise<Reading> {
  // A password-protected DOCX/XLSX/PPTX is a Compound File Binary file holding an EncryptedPackage.
  if (isCfb(data)) throw new ExtractionError(isEncryptedOfficePackage(data) ? 'encrypted' : 'malformed', 'a Compound File Binary file where a zip was expected');
  const zip = await ZipArchive.open(data, context.limits, context.signal);
  try {
    switch (format) {
      case 'docx':
        return await readDocx(zip, context);
      case 'xlsx':
        return await readXlsx(zip, context);
      case 'pptx':
        return await readPptx(zip, context);
      default:
        return await readOpenDocument(zip, format, context);
    }
  } finally {
    zip.close();
  }
}

function fail(format: string, error: unknown, limits: ExtractionLimits, label: string | undefined, options: CheckOptions): CheckReport {
  const reason: FailureReason = error instanceof ExtractionError ? error.reason : 'malformed';
  options.onFailure?.({ reason, error });
  return { status: 'failed', format, reason, message: checkFailureMessage(reason, limits, label) };
}

function legacyAdvice(format: string): string {
  if (format === 'doc') return ', or save it as a Word document (DOCX) and share that, which we can check';
  if (format === 'xls') return ', or save it as an Excel workbook (XLSX) and share that, which we can check';
  if (format === 'ppt') return ', or save it as a PowerPoint presentation (PPTX) and share that, which we can check';
  return '';
}
