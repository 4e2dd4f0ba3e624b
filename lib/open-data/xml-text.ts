/**
 * Text made safe for XML 1.0, for the Atom feeds and the sitemap. Titles and summaries come from
 * people and from imported documents, so they may hold anything: markup characters are escaped, and
 * characters XML 1.0 does not allow at all (most control characters, lone surrogates, U+FFFE and
 * U+FFFF) are removed, since no escape can carry them and one would make the whole feed unreadable.
 * Safe to import anywhere.
 */

// XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
// With the u flag a lone surrogate is one code point in [\uD800-\uDFFF], so it is removed too.
const notXmlChar = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** The text without the characters XML 1.0 cannot hold. */
export function withoutInvalidXmlChars(text: string): string {
  return text.replace(notXmlChar, '');
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Text for element content or a quoted attribute value. `>` is escaped too, so `]]>` can never end
 * anything; CR is written as a character reference, or a parser would turn it into LF.
 */
export function xmlText(text: string): string {
  return withoutInvalidXmlChars(text)
    .replace(/[&<>"']/g, (c) => escapes[c]!)
    .replace(/\r/g, '&#13;');
}
