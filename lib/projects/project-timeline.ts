import { addDays, todayInLondon } from '@/lib/text/calendar-days';
import { quietAfterDays } from './project-words';

/**
 * Pure helpers for a project's picture over time. Safe to import anywhere.
 */

export interface PhaseSpan {
  phase: string;
  from: string;
  /** The day it moved on; null for the phase it is in now. */
  until: string | null;
}

/**
 * The phases a project has been through, oldest first: the phase it was registered in from its start
 * date, then each phase change posted as an update, from the day it was posted.
 */
export function phaseSpans(project: { phase: string; startOn: string }, changes: { phaseFrom: string | null; phaseTo: string | null; postedOn: string }[]): PhaseSpan[] {
  const moves = changes.filter((c) => c.phaseTo).sort((a, b) => a.postedOn.localeCompare(b.postedOn));
  const spans: PhaseSpan[] = [{ phase: moves[0]?.phaseFrom ?? project.phase, from: project.startOn, until: null }];
  for (const move of moves) {
    spans[spans.length - 1]!.until = move.postedOn;
    spans.push({ phase: move.phaseTo!, from: move.postedOn, until: null });
  }
  return spans;
}

/** Whole days from a day to today in London. */
export function daysSince(day: string, now?: Date): number {
  const today = todayInLondon(now);
  const [a, b] = [Date.parse(`${day}T00:00:00Z`), Date.parse(`${today}T00:00:00Z`)];
  return Math.max(0, Math.round((b - a) / 86_400_000));
}

/** "Last updated N days ago" is shown when the last update (or registration) is this old or older. */
export function quietDays(lastUpdatedOn: string, now?: Date): number | null {
  const days = daysSince(lastUpdatedOn, now);
  return days >= quietAfterDays ? days : null;
}

export { addDays };
