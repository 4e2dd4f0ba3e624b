import { describe, expect, it } from 'vitest';
import { buildSynonymIndex, parseSynonyms, synonymGroups, synonymKey } from './synonyms';

describe('the synonyms file', () => {
  const groups = synonymGroups();

  it('loads, lower-cased, with the council groups search relies on', () => {
    expect(groups.length).toBeGreaterThanOrEqual(24);
    const groupWith = (term: string) => groups.find((group) => group.includes(term));
    expect(groupWith('bins')).toEqual(expect.arrayContaining(['waste', 'refuse', 'rubbish']));
    expect(groupWith('ctax')).toContain('council tax');
    expect(groupWith('send')).toEqual(expect.arrayContaining(['special educational needs', 'special educational needs and disabilities']));
    expect(groupWith('asc')).toContain('adult social care');
    for (const group of groups) for (const term of group) expect(term).toBe(term.toLowerCase().trim());
  });

  it('is read once', () => {
    expect(synonymGroups()).toBe(groups);
  });
});

describe('parseSynonyms', () => {
  it('reads groups, skipping comments and blank lines, lower-casing and tidying spaces', () => {
    const text = '# a comment\n\nBins, Waste ,  REFUSE\r\n  # indented comment\nCouncil   Tax, CTAX\n';
    expect(parseSynonyms(text)).toEqual([
      ['bins', 'waste', 'refuse'],
      ['council tax', 'ctax'],
    ]);
  });

  it('keeps spellings that share a key within one group', () => {
    expect(parseSynonyms('fly-tipping, fly tipping, flytipping')).toEqual([['fly-tipping', 'fly tipping', 'flytipping']]);
  });

  it.each([
    ['bins', /line 1: a group needs at least two different terms/],
    ['bins, Bins', /line 1: a group needs at least two/],
    ['bins,, waste', /line 1: an empty term/],
    ['bins, waste,', /line 1: an empty term/],
    ['# ok\nbins, wa$te', /line 2: "wa\$te" may have only letters/],
    ['bins, "waste"', /may have only letters/],
    ['bins, -waste', /may have only letters/],
    ['one two three four five six seven, x', /more than 6 words/],
    ['bins, waste\nrubbish, waste', /line 2: "waste" is already in the group "bins, waste"/],
    ['fly-tipping, dumping\nfly tipping, tipping', /line 2: "fly tipping" is already in the group/],
  ])('refuses %j, naming the line', (text, message) => {
    expect(() => parseSynonyms(text)).toThrow(message);
  });
});

describe('synonymKey', () => {
  it('matches on words, whatever the punctuation and case', () => {
    expect(synonymKey("Children's Social-Care")).toBe('childrens social care');
    expect(synonymKey('  fly--tipping!! ')).toBe('fly tipping');
    expect(synonymKey('---')).toBe('');
  });
});

describe('buildSynonymIndex', () => {
  const index = buildSynonymIndex([
    ['bins', 'waste'],
    ['road defects', 'potholes'],
    ['ur', 'user research'],
  ]);

  it('finds a group by any of its terms', () => {
    expect(index.groupOf('waste')).toEqual(['bins', 'waste']);
    expect(index.groupOf('user research')).toEqual(['ur', 'user research']);
    expect(index.groupOf('wombat')).toBeUndefined();
    expect(index.groupOf('')).toBeUndefined();
    expect(index.maxWords).toBe(2);
  });

  it('forgives a final s on the last word, but not on very short words', () => {
    expect(index.groupOf('bin')).toEqual(['bins', 'waste']);
    expect(index.groupOf('road defect')).toEqual(['road defects', 'potholes']);
    expect(index.groupOf('wastes')).toEqual(['bins', 'waste']);
    expect(index.groupOf('urs')).toBeUndefined();
    expect(index.groupOf('u')).toBeUndefined();
  });
});
