import { isCfb, isEncryptedOfficePackage, readCfbDirectory } from '@/lib/extract/legacy-office';
import { resolveLimits, type ExtractionLimits } from '@/lib/extract/limits';
import { ExtractionError, type ExtractContext } from '@/lib/extract/result';
import { extractRtf } from '@/lib/extract/rtf';
import { ZipArchive } from '@/lib/extract/zip';
import { formatByCode } from '@/lib/formats/file-formats';
import { withinLimits } from '../check-context';
import { checkFailureMessage } from '../failure-messages';
import { normaliseFormat } from '../format-codes';
import { readPdfFacts } from '../read/pdf-facts';
import { rejected, verified, withArticle, type FormatVerification } from './verification';
import { verifyImage } from './verify-image';
import { verifyOoxml } from './verify-ooxml';
import { verifyOpenDocument } from './verify-open-document';
import { verifyText } from './verify-text';

export type { FormatVerification } from './verification';

/**
 * Confirms that the whole body of an upload is the format it claims, not only its first bytes: an
 * HTML page behind `%PDF-1.7`, a zip named .docx with no Word document inside, or a picture cut short
 * are refused with a plain reason. Bounded like extraction (same limits, PDF in a worker thread).
 *
 * - PDF: pdf.js opens it (in a worker) and it has at least one page whose content parses.
 * - DOCX, XLSX, PPTX: the package's content types and relationships name a main part of that
 *   application, whose root element is right.
 * - ODT, ODS, ODP: `mimetype` says so, and content.xml has a body of that kind, read to its end.
 * - PNG, JPEG: decoded in full with sharp.
 * - TXT, MD, CSV: no binary data; TXT and CSV are not HTML.
 * - RTF: read to its end by lib/extract's RTF reader.
 * - DOC, XLS, PPT: a Compound File Binary container holding that application's stream.
 */
export async function verifyFormat(format: string, bytes: Buffer, limits?: Partial<ExtractionLimits>): Promise<FormatVerification> {
  const code = normaliseFormat(format);
  const label = formatByCode(code)?.label;
  if (!label) return rejected('Files of this type are not accepted.');
  if (bytes.length === 0) return rejected('The file is empty.');
  try {
    return await withinLimits(limits, (context) => verifyBody(code, bytes, context));
  } catch (error) {
    if (error instanceof ExtractionError) {
      if (error.reason === 'malformed') return rejected(`It is not ${withArticle(label)} file, or it is damaged.`);
      return rejected(checkFailureMessage(error.reason, resolveLimits(limits), label));
    }
    return rejected(`It is not ${withArticle(label)} file, or it is damaged.`);
  }
}

async function verifyBody(format: string, data: Buffer, context: ExtractContext): Promise<FormatVerification> {
  switch (format) {
    case 'pdf':
      await readPdfFacts(data, context, { mode: 'verify' });
      return verified();
    case 'docx':
    case 'xlsx':
    case 'pptx':
    case 'odt':
    case 'ods':
    case 'odp':
      return verifyPackage(format, data, context);
    case 'png':
    case 'jpeg':
      return verifyImage(format, data);
    case 'txt':
    case 'md':
    case 'csv':
      return verifyText(format, data);
    case 'rtf':
      await extractRtf(data, context);
      return verified();
    case 'doc':
    case 'xls':
    case 'ppt':
      return verifyLegacyOffice(format, data);
    default:
      return rejected('Files of this type are not accepted.');
  }
}

async function verifyPackage(format: 'docx' | 'xlsx' | 'pptx' | 'odt' | 'ods' | 'odp', data: Buffer, context: ExtractContext): Promise<FormatVerification> {
  if (isCfb(data)) {
    // A password-protected Office file: the format is right, its content cannot be looked into.
    return isEncryptedOfficePackage(data) && ['docx', 'xlsx', 'pptx'].includes(format) ? verified('signature') : rejected(`It is an older Office file, not ${withArticle(formatByCode(format)?.label ?? format)}.`);
  }
  const zip = await ZipArchive.open(data, context.limits, context.signal);
  try {
    if (format === 'docx' || format === 'xlsx' || format === 'pptx') return await verifyOoxml(zip, format, context);
    return await verifyOpenDocument(zip, format, context);
  } finally {
    zip.close();
  }
}

/** The stream each legacy Office application keeps its content in. */
const LEGACY_STREAMS: Record<string, string[]> = { doc: ['WordDocument'], xls: ['Workbook', 'Book'], ppt: ['PowerPoint Document'] };

function verifyLegacyOffice(format: 'doc' | 'xls' | 'ppt', data: Buffer): FormatVerification {
  if (!isCfb(data)) return rejected(`It is not ${withArticle(formatByCode(format)?.label ?? format)}.`);
  const names = readCfbDirectory(data).names;
  return LEGACY_STREAMS[format]!.some((name) => names.has(name)) ? verified('signature') : rejected(`It is an Office file, but not ${withArticle(formatByCode(format)?.label ?? format)}.`);
}
