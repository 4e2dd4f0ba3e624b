import type { ExtractionLimits } from '@/lib/extract/limits';
import { resolveLimits } from '@/lib/extract/limits';
import { ExtractionError, type FailureReason } from '@/lib/extract/result';
import { formatByCode } from '@/lib/formats/file-formats';
import { withinLimits } from '../check-context';
import { checkFailureMessage } from '../failure-messages';
import { normaliseFormat } from '../format-codes';
import { JpegFormatError } from '../images/jpeg-segments';
import { PngFormatError } from '../images/png-chunks';
import { cleanDocx } from './clean-docx';
import { cleanPptx } from './clean-pptx';
import { cleanXlsx } from './clean-xlsx';
import { OfficePackage } from './office-package';
import { plural } from './plural';
import { stripJpegMetadata, stripPngMetadata } from './strip-image-metadata';

export interface CleanOptions {
  /** PowerPoint: remove speaker notes too. Off by default: notes are sometimes the point of a deck. */
  removeSpeakerNotes?: boolean;
}

export type CleanResult =
  | {
      status: 'cleaned';
      /** The new file. The original is untouched. */
      bytes: Buffer;
      /** What was taken out, in plain English ("2 comments", "the author’s name"); empty if nothing was found. */
      removed: string[];
    }
  | { status: 'not-cleaned'; message: string }
  | { status: 'failed'; reason: FailureReason; message: string };

/**
 * Makes a copy of a file without the hidden things that most often give people away:
 * - DOCX: author and last-modified-by, comments and their anchors, tracked changes (accepted), user
 *   names in file paths;
 * - XLSX, PPTX: author and last-modified-by, comments and their authors, user names in file paths;
 *   PPTX speaker notes when `removeSpeakerNotes` is set;
 * - JPEG, PNG: EXIF (GPS included), XMP, IPTC, text chunks and comments, losslessly.
 * Other formats are `not-cleaned`, said plainly. Within the same limits as checking; never throws for
 * anything wrong with the file. Check the result with checkDocument before offering it.
 */
export async function cleanDocument(format: string, bytes: Buffer, options: CleanOptions = {}, limits?: Partial<ExtractionLimits>): Promise<CleanResult> {
  const code = normaliseFormat(format);
  const label = formatByCode(code)?.label;
  if (!['docx', 'xlsx', 'pptx', 'jpeg', 'png'].includes(code)) {
    return { status: 'not-cleaned', message: `${label ?? 'Files of this type'} ${label ? 'files are' : 'are'} not cleaned automatically. Remove any hidden details in the application that made the file.` };
  }
  const resolved = resolveLimits(limits);
  if (bytes.length > resolved.maxInputBytes) return failed('too_large', resolved, label);
  try {
    return await withinLimits(limits, async (context) => {
      if (code === 'jpeg' || code === 'png') {
        const stripped = code === 'jpeg' ? stripJpegMetadata(bytes) : stripPngMetadata(bytes);
        return { status: 'cleaned' as const, bytes: stripped.bytes, removed: stripped.removed ? [`${plural(stripped.removed, 'block')} of hidden picture details (such as location, camera and author)`] : [] };
      }
      const pkg = await OfficePackage.open(bytes, context);
      const removed = code === 'docx' ? await cleanDocx(pkg) : code === 'xlsx' ? await cleanXlsx(pkg) : await cleanPptx(pkg, { removeSpeakerNotes: options.removeSpeakerNotes === true });
      return { status: 'cleaned' as const, bytes: await pkg.toBuffer(), removed };
    });
  } catch (error) {
    if (error instanceof ExtractionError) return failed(error.reason, resolved, label);
    if (error instanceof JpegFormatError || error instanceof PngFormatError) return failed('malformed', resolved, label);
    throw error;
  }
}

function failed(reason: FailureReason, limits: ExtractionLimits, label: string | undefined): CleanResult {
  return { status: 'failed', reason, message: checkFailureMessage(reason, limits, label, 'clean') };
}
