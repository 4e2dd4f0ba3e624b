import { describe, expect, it } from 'vitest';
import { sourceLabel } from './source-label';

describe('sourceLabel', () => {
  it('names a repository on GitHub without its long path', () => {
    expect(
      sourceLabel(
        'https://github.com/alphagov/government-service-design-manual/blob/4efa105e0dde7beb862f99253f118e140da8d487/service-manual/phases/discovery.md',
      ),
    ).toBe('government-service-design-manual on GitHub');
    expect(sourceLabel('https://github.com/')).toBe('GitHub');
  });

  it('names other sites by their address without www', () => {
    expect(sourceLabel('https://www.gov.uk/service-manual/agile-delivery/how-the-discovery-phase-works')).toBe('gov.uk');
    expect(sourceLabel('http://Example.ORG/persona')).toBe('example.org');
  });

  it('gives nothing for what is not a web address', () => {
    expect(sourceLabel('javascript:alert(1)')).toBeNull();
    expect(sourceLabel('not a url')).toBeNull();
  });
});
