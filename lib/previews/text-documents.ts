import MarkdownIt from 'markdown-it';
import { decodeText } from '@/lib/extract/plain-text';
import { sanitiseHtml, escapeHtml } from './sanitise-html';
import { throwIfTimedOut, type Preview, type PreviewContext } from './result';

/**
 * Markdown and plain text as HTML. Markdown goes through `markdown-it` with raw HTML off (any `<tag>`
 * in the file is shown as text), no link detection and no typographic changes; plain text becomes
 * paragraphs at blank lines, with its line breaks kept. Bytes are read as lib/extract reads them
 * (UTF-8, UTF-16 with a byte-order mark, else Windows-1252). Only the first `maxHtmlBytes` of text
 * are rendered; the preview then says it shows the start.
 */

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

export function previewMarkdown(data: Buffer, context: PreviewContext): Preview {
  const { text, cut } = decodedStart(data, context);
  throwIfTimedOut(context);
  const rendered = markdown.render(withoutFrontMatter(text));
  throwIfTimedOut(context);
  return htmlPreview(rendered, cut, context);
}

export function previewPlainText(data: Buffer, context: PreviewContext): Preview {
  const { text, cut } = decodedStart(data, context);
  const paragraphs = text
    .split(/\r\n|\r|\n/)
    .reduce<string[][]>((groups, line) => {
      if (line.trim() === '') groups.push([]);
      else groups[groups.length - 1]!.push(escapeHtml(line));
      return groups;
    }, [[]])
    .filter((lines) => lines.length > 0)
    .map((lines) => `<p>${lines.join('<br>')}</p>`);
  return htmlPreview(paragraphs.join('\n'), cut, context);
}

/**
 * YAML front matter (between `---` lines at the very top, as static-site generators write it) is
 * settings for a website, not part of the document: left out rather than shown as a run-on paragraph.
 */
function withoutFrontMatter(text: string): string {
  const match = /^\uFEFF?---[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  return match ? text.slice(match[0].length) : text;
}

function decodedStart(data: Buffer, context: PreviewContext): { text: string; cut: boolean } {
  const max = context.limits.maxHtmlBytes;
  const cut = data.length > max;
  // Decoding a cut-off tail may leave half a character: the decoder replaces it, and it is the end anyway.
  return { text: decodeText(cut ? data.subarray(0, max) : data), cut };
}

export function htmlPreview(html: string, cut: boolean, context: PreviewContext, images: Extract<Preview, { kind: 'html' }>['images'] = []): Preview {
  const sanitised = sanitiseHtml(html, { imageCount: images.length, maxBytes: context.limits.maxHtmlBytes });
  const truncated = cut || sanitised.truncated;
  return {
    status: 'ready',
    kind: 'html',
    html: sanitised.html,
    images,
    truncated,
    thumbnail: null,
    ...(truncated ? { notice: 'The preview shows the start of the document only.' } : {}),
  };
}
