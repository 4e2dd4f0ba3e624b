/**
 * Calendar days in the UK (a commitment's "by 31 March 2027", a project's start, a token's last day,
 * a digest's period): stored as 'YYYY-MM-DD', and "today" is the day it is in London, whatever the
 * server's own time zone. Safe to import anywhere.
 */

const londonDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in London, as 'YYYY-MM-DD'. */
export function todayInLondon(now: Date = new Date()): string {
  return londonDay.format(now);
}

/** The day `days` after (or before, when negative) a 'YYYY-MM-DD' day. */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/**
 * A day from the three boxes of a GOV.UK date input, or a message saying what is wrong with them
 * (`whenEmpty` when all three are empty, in the form's own words). Years are written in full;
 * "2 30 2027" or "31 2 2027" is not a date.
 */
export function dayFromParts(day: string, month: string, year: string, whenEmpty: string): { day: string } | { error: string } {
  if (!day && !month && !year) return { error: whenEmpty };
  if (!day || !month || !year) return { error: `The date must include a ${[!day && 'day', !month && 'month', !year && 'year'].filter(Boolean).join(' and a ')}` };
  if (![day, month, year].every((part) => /^\d+$/.test(part))) return { error: 'The date must be a real date, written in numbers' };
  if (year.length !== 4) return { error: 'The year must include 4 numbers' };
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || date.getUTCDate() !== d || date.getUTCMonth() !== m - 1) return { error: 'The date must be a real date' };
  return { day: date.toISOString().slice(0, 10) };
}
