import { describe, expect, it } from 'vitest';
import { etagOf, ifNoneMatchMatches } from './etag';

describe('ETags', () => {
  const tag = etagOf('{"a":1}');

  it('is the same for the same body and different for another', () => {
    expect(etagOf('{"a":1}')).toBe(tag);
    expect(etagOf('{"a":2}')).not.toBe(tag);
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
  });

  it('matches If-None-Match by weak comparison, in a list, or *', () => {
    expect(ifNoneMatchMatches(tag, tag)).toBe(true);
    expect(ifNoneMatchMatches(`W/${tag}`, tag)).toBe(true);
    expect(ifNoneMatchMatches(`"other", ${tag}`, tag)).toBe(true);
    expect(ifNoneMatchMatches('*', tag)).toBe(true);
    expect(ifNoneMatchMatches('"other"', tag)).toBe(false);
    expect(ifNoneMatchMatches(tag.slice(1, -1), tag)).toBe(false);
    expect(ifNoneMatchMatches(null, tag)).toBe(false);
    expect(ifNoneMatchMatches('', tag)).toBe(false);
  });
});
