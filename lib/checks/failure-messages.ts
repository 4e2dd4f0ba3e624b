import type { ExtractionLimits } from '@/lib/extract/limits';
import type { FailureReason } from '@/lib/extract/result';
import { formatBytes } from '@/lib/formats/file-formats';

/**
 * Why a file could not be checked (or cleaned), in plain English for the uploader: no paths, library
 * names or error text (those go only to the caller's `onFailure`, for logs).
 */
export function checkFailureMessage(reason: FailureReason, limits: ExtractionLimits, formatLabel?: string, action: 'check' | 'clean' = 'check'): string {
  const ing = action === 'check' ? 'checking' : 'cleaning';
  switch (reason) {
    case 'too_large':
      return `The file is larger than ${formatBytes(limits.maxInputBytes)}, the most we ${action}.`;
    case 'zip_bomb':
      return `The file unpacks to far more data than a document of its size should, so we stopped ${ing} it.`;
    case 'too_many_entries':
      return `The file is made of more than ${limits.maxZipEntries.toLocaleString('en-GB')} parts, more than we ${action} safely.`;
    case 'timeout': {
      const seconds = limits.timeLimitMs >= 1000 ? Math.round(limits.timeLimitMs / 1000) : limits.timeLimitMs / 1000;
      return `${ing[0]!.toUpperCase()}${ing.slice(1)} the file took longer than ${seconds} second${seconds === 1 ? '' : 's'}, so we stopped.`;
    }
    case 'encrypted':
      return `The file is protected with a password, so we could not ${action} it.`;
    case 'malformed':
      return formatLabel ? `The file looks damaged, or is not ${withArticle(formatLabel)} file, so we could not ${action} it.` : `The file looks damaged, so we could not ${action} it.`;
  }
}

/** "a Word document", "an Excel workbook", "an OpenDocument text file". */
export function withArticle(label: string): string {
  return `${/^[AEIOU]/i.test(label) ? 'an' : 'a'} ${label}`;
}
