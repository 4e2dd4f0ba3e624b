import type { ExtractContext } from '@/lib/extract/result';
import { parseXml, type XmlElement, type XmlSource } from '@/lib/extract/xml-text';

/**
 * Rewrites an XML part as it streams through lib/extract's parser (no DTDs, no entities): each
 * element is kept, dropped with everything inside it, or unwrapped (its tag removed, its content
 * kept). Everything else is written back as it was read: names with their prefixes, attributes
 * (namespace declarations included), text and CDATA (escaped as text). Comments and processing
 * instructions are not kept; a UTF-8 XML declaration is written at the top.
 */
export type ElementAction = 'keep' | 'drop' | 'unwrap';

export interface RewriteRules {
  /** What to do with an element, given the local names of the elements it sits in (outermost first). */
  action(element: XmlElement, ancestors: readonly string[]): ElementAction;
}

export async function rewriteXml(source: XmlSource, rules: RewriteRules, context: ExtractContext): Promise<Buffer> {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'];
  // For each open element: what was done with it, and (when kept) whether its start tag is still open.
  const stack: { local: string; name: string; action: ElementAction }[] = [];
  const ancestors: string[] = [];
  let dropping = 0;
  let startTagOpen = false;

  const closeStartTag = () => {
    if (startTagOpen) {
      out.push('>');
      startTagOpen = false;
    }
  };

  await parseXml(
    source,
    {
      open(element) {
        if (dropping > 0) {
          dropping++;
          stack.push({ local: element.local, name: element.name, action: 'drop' });
          ancestors.push(element.local);
          return;
        }
        const action = rules.action(element, ancestors);
        stack.push({ local: element.local, name: element.name, action });
        ancestors.push(element.local);
        if (action === 'drop') {
          dropping = 1;
          return;
        }
        if (action === 'unwrap') return;
        closeStartTag();
        out.push(`<${element.name}`);
        for (const [name, value] of Object.entries(element.attributes)) out.push(` ${name}="${escapeAttribute(value)}"`);
        startTagOpen = true;
      },
      close() {
        const top = stack.pop();
        ancestors.pop();
        if (!top) return;
        if (dropping > 0) {
          dropping--;
          return;
        }
        if (top.action !== 'keep') return;
        if (startTagOpen) {
          out.push('/>');
          startTagOpen = false;
        } else out.push(`</${top.name}>`);
      },
      text(value) {
        if (dropping > 0 || stack.length === 0) return;
        closeStartTag();
        out.push(escapeText(value));
      },
    },
    { context },
  );
  return Buffer.from(out.join(''), 'utf8');
}

function escapeText(value: string): string {
  return value.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<"\t\n\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' })[c]!);
}
