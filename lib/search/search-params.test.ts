import { describe, expect, it } from 'vitest';
import { parseSearchParams, searchFeedHref, searchHref, toSearchParams, withoutFilter } from './search-params';

describe('parseSearchParams', () => {
  it('browses everything, newest first, when nothing is given', () => {
    expect(parseSearchParams({})).toEqual({
      text: '',
      filters: { phases: [], artefactTypes: [], kinds: [], topics: [], councils: [], licences: [] },
      sort: 'newest',
      page: 1,
      pageSize: 20,
    });
  });

  it('reads words, repeated filters, sort and page', () => {
    const query = parseSearchParams({
      q: '  council   tax ',
      phase: ['discovery', 'alpha', 'discovery'],
      type: 'research-plan',
      kind: 'template',
      topic: ['housing'],
      council: 'aberdeen',
      licence: 'OGL-UK-3.0',
      sort: 'newest',
      page: '3',
    });
    expect(query).toEqual({
      text: 'council tax',
      filters: {
        phases: ['discovery', 'alpha'],
        artefactTypes: ['research-plan'],
        kinds: ['template'],
        topics: ['housing'],
        councils: ['aberdeen'],
        licences: ['OGL-UK-3.0'],
      },
      sort: 'newest',
      page: 3,
      pageSize: 20,
    });
  });

  it('reads the most used and most downloaded sorts', () => {
    expect(parseSearchParams({ sort: 'most-used' }).sort).toBe('most-used');
    expect(parseSearchParams({ q: 'consent', sort: 'most-downloaded' }).sort).toBe('most-downloaded');
    expect(searchHref(parseSearchParams({ sort: 'most-used' }))).toBe('/search?sort=most-used');
  });

  it('sorts by relevance by default when there are words', () => {
    expect(parseSearchParams({ q: 'consent' }).sort).toBe('relevance');
    expect(parseSearchParams({ q: 'consent', sort: 'sideways' }).sort).toBe('relevance');
  });

  it('drops unknown values silently', () => {
    const query = parseSearchParams({
      phase: ['discovery', 'x" OR visibility = "public'],
      type: "'; DROP TABLE materials; --",
      kind: 'nonsense',
      topic: ['housing\\'],
      council: ['Aberdeen', 'adur', 'a b', '../etc', 'x'.repeat(101)],
      licence: 'GPL',
    });
    expect(query.filters).toEqual({
      phases: ['discovery'],
      artefactTypes: [],
      kinds: [],
      topics: [],
      councils: ['adur'],
      licences: [],
    });
  });

  it('keeps words to 200 characters, without control characters', () => {
    expect(parseSearchParams({ q: 'a'.repeat(500) }).text).toHaveLength(200);
    expect(parseSearchParams({ q: 'x\u0000y\n' }).text).toBe('x y');
    expect(parseSearchParams({ q: ['first', 'second'] }).text).toBe('first');
  });

  it('brings the page back into range', () => {
    expect(parseSearchParams({ page: '0' }).page).toBe(1);
    expect(parseSearchParams({ page: '-4' }).page).toBe(1);
    expect(parseSearchParams({ page: '2.5' }).page).toBe(1);
    expect(parseSearchParams({ page: 'lots' }).page).toBe(1);
    expect(parseSearchParams({ page: '999999999' }).page).toBe(500);
  });

  it('reads URLSearchParams too', () => {
    const query = parseSearchParams(new URLSearchParams('q=plan&phase=alpha&phase=beta'));
    expect(query.text).toBe('plan');
    expect(query.filters.phases).toEqual(['alpha', 'beta']);
  });
});

describe('toSearchParams and searchHref', () => {
  it('round-trip, leaving defaults out', () => {
    const query = parseSearchParams({ q: 'plan & "council tax"', phase: ['alpha', 'beta'], council: 'adur', page: '2' });
    const params = toSearchParams(query);
    expect(params.toString()).toBe('q=plan+%26+%22council+tax%22&phase=alpha&phase=beta&council=adur&page=2');
    expect(parseSearchParams(params)).toEqual(query);
    expect(searchHref(parseSearchParams({}))).toBe('/search');
    expect(searchHref(parseSearchParams({ sort: 'relevance' }))).toBe('/search?sort=relevance');
  });

  it('give the feed of a search the same words and filters, without its page or sort', () => {
    const query = parseSearchParams({ q: 'plan', phase: 'alpha', council: 'adur', sort: 'newest', page: '3' });
    expect(searchFeedHref(query)).toBe('/search/feed?q=plan&phase=alpha&council=adur');
    expect(searchFeedHref(parseSearchParams({ sort: 'relevance' }))).toBe('/search/feed');
  });

  it('remove one filter and go back to the first page', () => {
    const query = parseSearchParams({ q: 'plan', phase: ['alpha', 'beta'], page: '4' });
    expect(searchHref(withoutFilter(query, 'phases', 'alpha'))).toBe('/search?q=plan&phase=beta');
  });
});
