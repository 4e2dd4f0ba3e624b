import { describe, expect, it } from 'vitest';
import { atomFeed, type AtomEntry } from './atom-feed';
import { childrenNamed, childText, readXml } from './testing/read-xml';

const atom = (name: string) => `{http://www.w3.org/2005/Atom}${name}`;

const entry = (overrides: Partial<AtomEntry> = {}): AtomEntry => ({
  id: 'https://hub.example.org/materials/0190b1c4-0000-7000-8000-000000000001',
  title: 'Bin collections discussion guide',
  link: 'https://hub.example.org/materials/0190b1c4-0000-7000-8000-000000000001',
  summary: 'Questions we asked residents.',
  author: 'Bristol City Council',
  published: '2026-03-01T10:00:00.000Z',
  updated: '2026-03-02T10:00:00.000Z',
  categories: [{ term: 'discovery', label: 'Discovery', scheme: 'https://hub.example.org/search?phase=' }],
  ...overrides,
});

const feed = (entries: AtomEntry[]) =>
  atomFeed({
    self: 'https://hub.example.org/search/feed?q=bins&phase=discovery',
    alternate: 'https://hub.example.org/search?q=bins&phase=discovery',
    title: 'Public materials matching “bins”',
    subtitle: 'The newest public materials on Discovery Commons.',
    author: 'Discovery Commons',
    entries,
    updatedWhenEmpty: '2026-01-01T00:00:00.000Z',
  });

describe('atomFeed', () => {
  it('writes an Atom feed a parser reads back: ids, links, dates, author, categories and summary', () => {
    const root = readXml(feed([entry(), entry({ id: 'https://hub.example.org/materials/2', updated: '2026-04-01T00:00:00.000Z', summary: '' })]));
    expect(root.name).toBe(atom('feed'));
    expect(childText(root, atom('id'))).toBe('https://hub.example.org/search/feed?q=bins&phase=discovery');
    expect(childText(root, atom('updated'))).toBe('2026-04-01T00:00:00.000Z');
    const links = childrenNamed(root, atom('link')).map((l) => [l.attributes.rel, l.attributes.href]);
    expect(links).toEqual([
      ['self', 'https://hub.example.org/search/feed?q=bins&phase=discovery'],
      ['alternate', 'https://hub.example.org/search?q=bins&phase=discovery'],
    ]);
    const [first, second] = childrenNamed(root, atom('entry'));
    expect(childText(first!, atom('title'))).toBe('Bin collections discussion guide');
    expect(childText(first!, atom('published'))).toBe('2026-03-01T10:00:00.000Z');
    expect(childrenNamed(first!, atom('author'))[0]!.children[0]!.text).toBe('Bristol City Council');
    expect(childrenNamed(first!, atom('category'))[0]!.attributes).toEqual({ term: 'discovery', label: 'Discovery', scheme: 'https://hub.example.org/search?phase=' });
    expect(childText(first!, atom('summary'))).toBe('Questions we asked residents.');
    // No summary element rather than an empty one.
    expect(childrenNamed(second!, atom('summary'))).toEqual([]);
  });

  it('still says when it changed when nothing matches', () => {
    const root = readXml(feed([]));
    expect(childText(root, atom('updated'))).toBe('2026-01-01T00:00:00.000Z');
    expect(childrenNamed(root, atom('entry'))).toEqual([]);
  });

  it('keeps hostile titles, summaries, authors and category labels as text, and stays well-formed', () => {
    const nasty = '</title><script>alert(1)</script> ]]> & "quotes" \u0000\u001B';
    const root = readXml(
      feed([
        entry({
          title: nasty,
          summary: nasty,
          author: nasty,
          link: 'https://hub.example.org/materials/1?a=1&b="2"',
          categories: [{ term: nasty, label: nasty, scheme: 'https://hub.example.org/search?topic=' }],
        }),
      ]),
    );
    const written = '</title><script>alert(1)</script> ]]> & "quotes" ';
    const [only] = childrenNamed(root, atom('entry'));
    expect(childText(only!, atom('title'))).toBe(written);
    expect(childText(only!, atom('summary'))).toBe(written);
    expect(childrenNamed(only!, atom('author'))[0]!.children[0]!.text).toBe(written);
    expect(childrenNamed(only!, atom('category'))[0]!.attributes.label).toBe(written);
    expect(childrenNamed(only!, atom('link'))[0]!.attributes.href).toBe('https://hub.example.org/materials/1?a=1&b="2"');
  });
});
