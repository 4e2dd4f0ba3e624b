import { describe, expect, it } from 'vitest';
import { buildSynonymIndex } from '@/lib/search/synonyms';
import { expandQuery, positiveAlternatives, withCorrections, type ExpandedQuery } from './expand-query';
import { parseQuery } from './parse-query';

const synonyms = buildSynonymIndex([
  ['bins', 'bin', 'waste', 'refuse', 'rubbish'],
  ['council tax', 'ctax'],
  ['council tax support', 'ctr'],
  ['fly-tipping', 'fly tipping', 'illegal dumping'],
  ['send', 'special educational needs'],
]);

/** Clauses as lists of "words" / '"phrase"'. */
function shape(query: ExpandedQuery) {
  const show = (a: { text: string; phrase: boolean }) => (a.phrase ? `"${a.text}"` : a.text);
  return { clauses: query.clauses.map((c) => c.alternatives.map(show)), excluded: query.excluded.map(show) };
}
const expand = (text: string) => expandQuery(parseQuery(text), synonyms);

describe('expandQuery', () => {
  it('adds the other terms of a word’s group, several words as a phrase', () => {
    expect(shape(expand('bins'))).toEqual({ clauses: [['bins', 'bin', 'waste', 'refuse', 'rubbish']], excluded: [] });
    expect(shape(expand('CTAX'))).toEqual({ clauses: [['CTAX', '"council tax"']], excluded: [] });
    expect(shape(expand('SEND'))).toEqual({ clauses: [['SEND', '"special educational needs"']], excluded: [] });
  });

  it('matches a run of typed words, the longest first, keeping the typed words as they were typed', () => {
    expect(shape(expand('council tax'))).toEqual({ clauses: [['council tax', 'ctax']], excluded: [] });
    expect(shape(expand('Council Tax support form'))).toEqual({ clauses: [['Council Tax support', 'ctr'], ['form']], excluded: [] });
    expect(shape(expand('special educational needs transport'))).toEqual({
      clauses: [['special educational needs', 'send'], ['transport']],
      excluded: [],
    });
  });

  it('matches a quoted phrase as a whole, and a hyphenated word as its words', () => {
    expect(shape(expand('"council tax"'))).toEqual({ clauses: [['"council tax"', 'ctax']], excluded: [] });
    expect(shape(expand('fly-tipping'))).toEqual({ clauses: [['fly-tipping', '"fly tipping"', '"illegal dumping"']], excluded: [] });
    expect(shape(expand('"council tax reform"'))).toEqual({ clauses: [['"council tax reform"']], excluded: [] });
  });

  it('does not join words across an or, a phrase or an exclusion', () => {
    expect(shape(expand('council or tax'))).toEqual({ clauses: [['council', 'tax']], excluded: [] });
    expect(shape(expand('council -tax'))).toEqual({ clauses: [['council']], excluded: ['tax'] });
    expect(shape(expand('bins or ctax'))).toEqual({
      clauses: [['bins', 'bin', 'waste', 'refuse', 'rubbish', 'ctax', '"council tax"']],
      excluded: [],
    });
  });

  it('leaves exclusions literal', () => {
    expect(shape(expand('recycling -bins'))).toEqual({ clauses: [['recycling']], excluded: ['bins'] });
  });

  it('marks plain typed a–z words without synonyms as correctable', () => {
    const query = expand('recyclng, bins "housng" café 2024 -wombatt council tax');
    expect(query.clauses.map((c) => c.correctable)).toEqual([['recyclng'], [], [], [], [], []]);
  });
});

describe('withCorrections', () => {
  it('adds corrections beside the word they correct', () => {
    const query = withCorrections(expand('recyclng plan'), new Map([['recyclng', ['recycling', 'recycle']]]));
    expect(shape(query)).toEqual({ clauses: [['recyclng', 'recycling', 'recycle'], ['plan']], excluded: [] });
  });
});

describe('positiveAlternatives', () => {
  it('lists everything that can match, never the exclusions', () => {
    const all = positiveAlternatives(expand('ctax -bins')).map((a) => a.text);
    expect(all).toEqual(['ctax', 'council tax']);
  });
});
