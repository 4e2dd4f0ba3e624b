import { parseXml, type XmlElement } from '@/lib/extract/xml-text';
import type { PreviewContext } from './result';

/**
 * An XML part written out again from lib/extract's streaming parser, element by element, with
 * whatever `keep` refuses left out. Used on the copy of a document handed to LibreOffice: what comes
 * out is only what the parser understood (no DOCTYPE, entities, comments or processing instructions),
 * so nothing the rules below do not see can reach LibreOffice.
 */
export interface XmlFilter {
  /** False drops the element and everything inside it. */
  element?: (element: XmlElement) => boolean;
  /** False drops one attribute (by its name as written, and its value). */
  attribute?: (name: string, value: string, element: XmlElement) => boolean;
}

export async function rewriteXml(data: Buffer, filter: XmlFilter, context: PreviewContext): Promise<Buffer> {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'];
  let dropping = 0;
  await parseXml(
    data,
    {
      open(element) {
        if (dropping > 0 || (filter.element && !filter.element(element))) {
          dropping++;
          return;
        }
        let tag = `<${element.name}`;
        for (const [name, value] of Object.entries(element.attributes)) {
          if (filter.attribute && !filter.attribute(name, value, element)) continue;
          tag += ` ${name}="${escapeAttribute(value)}"`;
        }
        out.push(`${tag}>`);
      },
      close(_local, name) {
        if (dropping > 0) {
          dropping--;
          return;
        }
        out.push(`</${name}>`);
      },
      text(text) {
        if (dropping === 0) out.push(escapeText(text));
      },
    },
    { context: context.extract },
  );
  return Buffer.from(out.join(''), 'utf8');
}

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"\t\n\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' })[c]!);
}
