import { todayInLondon } from '@/lib/text/calendar-days';

/**
 * Digest periods are UK calendar days and ISO weeks: '2026-12-03' for a daily digest, '2026-W49' for a
 * weekly one. A person gets at most one digest per period (digests table). Safe to import anywhere.
 */

/** New digests are started from this hour of the UK morning (the worker looks every hour). */
export const digestHourInLondon = 7;

const londonHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' });

export function dailyPeriod(now: Date): string {
  return todayInLondon(now);
}

/** The ISO 8601 week of the UK day: weeks start on Monday; week 1 holds the year's first Thursday. */
export function weeklyPeriod(now: Date): string {
  const [year, month, day] = todayInLondon(now).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday); // the Thursday of this week decides its year
  const weekYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

/** Whether new digests may start now: from 7am UK time; weekly ones on Mondays only. */
export function digestsDue(now: Date): { daily: boolean; weekly: boolean } {
  const morning = Number(londonHour.format(now)) >= digestHourInLondon;
  const [year, month, day] = todayInLondon(now).split('-').map(Number) as [number, number, number];
  const monday = new Date(Date.UTC(year, month - 1, day)).getUTCDay() === 1;
  return { daily: morning, weekly: morning && monday };
}
