import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './dates';

describe('dates as the hub shows them', () => {
  it('writes dates in the GOV.UK style, in UK time whatever the server is set to', () => {
    expect(formatDate('2026-07-01T12:30:00Z')).toBe('1 July 2026');
    // 23:30 UTC on 30 June is already 1 July in London (British Summer Time).
    expect(formatDate('2026-06-30T23:30:00Z')).toBe('1 July 2026');
    expect(formatDate(new Date('2026-12-02T10:00:00Z'))).toBe('2 December 2026');
  });

  it('writes times as 1:30pm, and noon and midnight as words', () => {
    expect(formatDateTime('2026-07-01T12:30:00Z')).toBe('1 July 2026 at 1:30pm');
    expect(formatDateTime('2026-12-02T09:05:00Z')).toBe('2 December 2026 at 9:05am');
    expect(formatDateTime('2026-12-02T12:00:00Z')).toBe('2 December 2026 at midday');
    expect(formatDateTime('2026-12-02T00:00:00Z')).toBe('2 December 2026 at midnight');
  });
});
