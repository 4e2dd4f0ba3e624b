import { describe, expect, it } from 'vitest';
import { anonymous } from '@/lib/auth/viewer';
import { emptyFilters } from '../search-params';
import { publishedFilter, searchFilter, visibilityFilter } from './filters';

// The "published in a period" filter digests use (lib/following): numbers made here from validated
// instants, never text from outside, and always after the visibility condition.
describe('publishedFilter', () => {
  it('compares publishedAt (microseconds) with the period’s ends', () => {
    expect(publishedFilter({ after: '2026-12-01T00:00:00.000Z', upTo: '2026-12-08T00:00:00Z' })).toEqual([
      `publishedAt > ${Date.parse('2026-12-01T00:00:00Z') * 1000}`,
      `publishedAt <= ${Date.parse('2026-12-08T00:00:00Z') * 1000}`,
    ]);
    expect(publishedFilter({ upTo: '2026-12-08T00:00:00Z' })).toEqual([`publishedAt <= ${Date.parse('2026-12-08T00:00:00Z') * 1000}`]);
  });

  it('adds nothing for no period, and nothing for values that are not instants', () => {
    expect(publishedFilter(undefined)).toEqual([]);
    expect(publishedFilter({ after: '1 OR visibility = "organisation"', upTo: '' })).toEqual([]);
  });

  it('comes after the visibility condition', () => {
    const filter = searchFilter(anonymous, emptyFilters(), undefined, { after: '2026-12-01T00:00:00Z' });
    expect(filter).toEqual([visibilityFilter(anonymous), `publishedAt > ${Date.parse('2026-12-01T00:00:00Z') * 1000}`]);
  });
});
