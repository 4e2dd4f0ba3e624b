import { describe, expect, it } from 'vitest';
import { firstSampleBuckets, mayBeWithinExactLimit, roughly, sampling, scaledCount, widerSampleBuckets } from './sampling';

describe('counting a large result from a sample', () => {
  it('rounds estimates to two significant figures, leaving small numbers as they are', () => {
    expect(roughly(82_176)).toBe(82_000);
    expect(roughly(1_449)).toBe(1_400);
    expect(roughly(1_450)).toBe(1_500);
    expect(roughly(999)).toBe(1_000);
    expect(roughly(57)).toBe(57);
    expect(roughly(57.4)).toBe(57);
  });

  it('samples the whole table when it is no bigger than a sample, or has never been measured', () => {
    expect(firstSampleBuckets(sampling.sampleTarget)).toBe(sampling.buckets);
    expect(firstSampleBuckets(300)).toBe(sampling.buckets);
    expect(firstSampleBuckets(0)).toBe(sampling.buckets);
    expect(firstSampleBuckets(-1)).toBe(sampling.buckets);
  });

  it('takes about sampleTarget materials of a large table, and at least one bucket', () => {
    const buckets = firstSampleBuckets(100_000);
    expect(buckets).toBe(Math.ceil((256 * sampling.sampleTarget) / 100_000));
    expect((buckets / 256) * 100_000).toBeGreaterThanOrEqual(sampling.sampleTarget);
    expect((buckets / 256) * 100_000).toBeLessThan(sampling.sampleTarget * 1.5);
    expect(firstSampleBuckets(100_000_000)).toBe(1);
  });

  it('widens a sample that held too few matches, never past the whole table', () => {
    expect(widerSampleBuckets(4, sampling.minimumSample)).toBeNull();
    expect(widerSampleBuckets(4, 30)).toBe(Math.ceil((4 * sampling.minimumSample * 2) / 30));
    expect(widerSampleBuckets(4, 0)).toBe(256);
    expect(widerSampleBuckets(256, 3)).toBeNull();
  });

  it('scales a sample count up to the whole, and leaves a whole-table count exact', () => {
    expect(scaledCount(100, 4)).toBe(6_400);
    expect(scaledCount(123, 7)).toBe(roughly((123 * 256) / 7));
    expect(scaledCount(1_234, 256)).toBe(1_234);
  });

  it('counts again exactly only a result the sample leaves room to be within the exact limit', () => {
    // A whole-table "sample" is the exact count.
    expect(mayBeWithinExactLimit(1_000, 256)).toBe(true);
    expect(mayBeWithinExactLimit(1_001, 256)).toBe(false);
    // 100 of a 1-in-16 sample: about 1,600, and at least 1,280 (two square roots below): not counted again.
    expect(mayBeWithinExactLimit(100, 16)).toBe(false);
    // 18 of a 1-in-64 sample: about 1,150, but as few as 608: counted again.
    expect(mayBeWithinExactLimit(18, 4)).toBe(true);
    // About 1,000 from a large sample, and nothing at all: counted again.
    expect(mayBeWithinExactLimit(62, 16)).toBe(true);
    expect(mayBeWithinExactLimit(0, 1)).toBe(true);
    // Far beyond the limit whatever the sample's luck.
    expect(mayBeWithinExactLimit(400, 4)).toBe(false);
  });
});
