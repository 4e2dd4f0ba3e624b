import 'server-only';
import { acceptedFormatsSentence, extensionOf, formatForExtension, type FileFormat } from '@/lib/formats/file-formats';

/** How many leading bytes are read before deciding: enough for every signature, including OOXML and ODF. */
export const sniffBytes = 64 * 1024;

export type FormatCheck = { ok: true; format: FileFormat } | { ok: false; reason: string };

/**
 * Decides whether a file is acceptable from its name and its first bytes together (OWASP: allow-list by
 * extension AND content). A PDF named .pdf passes; an HTML page named .pdf, a Word file named .xlsx,
 * or anything not on the list is refused with a reason a person can act on.
 */
export async function detectFormat(fileName: string, head: Uint8Array): Promise<FormatCheck> {
  const extension = extensionOf(fileName);
  const expected = formatForExtension(extension);
  if (!expected) {
    return {
      ok: false,
      reason: extension
        ? `The selected file must be a ${acceptedFormatsSentence} (it is a .${extension} file)`
        : `The selected file must be a ${acceptedFormatsSentence}`,
    };
  }
  if (head.length === 0) return { ok: false, reason: 'The selected file is empty' };

  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(head);
  if (expected.signature === 'text') {
    const problem = textProblem(head);
    if (problem) return { ok: false, reason: problem };
    return detected ? mismatch(expected, extension) : { ok: true, format: expected };
  }
  if (detected?.ext !== expected.signature) return mismatch(expected, extension);
  return { ok: true, format: expected };
}

function mismatch(expected: FileFormat, extension: string): FormatCheck {
  return {
    ok: false,
    reason: `The selected file is named .${extension} but its contents are not a ${expected.label}. Check it opens, then save it again as a ${expected.label}`,
  };
}

/**
 * Text files are accepted in any common encoding, but not binary data, and not web pages or SVG:
 * those could run script if anyone ever opened them in a browser.
 */
function textProblem(head: Uint8Array): string | undefined {
  for (const byte of head) {
    // NUL and other control characters (except tab, line feed, form feed, carriage return, escape) mean binary.
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) {
      return 'The selected file is not a text file. Save it as plain text, Markdown or CSV';
    }
  }
  const start = Buffer.from(head.subarray(0, 1024)).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  if (/^(<!doctype\s+html|<html|<head|<body|<script|<svg|<\?xml[^>]*>\s*(<!--[\s\S]*?-->\s*)*<svg)/.test(start)) {
    return 'The selected file is a web page or SVG image, which cannot be shared here. Save it as a PDF or text instead';
  }
  return undefined;
}
