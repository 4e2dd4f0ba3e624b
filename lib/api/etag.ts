import 'server-only';
import { createHash } from 'node:crypto';

/** A strong ETag for a response body: the same bytes, the same tag. */
export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/**
 * Does `If-None-Match` name this tag (RFC 9110 13.1.2: weak comparison, a list, or `*`)? A
 * malformed header matches nothing, so the full answer is sent.
 */
export function ifNoneMatchMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}
