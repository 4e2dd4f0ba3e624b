import { describe, expect, it } from 'vitest';
import { splitHighlights, withEllipses } from './highlights';
import { snippetHighlights } from './snippets';

describe('splitHighlights', () => {
  it('turns markers into segments and joins neighbouring highlighted words', () => {
    expect(splitHighlights('A \u0002council\u0003 \u0002tax\u0003 plan')).toEqual([
      { text: 'A ', matched: false },
      { text: 'council tax', matched: true },
      { text: ' plan', matched: false },
    ]);
    expect(splitHighlights('')).toEqual([]);
    expect(splitHighlights('\u0002all\u0003')).toEqual([{ text: 'all', matched: true }]);
    expect(splitHighlights('<b>x</b>')).toEqual([{ text: '<b>x</b>', matched: false }]);
  });
});

describe('withEllipses', () => {
  it('marks words left out at either end, or where the text was already cut', () => {
    const full = 'One two three four five.';
    expect(withEllipses([{ text: 'three', matched: true }], full)).toEqual([
      { text: '… ', matched: false },
      { text: 'three', matched: true },
      { text: ' …', matched: false },
    ]);
    expect(withEllipses([{ text: 'One two three four five', matched: false }], full)).toEqual([{ text: 'One two three four five', matched: false }]);
    expect(withEllipses([{ text: 'One two', matched: false }], 'One two', { before: true, after: false })).toEqual([{ text: '… One two', matched: false }]);
  });
});

describe('snippetHighlights', () => {
  it('gives the passage with its words marked, on one line, with ellipses where cut', () => {
    expect(snippetHighlights('the \u0002allotment\u0003 waiting\n\n list', 'the allotment waiting\n\n list', { before: true, after: true })).toEqual([
      { text: '… the ', matched: false },
      { text: 'allotment', matched: true },
      { text: ' waiting list …', matched: false },
    ]);
  });

  it('is empty without a passage, or when nothing in it is marked', () => {
    expect(snippetHighlights(null, null, { before: false, after: false })).toEqual([]);
    expect(snippetHighlights('no marks here', 'no marks here', { before: true, after: true })).toEqual([]);
  });
});
