import { describe, expect, it } from 'vitest';
import { parseMoment, parseSendDigestsArguments } from './send-digests-arguments';

describe('npm run digests:send arguments', () => {
  it('runs as of the clock without arguments, and shows the usage for --help', () => {
    expect(parseSendDigestsArguments([])).toEqual({ help: false });
    expect(parseSendDigestsArguments(['--help'])).toEqual({ help: true });
    expect(parseSendDigestsArguments(['-h', '--now'])).toEqual({ help: true });
  });

  it('takes --now as a moment with its offset, in either spelling', () => {
    expect(parseSendDigestsArguments(['--now', '2026-12-04T09:00Z'])).toEqual({ help: false, now: new Date('2026-12-04T09:00:00Z') });
    expect(parseSendDigestsArguments(['--now=2026-06-01T08:30:15+01:00'])).toEqual({ help: false, now: new Date('2026-06-01T07:30:15Z') });
    expect(parseMoment('2026-12-04T09:00:00.250Z')).toEqual(new Date('2026-12-04T09:00:00.250Z'));
  });

  it('refuses a time without an offset, a day that does not exist, junk, a missing value, repeats and other arguments', () => {
    for (const args of [
      ['--now', '2026-12-04T09:00'],
      ['--now', '2026-12-04'],
      ['--now', '2026-02-30T09:00Z'],
      ['--now', '2026-12-04T25:00Z'],
      ['--now', 'tomorrow'],
      ['--now'],
      ['--now='],
      ['--now', '2026-12-04T09:00Z', '--now', '2026-12-05T09:00Z'],
      ['--later'],
      ['2026-12-04T09:00Z'],
    ]) {
      expect(parseSendDigestsArguments(args)).toHaveProperty('error');
    }
  });
});
