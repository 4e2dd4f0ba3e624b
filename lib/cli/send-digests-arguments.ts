/**
 * The arguments of `npm run digests:send` (lib/cli/send-digests.ts), read without side effects so
 * they can be tested. `--now <time>` sends the digests as of that moment instead of the clock's: an
 * ISO 8601 date and time with its offset (`2026-12-04T09:00Z`, `2026-12-04T09:00+00:00`), so there
 * is never a doubt which hour in the UK it means.
 */

export type SendDigestsArguments = { help: true } | { help: false; now?: Date } | { error: string };

const isoWithOffset = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** A moment written as ISO 8601 with an offset, or undefined when it is not one (or not a real day, like 30 February). */
export function parseMoment(text: string): Date | undefined {
  const parts = isoWithOffset.exec(text);
  if (!parts) return undefined;
  const [year, month, day, hour, minute, second] = parts.slice(1).map((part) => Number(part ?? 0)) as number[];
  const calendarDay = new Date(Date.UTC(year!, month! - 1, day!));
  if (calendarDay.getUTCMonth() !== month! - 1 || calendarDay.getUTCDate() !== day || hour! > 23 || minute! > 59 || second! > 59) return undefined;
  const moment = new Date(text);
  return Number.isNaN(moment.getTime()) ? undefined : moment;
}

export function parseSendDigestsArguments(args: readonly string[]): SendDigestsArguments {
  if (args.includes('--help') || args.includes('-h')) return { help: true };
  let now: Date | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    let value: string | undefined;
    if (arg === '--now') {
      value = args[i + 1];
      i += 1;
    } else if (arg.startsWith('--now=')) {
      value = arg.slice('--now='.length);
    } else {
      return { error: `Unexpected argument: ${arg}` };
    }
    if (now) return { error: '--now was given twice' };
    if (!value) return { error: '--now needs a time, like --now 2026-12-04T09:00Z' };
    now = parseMoment(value);
    if (!now) return { error: `--now needs a date and time with its offset from UTC, like 2026-12-04T09:00Z (not "${value}")` };
  }
  return now ? { help: false, now } : { help: false };
}
