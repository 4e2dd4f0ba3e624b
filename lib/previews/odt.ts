import { parseXml, prefixedAttribute, skipping } from '@/lib/extract/xml-text';
import { resolvePartName, type ZipArchive } from '@/lib/extract/zip';
import { DocumentImages } from './document-images';
import { ODF_SKIPPED, requireOpenDocument } from './open-document';
import { escapeHtml } from './sanitise-html';
import { htmlPreview } from './text-documents';
import type { Preview, PreviewContext } from './result';

/**
 * OpenDocument text (ODT) as HTML, from content.xml through lib/extract's bounded zip and streaming
 * XML readers: headings (by outline level), paragraphs, lists, tables (with spans), line breaks and
 * pictures stored in the package with their title or description as alternative text. Links keep
 * their words only; pictures linked from outside the package are never fetched (their alternative
 * text shows). Comments, tracked deletions, footnotes, forms, scripts and embedded objects are left
 * out; character styles (bold, italic) are not read.
 */

const SKIPPED = new Set([...ODF_SKIPPED, 'object', 'object-ole', 'image-map', 'table-columns', 'table-column', 'covered-table-cell', 'applet', 'plugin', 'floating-frame']);

type Part = string | { frame: Frame };

interface Frame {
  images: string[];
  title: string;
  description: string;
  src?: string;
}

export async function previewOdt(zip: ZipArchive, context: PreviewContext): Promise<Preview> {
  await requireOpenDocument(zip, context);
  const parts: Part[] = [];
  const stack: string[] = [];
  const frames: Frame[] = [];
  /** The headings and paragraphs open, innermost last, to close each with its own tag. */
  const textTags: string[] = [];
  let headerRows = 0;
  let inText = 0;
  let altTarget: 'title' | 'desc' | undefined;

  await parseXml(
    await zip.stream('content.xml'),
    skipping(SKIPPED, {
      open(element) {
        stack.push(element.local);
        const frame = frames[frames.length - 1];
        switch (element.local) {
          case 'h': {
            const level = Math.min(6, Math.max(1, Number.parseInt(prefixedAttribute(element, 'outline-level') ?? '1', 10) || 1));
            parts.push(`<h${level}>`);
            textTags.push(`h${level}`);
            inText++;
            break;
          }
          case 'p':
            parts.push('<p>');
            textTags.push('p');
            inText++;
            break;
          case 'list':
            parts.push('<ul>');
            break;
          case 'list-item':
          case 'list-header':
            parts.push('<li>');
            break;
          case 'table':
            parts.push('<table><tbody>');
            break;
          case 'table-header-rows':
            headerRows++;
            break;
          case 'table-row':
            parts.push('<tr>');
            break;
          case 'table-cell': {
            const span = Number.parseInt(prefixedAttribute(element, 'number-columns-spanned') ?? '1', 10);
            const rows = Number.parseInt(prefixedAttribute(element, 'number-rows-spanned') ?? '1', 10);
            const tag = headerRows > 0 ? 'th' : 'td';
            parts.push(`<${tag}${span > 1 ? ` colspan="${Math.min(span, 100)}"` : ''}${rows > 1 ? ` rowspan="${Math.min(rows, 100)}"` : ''}>`);
            break;
          }
          case 's':
            if (inText > 0) parts.push(' '.repeat(Math.min(100, Math.max(1, Number.parseInt(prefixedAttribute(element, 'c') ?? '1', 10) || 1))));
            break;
          case 'tab':
            if (inText > 0) parts.push(' ');
            break;
          case 'line-break':
            if (inText > 0) parts.push('<br>');
            break;
          case 'frame': {
            const opened: Frame = { images: [], title: '', description: '' };
            frames.push(opened);
            parts.push({ frame: opened });
            break;
          }
          case 'image':
            if (frame) frame.images.push(prefixedAttribute(element, 'href') ?? '');
            break;
          case 'title':
            if (frame) altTarget = 'title';
            break;
          case 'desc':
            if (frame) altTarget = 'desc';
            break;
        }
      },
      close(local) {
        stack.pop();
        switch (local) {
          case 'h':
          case 'p': {
            const tag = textTags.pop();
            if (tag) parts.push(`</${tag}>`);
            if (inText > 0) inText--;
            break;
          }
          case 'list':
            parts.push('</ul>');
            break;
          case 'list-item':
          case 'list-header':
            parts.push('</li>');
            break;
          case 'table':
            parts.push('</tbody></table>');
            break;
          case 'table-header-rows':
            if (headerRows > 0) headerRows--;
            break;
          case 'table-row':
            parts.push('</tr>');
            break;
          case 'table-cell':
            parts.push(headerRows > 0 ? '</th>' : '</td>');
            break;
          case 'frame':
            frames.pop();
            break;
          case 'title':
          case 'desc':
            altTarget = undefined;
            break;
        }
      },
      text(text) {
        const frame = frames[frames.length - 1];
        if (frame && altTarget === 'title') frame.title += text;
        else if (frame && altTarget === 'desc') frame.description += text;
        else if (inText > 0) parts.push(escapeHtml(text));
      },
    }),
    { context: context.extract },
  );

  // Pictures, in document order: only those stored inside the package (a relative part name).
  const pictures = new DocumentImages(context);
  for (const part of parts) {
    if (typeof part === 'string' || part.frame.images.length === 0) continue;
    const href = part.frame.images[0]!;
    const name = /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('/') ? undefined : resolvePartName('', href);
    part.frame.src = await pictures.add(name && zip.has(name) ? await zip.read(name) : undefined);
  }
  const html = parts
    .map((part) => {
      if (typeof part === 'string') return part;
      if (part.frame.src === undefined) return '';
      const alt = (part.frame.description || part.frame.title).trim();
      return `<img src="${escapeHtml(part.frame.src)}" alt="${escapeHtml(alt)}">`;
    })
    .join('');
  return htmlPreview(html, false, context, pictures.images);
}
