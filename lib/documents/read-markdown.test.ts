import { describe, expect, it } from 'vitest';
import type { Block, Inline, List, Table } from './document-model';
import { readMarkdown } from './read-markdown';

const blocks = (markdown: string): Block[] => readMarkdown(markdown).blocks;
const only = <T extends Block>(markdown: string): T => {
  const [block, ...rest] = blocks(markdown);
  expect(rest).toEqual([]);
  return block as T;
};
const paragraph = (markdown: string): Inline[] => only<Extract<Block, { type: 'paragraph' }>>(markdown).content;
const text = (value: string, marks: object = {}) => ({ type: 'text', text: value, marks });

describe('readMarkdown', () => {
  it('reads headings 1 to 4, and deeper ones as 4', () => {
    expect(blocks('# One\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n').map((block) => block.type === 'heading' && block.level)).toEqual([1, 2, 3, 4, 4]);
  });

  it('reads bold, italic, links, code and strike-through as marks on runs', () => {
    expect(paragraph('A **bold** and _italic_ [link](https://example.org/a) `code` ~~gone~~ ***both***')).toEqual([
      text('A '),
      text('bold', { bold: true }),
      text(' and '),
      text('italic', { italic: true }),
      text(' '),
      text('link', { link: 'https://example.org/a' }),
      text(' '),
      text('code', { code: true }),
      text(' '),
      text('gone', { strike: true }),
      text(' '),
      text('both', { bold: true, italic: true }),
    ]);
  });

  it('turns soft line breaks into spaces, keeps hard ones, and decodes character references', () => {
    expect(paragraph('one\ntwo  \nthree &amp; &#163;4')).toEqual([text('one two'), { type: 'break' }, text('three & £4')]);
  });

  it('marks [square-bracket] fill-ins, across runs and nested, but not unmatched brackets or code', () => {
    expect(paragraph('Agreed by [name, role] on [date].')).toEqual([
      text('Agreed by '),
      text('[name, role]', { fillIn: true }),
      text(' on '),
      text('[date]', { fillIn: true }),
      text('.'),
    ]);
    expect(paragraph('[**Doing** it [now]] then')).toEqual([
      text('[', { fillIn: true }),
      text('Doing', { bold: true, fillIn: true }),
      text(' it [now]]', { fillIn: true }),
      text(' then'),
    ]);
    expect(paragraph('a [ b')).toEqual([text('a [ b')]);
    expect(paragraph('`[x]` and [ ]')).toEqual([text('[x]', { code: true }), text(' and '), text('[ ]', { fillIn: true })]);
  });

  it('reads nested bulleted lists, numbered lists with their start, and task lists', () => {
    const bullets = only<List>('- one\n  - inner\n- two\n');
    expect(bullets.ordered).toBe(false);
    expect(bullets.items).toHaveLength(2);
    expect(bullets.items[0]!.blocks.map((block) => block.type)).toEqual(['paragraph', 'list']);

    expect(only<List>('3. three\n4. four\n')).toMatchObject({ ordered: true, start: 3 });

    const tasks = only<List>('- [ ] to do\n- [x] done\n- plain\n');
    expect(tasks.items.map((item) => item.checkbox)).toEqual(['unchecked', 'checked', undefined]);
    expect(tasks.items[0]!.blocks).toEqual([{ type: 'paragraph', content: [text('to do')] }]);
  });

  it('reads tables with their header row, and a blank header row as none', () => {
    const withHeader = only<Table>('| Name | Role |\n|---|---|\n| **Sam** | [Role] |\n| Ali |\n');
    expect(withHeader.columns).toBe(2);
    expect(withHeader.header).toEqual([{ content: [text('Name')] }, { content: [text('Role')] }]);
    expect(withHeader.rows[0]).toEqual([{ content: [text('Sam', { bold: true })] }, { content: [text('[Role]', { fillIn: true })] }]);
    expect(withHeader.rows[1]![0]).toEqual({ content: [text('Ali')] });

    const keyValue = only<Table>('| | |\n|---|---|\n| Service | [Name] |\n');
    expect(keyValue.header).toBeUndefined();
    expect(keyValue.rows).toHaveLength(1);
  });

  it('reads block quotes with several paragraphs, rules and code blocks', () => {
    expect(blocks('> one\n>\n> two\n\n---\n\n```\nline 1\n  line 2\n```\n')).toEqual([
      { type: 'quote', blocks: [{ type: 'paragraph', content: [text('one')] }, { type: 'paragraph', content: [text('two')] }] },
      { type: 'rule' },
      { type: 'code', text: 'line 1\n  line 2' },
    ]);
  });

  it('keeps the words of raw HTML and images, not their markup', () => {
    expect(blocks('<div>Hello <b>there</b></div>\n\n![A chart of calls](chart.png)\n')).toEqual([
      { type: 'paragraph', content: [text('Hello there')] },
      { type: 'paragraph', content: [text('A chart of calls')] },
    ]);
  });
});
