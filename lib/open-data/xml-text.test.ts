import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { withoutInvalidXmlChars, xmlText } from './xml-text';

/** Parses `<t a="…">…</t>` and returns the attribute and text a real XML parser reads back. */
function readBack(escaped: string): { attribute: string; text: string } {
  const parser = new SaxesParser();
  let attribute = '';
  let text = '';
  parser.on('opentag', (tag) => {
    attribute = String(tag.attributes.a);
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(`<t a="${escaped}">${escaped}</t>`).close();
  return { attribute, text };
}

const hostile = [
  '<script>alert(1)</script>',
  'Fish & chips & <b>bold</b>',
  'Ends a CDATA section ]]> early',
  '<![CDATA[ not really ]]>',
  '"Quoted" and \'single\'',
  '&amp; already escaped &#x26; &lt;',
  '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;',
  'Line one\r\nline two\ttabbed',
  'Emoji 🗑️ and Welsh ŵ ŷ',
];

describe('xmlText', () => {
  it.each(hostile)('reads back exactly as written: %s', (title) => {
    const escaped = xmlText(title);
    expect(escaped).not.toMatch(/<|]]>/);
    expect(readBack(escaped).text).toBe(title);
    // In an attribute, a parser normalises tab and newline to spaces; everything else comes back.
    expect(readBack(escaped).attribute).toBe(title.replace(/[\t\n]/g, ' '));
  });

  it('removes the control characters XML 1.0 cannot hold, keeping tab, newline and carriage return', () => {
    const title = 'Bin\u0000 round\u0001\u0008\u000B\u000C\u001F\u007F plan\uFFFE\uFFFF';
    const escaped = xmlText(title);
    expect(readBack(escaped).text).toBe('Bin round\u007F plan');
    expect(xmlText('a\tb\nc\rd')).toBe('a\tb\nc&#13;d');
  });

  it('removes lone surrogates but keeps characters outside the Basic Multilingual Plane', () => {
    expect(withoutInvalidXmlChars('a\uD800b\uDC00c')).toBe('abc');
    expect(withoutInvalidXmlChars('🗑️ \u{10FFFF}')).toBe('🗑️ \u{10FFFF}');
  });

  it('leaves ordinary text alone', () => {
    expect(xmlText('Discovery research plan')).toBe('Discovery research plan');
  });
});
