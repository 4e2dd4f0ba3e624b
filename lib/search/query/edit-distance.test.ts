import { describe, expect, it } from 'vitest';
import { editDistance, oneEditAway, suggestionAllowance, typoAllowance } from './edit-distance';

describe('editDistance', () => {
  it.each([
    ['recycling', 'recycling', 0],
    ['recyclng', 'recycling', 1], // a letter left out
    ['recylcing', 'recycling', 1], // two letters swapped
    ['recycking', 'recycling', 1], // a letter changed
    ['recyclingg', 'recycling', 1], // a letter added
    ['reycclng', 'recycling', 2],
    ['housing', 'hosing', 1],
    ['ca', 'abc', 3], // optimal string alignment: a swapped pair is not edited again
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
  ])('%s → %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  it('stops early, answering max + 1, once the distance is sure to be larger', () => {
    expect(editDistance('recycling', 'parking', 1)).toBe(2);
    expect(editDistance('a'.repeat(30), 'b'.repeat(30), 2)).toBe(3);
    expect(editDistance('abc', 'abcdefgh', 2)).toBe(3);
    expect(editDistance('recyclng', 'recycling', 1)).toBe(1);
  });
});

describe('allowances', () => {
  it('let searches forgive one slip from 5 letters and two from 9, never under 5', () => {
    expect(['bins', 'waste', 'recyclng', 'recycling'].map(typoAllowance)).toEqual([0, 1, 1, 2]);
  });

  it('let "did you mean" go further, down to 3 letters', () => {
    expect(['ab', 'bns', 'bnis', 'waste'].map(suggestionAllowance)).toEqual([0, 1, 1, 2]);
  });
});

describe('oneEditAway', () => {
  it('lists every word one edit away, and only those', () => {
    const variants = oneEditAway('bnis');
    expect(variants).toContain('bins');
    expect(variants).toContain('bis');
    expect(variants).toContain('bnits');
    expect(variants).not.toContain('bnis');
    for (const variant of variants) expect(editDistance('bnis', variant)).toBe(1);
    expect(variants.length).toBeLessThan(260);
  });
});
