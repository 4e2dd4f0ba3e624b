import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { markdownToDocx } from './markdown-to-docx';
import { markdownToOdt } from './markdown-to-odt';
import { descendants, parseXmlTree, readPackage, textOf, type XmlNode } from './testing/read-package';

/** What both writers do with Markdown the starter kit does not exercise, and with awkward input. */

async function parts(file: Buffer): Promise<(name: string) => XmlNode> {
  const entries = await readPackage(file);
  return (name) => parseXmlTree(entries.find((entry) => entry.name === name)!.data);
}

const created = new Date('2026-03-01T12:00:00Z');

describe('document properties', () => {
  it('take the title from the first heading when none is given, and the language as given', async () => {
    const markdown = 'Intro\n\n## The real title\n\nText';
    const docx = await parts(await markdownToDocx(markdown, { language: 'cy-GB' }));
    expect(textOf(descendants(docx('docProps/core.xml'), 'dc:title')[0]!)).toBe('The real title');
    expect(descendants(docx('word/styles.xml'), 'w:lang')[0]?.attributes['w:val']).toBe('cy-GB');
    const odt = await parts(await markdownToOdt(markdown, { language: 'cy-GB' }));
    expect(textOf(descendants(odt('meta.xml'), 'dc:title')[0]!)).toBe('The real title');
    expect(descendants(odt('styles.xml'), 'style:text-properties')[0]?.attributes).toMatchObject({ 'fo:language': 'cy', 'fo:country': 'GB' });
  });

  it('refuse a language that is not a language and country code, and a document with no title at all', async () => {
    for (const write of [markdownToDocx, markdownToOdt]) {
      await expect(write('# T', { language: 'english' })).rejects.toBeInstanceOf(AppError);
      await expect(write('No heading here')).rejects.toMatchObject({ code: 'validation' });
    }
  });

  it('escape what XML cannot hold as it is', async () => {
    const title = 'Bins & <recycling> "plans" \u0001';
    const docx = await parts(await markdownToDocx('# Fish & chips < £5', { title, keywords: ['a&b'] }));
    expect(textOf(descendants(docx('docProps/core.xml'), 'dc:title')[0]!)).toBe('Bins & <recycling> "plans" ');
    const odt = await parts(await markdownToOdt('# Fish & chips < £5', { title, keywords: ['a&b'] }));
    expect(textOf(descendants(odt('meta.xml'), 'meta:keyword')[0]!)).toBe('a&b');
    expect(textOf(descendants(odt('content.xml'), 'text:h')[0]!)).toBe('Fish & chips < £5');
  });
});

describe('the same Markdown with the same date', () => {
  it('gives the same ODT bytes every time', async () => {
    const markdown = '# Title\n\n- [ ] one\n\n| a | b |\n|---|---|\n| 1 | 2 |\n';
    const first = await markdownToOdt(markdown, { created });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await markdownToOdt(markdown, { created })).equals(first)).toBe(true);
  });
});

describe('structure both writers keep', () => {
  const markdown = [
    '# Plan',
    '',
    'See [the guide](https://www.gov.uk/service-manual) and ask [your manager].',
    '',
    '3. third',
    '4. fourth',
    '',
    '---',
    '',
    '## After the line',
    '',
    '| A | B | C | D | E | F | G |',
    '|---|---|---|---|---|---|---|',
    '| 1 | 2 | 3 | 4 | 5 | 6 | 7 |',
  ].join('\n');

  it('in Word: hyperlinks, fill-in style, numbering from 3, a line above the heading after a rule, landscape for a wide table', async () => {
    const docx = await parts(await markdownToDocx(markdown));
    const body = docx('word/document.xml');
    const link = descendants(body, 'w:hyperlink')[0]!;
    expect(textOf(link)).toBe('the guide');
    const relationships = descendants(docx('word/_rels/document.xml.rels'), 'Relationship');
    expect(relationships.find((relationship) => relationship.attributes.Id === link.attributes['r:id'])?.attributes).toMatchObject({
      Target: 'https://www.gov.uk/service-manual',
      TargetMode: 'External',
    });
    const fillIn = descendants(body, 'w:r').find((run) => descendants(run, 'w:rStyle')[0]?.attributes['w:val'] === 'FillIn');
    expect(textOf(fillIn!)).toBe('[your manager]');
    expect(descendants(docx('word/numbering.xml'), 'w:start').map((start) => start.attributes['w:val'])).toContain('3');
    const heading = descendants(body, 'w:p').find((paragraph) => descendants(paragraph, 'w:pStyle')[0]?.attributes['w:val'] === 'Heading2')!;
    expect(descendants(heading, 'w:top')).toHaveLength(1);
    expect(descendants(body, 'w:pgSz')[0]?.attributes['w:orient']).toBe('landscape');
  });

  it('in OpenDocument: links, fill-in style, numbering from 3, a line above the heading after a rule, landscape for a wide table', async () => {
    const odt = await parts(await markdownToOdt(markdown));
    const content = odt('content.xml');
    const link = descendants(content, 'text:a')[0]!;
    expect(link.attributes['xlink:href']).toBe('https://www.gov.uk/service-manual');
    expect(textOf(link)).toBe('the guide');
    const fillIn = descendants(content, 'text:span').find((span) => span.attributes['text:style-name'] === 'Fill-in');
    expect(textOf(fillIn!)).toBe('[your manager]');
    expect(descendants(content, 'text:list-item')[0]?.attributes['text:start-value']).toBe('3');
    const heading = descendants(content, 'text:h').find((candidate) => candidate.attributes['text:outline-level'] === '2')!;
    const style = descendants(content, 'style:style').find((candidate) => candidate.attributes['style:name'] === heading.attributes['text:style-name'])!;
    expect(style.attributes['style:parent-style-name']).toBe('Heading_20_2');
    expect(descendants(style, 'style:paragraph-properties')[0]?.attributes['fo:border-top']).toMatch(/solid/);
    expect(descendants(odt('styles.xml'), 'style:page-layout-properties')[0]?.attributes).toMatchObject({ 'style:print-orientation': 'landscape', 'fo:page-width': '297mm' });
  });

  it('keep runs of spaces in OpenDocument, where XML would collapse them', async () => {
    const odt = await parts(await markdownToOdt('# T\n\n```\na   b\n```\n'));
    const code = descendants(odt('content.xml'), 'text:p').find((paragraph) => paragraph.attributes['text:style-name'] === 'Preformatted_20_Text')!;
    expect(descendants(code, 'text:s')[0]?.attributes['text:c']).toBe('2');
  });
});
