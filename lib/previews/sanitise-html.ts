import sanitizeHtml from 'sanitize-html';

/**
 * Every HTML preview passes through here last, whatever made it (mammoth, markdown-it, our own ODT
 * and table writers), with `sanitize-html` and an allow-list: text structure only. No scripts, event
 * handlers, styles, classes, ids, forms, frames, objects or links (a link's words stay, its address
 * goes), and no address of any kind: the only picture source allowed is `preview-image:N`, a picture
 * this preview made itself (see `withImageUrls`). Anything else that was a picture is shown as its
 * alternative text. The output is safe in a page with no Content Security Policy at all.
 */

export const IMAGE_SCHEME = 'preview-image';

const ALLOWED_TAGS = [
  'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  'strong', 'em', 'b', 'i', 'u', 's', 'sub', 'sup', 'span', 'img', 'figure', 'figcaption',
];

/** Elements whose content is dropped along with them (the rest lose the tag but keep their text). */
const DROPPED_WITH_CONTENT = ['script', 'style', 'noscript', 'template', 'title', 'head', 'svg', 'math', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'textarea', 'select', 'option', 'button', 'form', 'xml', 'audio', 'video', 'canvas', 'map'];

export interface SanitiseOptions {
  /** How many pictures the preview holds: `preview-image:N` with N below this is kept. */
  imageCount: number;
  /** The level a document's first-level heading becomes (2–6): the page around the preview has its own. */
  firstHeadingLevel?: number;
  /** Most bytes of HTML taken in; longer input is cut at an element boundary first. */
  maxBytes: number;
}

export interface Sanitised {
  html: string;
  truncated: boolean;
}

export function sanitiseHtml(input: string, options: SanitiseOptions): Sanitised {
  let html = input;
  let truncated = false;
  if (Buffer.byteLength(html) > options.maxBytes) {
    // Cut before the tag nearest the limit: the sanitiser's parser then closes what is still open.
    const cut = Buffer.from(html).subarray(0, options.maxBytes).toString('utf8');
    const lastTag = cut.lastIndexOf('<');
    html = lastTag > 0 ? cut.slice(0, lastTag) : cut;
    truncated = true;
  }
  const first = Math.min(6, Math.max(2, options.firstHeadingLevel ?? 3));
  const heading = (level: number) => () => ({ tagName: `h${Math.min(6, first + level - 1)}`, attribs: {} });
  const clean = sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { img: ['src', 'alt'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan', 'scope'], ol: ['start'] },
    allowedSchemes: [],
    allowedSchemesByTag: { img: [IMAGE_SCHEME] },
    allowedSchemesAppliedToAttributes: ['src', 'href', 'cite', 'srcset'],
    allowProtocolRelative: false,
    allowedStyles: {},
    allowVulnerableTags: false,
    disallowedTagsMode: 'discard',
    nonTextTags: DROPPED_WITH_CONTENT,
    enforceHtmlBoundary: true,
    parseStyleAttributes: false,
    // Paragraphs and headings with nothing in them (Word and LibreOffice write many, for spacing).
    exclusiveFilter: (frame) => /^(p|h[1-6])$/.test(frame.tag) && frame.text.trim() === '' && !frame.mediaChildren.length,
    transformTags: {
      h1: heading(1),
      h2: heading(2),
      h3: heading(3),
      h4: heading(4),
      h5: heading(5),
      h6: heading(6),
      img: (_tagName, attribs) => image(attribs, options.imageCount),
      td: cell('td'),
      th: cell('th'),
      ol: (_tagName, attribs): sanitizeHtml.Tag => ({ tagName: 'ol', attribs: /^\d{1,6}$/.test(attribs.start ?? '') ? { start: attribs.start! } : ({} as sanitizeHtml.Attributes) }),
    },
  });
  return { html: withoutEmptyHeaderCells(clean), truncated };
}

/**
 * A header cell with no words in it (a blank top-left corner, a Markdown table whose header row is
 * empty) becomes a plain cell: a screen reader would have nothing to announce for it (axe's
 * empty-table-header). Expects the sanitiser's output, whose header cells carry only spans and scope.
 */
function withoutEmptyHeaderCells(html: string): string {
  return html.replace(/<th((?: (?:colspan|rowspan)="\d+")*)(?: scope="(?:col|row)")?>(?:\s|&nbsp;|&#160;|<br \/>)*<\/th>/g, '<td$1></td>');
}

/**
 * Our own pictures keep their reference; any other picture (a remote address, a data: URL, a file
 * path) becomes its alternative text, so the reader still learns it was there.
 */
function image(attribs: sanitizeHtml.Attributes, imageCount: number): sanitizeHtml.Tag {
  const match = new RegExp(`^${IMAGE_SCHEME}:(\\d{1,6})$`).exec(attribs.src ?? '');
  const alt = (attribs.alt ?? '').replace(/\s+/g, ' ').trim().slice(0, 1000);
  if (match && Number(match[1]) < imageCount) return { tagName: 'img', attribs: { src: attribs.src!, alt } };
  return { tagName: 'span', attribs: {}, text: alt ? `[Picture: ${alt}]` : '[Picture]' };
}

function cell(tagName: 'td' | 'th') {
  return (_name: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag => {
    const kept: sanitizeHtml.Attributes = {};
    for (const span of ['colspan', 'rowspan'] as const) {
      const value = Number(attribs[span]);
      if (Number.isInteger(value) && value > 1) kept[span] = String(Math.min(value, 100));
    }
    if (tagName === 'th' && (attribs.scope === 'col' || attribs.scope === 'row')) kept.scope = attribs.scope;
    return { tagName, attribs: kept };
  };
}

/**
 * The preview's HTML with each `preview-image:N` replaced by the address the hub serves picture N at.
 * Addresses must be paths on the hub itself ("/…", not "//…"): a preview never points elsewhere.
 */
export function withImageUrls(html: string, urlFor: (index: number) => string): string {
  return html.replace(new RegExp(`src="${IMAGE_SCHEME}:(\\d{1,6})"`, 'g'), (_match, index: string) => {
    const url = urlFor(Number(index));
    if (!/^\/(?![/\\])[^\s"'<>]*$/.test(url)) throw new Error('withImageUrls: picture addresses must be paths on this site, such as /previews/…');
    return `src="${escapeAttribute(url)}"`;
  });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const escapeAttribute = escapeHtml;

/**
 * The preview's HTML with its headings renumbered so that none skips a level: the first becomes
 * `firstLevel`, and each after it goes at most one level deeper than the heading it sits under.
 * Documents often start at "Heading 2" or jump from "Heading 1" to "Heading 3"; on the hub's page
 * that would skip levels (WCAG 1.3.1, axe's heading-order) under the page's own h1 and h2. Relative
 * nesting is kept: a heading is placed under the nearest earlier heading of a higher level.
 * Expects sanitised HTML (headings carry no attributes there).
 */
export function withHeadingsInOrder(html: string, firstLevel: number): string {
  const first = Math.min(6, Math.max(1, firstLevel));
  const open: { source: number; level: number }[] = [];
  return html.replace(/<h([1-6])>([\s\S]*?)<\/h\1>/g, (_match, source: string, inner: string) => {
    const sourceLevel = Number(source);
    while (open.length && open[open.length - 1]!.source >= sourceLevel) open.pop();
    const level = open.length ? Math.min(6, open[open.length - 1]!.level + 1) : first;
    open.push({ source: sourceLevel, level });
    return `<h${level}>${inner}</h${level}>`;
  });
}
