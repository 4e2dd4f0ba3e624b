import 'server-only';
import { create } from 'content-disposition';

/**
 * File names come from uploaders and are hostile until cleaned. We never use them for storage (keys are
 * server-made); we only show them and send them back in `Content-Disposition: attachment`
 * (SECURITY.md rule 4). Cleaning removes what could forge a header (CR/LF/NUL), spoof an extension
 * (right-to-left override: `evil\u202Egpj.exe` displays as `evilexe.jpg`), or name a path.
 */

const MAX_NAME_CHARS = 200;
const MAX_EXTENSION_CHARS = 16;
// C0/C1 controls and DEL, line/paragraph separators, bidi embeddings/overrides/isolates and marks,
// zero-width and other invisible format characters that can hide or reorder parts of a name.
const UNSAFE_CHARS = /[\p{Cc}\u2028\u2029\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;
// A lone surrogate (from a broken client) makes encodeURIComponent throw, so replace it up front.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A file name that is safe to display and to send back: the last path segment only, no control or
 * bidi characters, trimmed, at most 200 characters with the extension kept, never empty ('file').
 */
export function cleanFileName(name: string): string {
  const withoutUnsafe = String(name).replace(LONE_SURROGATE, '\uFFFD').normalize('NFC').replace(UNSAFE_CHARS, '');
  const segments = withoutUnsafe.split(/[/\\]/).map((segment) => segment.trim());
  // Windows drops trailing dots and spaces; '.' and '..' are path parts, not names.
  const last = (segments.filter((segment) => segment !== '').pop() ?? '').replace(/[.\s]+$/u, '');
  if (last === '') return 'file';
  const chars = Array.from(last); // code points, so a cap never splits a surrogate pair
  if (chars.length <= MAX_NAME_CHARS) return last;
  const extension = new RegExp(`\\.[^.\\s]{1,${MAX_EXTENSION_CHARS}}$`, 'u').exec(last)?.[0] ?? '';
  const extensionLength = Array.from(extension).length;
  const base = chars.slice(0, MAX_NAME_CHARS - extensionLength).join('').trimEnd();
  return base + extension;
}

/**
 * The ASCII `filename="…"` for old clients: accents dropped (café → cafe), anything else non-ASCII,
 * quotes, backslashes, slashes and `%` (some browsers percent-decode `filename`) become `_`.
 * The exact name travels in `filename*`.
 */
function asciiFallback(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\/%]/g, '_');
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 / RFC 8187) for any name. `filename*` is
 * present whenever the ASCII fallback differs from the cleaned name, so the exact name is never lost.
 */
export function attachmentDisposition(fileName: string): string {
  const name = cleanFileName(fileName);
  return create(name, { type: 'attachment', fallback: asciiFallback(name) });
}
