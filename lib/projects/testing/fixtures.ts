import { addDays, todayInLondon } from '@/lib/text/calendar-days';

/** Test helpers for projects: form answers as a browser posts them. */

/** The three boxes of a GOV.UK date input for a day `days` from today in London, under `prefix`. */
export function dayIn(prefix: 'start' | 'end', days: number, now = new Date()): Record<string, string> {
  const [year, month, day] = addDays(todayInLondon(now), days).split('-') as [string, string, string];
  return { [`${prefix}Day`]: String(Number(day)), [`${prefix}Month`]: String(Number(month)), [`${prefix}Year`]: year };
}

export function projectAnswers(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    name: 'Bin collections redesign',
    summary: 'Finding out why residents miss bin collections and what would help',
    topics: [],
    lgsl: '524',
    phase: 'discovery',
    ...dayIn('start', -30),
    startEstimated: '',
    ...dayIn('end', 150),
    endEstimated: 'yes',
    collaboration: ['sharing', 'partners'],
    fundingSource: 'council-budget',
    fundingDetail: '',
    link1Title: 'Our weeknotes',
    link1Url: 'https://example.org/weeknotes',
    visibility: 'public',
    ...overrides,
  };
}
