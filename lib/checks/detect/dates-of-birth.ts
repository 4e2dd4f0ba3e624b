import type { DocumentText } from '../document-text';
import { allMatches, type TextMatch } from './text-match';

/**
 * Dates of birth: a full date (day, month and year) right after words that say it is one: "Date of
 * birth: 12/03/1984", "DOB 12.3.84", "born on 12 March 1984", "Birthday - March 12, 1984". Only
 * labels, spaces and punctuation may come between the words and the date. A year alone ("born in
 * 1984") is not a date of birth here.
 */

const CUE = /\b(?:date of birth|birth ?date|d\.?o\.?b\b\.?|born|birthday)/gi;
const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATE = new RegExp(
  [
    String.raw`(?<d1>\d{1,2})[/.-](?<m1>\d{1,2})[/.-](?<y1>\d{4}|\d{2})`,
    String.raw`(?<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?<m2>${MONTHS})\.?,?\s+(?<y2>\d{4})`,
    String.raw`(?<m3>${MONTHS})\.?\s+(?<d3>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y3>\d{4})`,
    String.raw`(?<y4>\d{4})-(?<m4>\d{2})-(?<d4>\d{2})`,
  ]
    .map((p) => `(?:${p})`)
    .join('|'),
  'iy',
);
/** What may stand between the cue and the date: spaces, punctuation, "is", "was", "on". */
const BETWEEN = /^[\s:=\-–—(),.]*(?:(?:is|was|on)\b[\s:=\-–—(),.]*){0,2}/i;

export function findDatesOfBirth(document: DocumentText): TextMatch[] {
  const { text } = document;
  const found: TextMatch[] = [];
  for (const cue of allMatches(CUE, text)) {
    const afterCue = cue.index + cue[0].length;
    const gap = BETWEEN.exec(text.slice(afterCue, afterCue + 20))?.[0] ?? '';
    DATE.lastIndex = afterCue + gap.length;
    const date = DATE.exec(text);
    if (!date || !isPlausibleBirthDate(date.groups ?? {})) continue;
    const start = date.index;
    const end = start + date[0].length;
    found.push({
      kind: 'date-of-birth',
      start,
      end,
      likelihood: 'likely',
      score: 92,
      excerpt: `${cue[0]}: ${date[0].replace(/\d/g, '•').replace(/[a-z]{3,}/gi, '•••')}`,
      reason: 'A full date next to words that say it is someone’s date of birth.',
      key: date[0].replace(/\s+/g, ' ').toLowerCase(),
    });
  }
  return found;
}

function isPlausibleBirthDate(groups: Record<string, string | undefined>): boolean {
  const day = Number(groups.d1 ?? groups.d2 ?? groups.d3 ?? groups.d4);
  const monthText = groups.m1 ?? groups.m2 ?? groups.m3 ?? groups.m4 ?? '';
  const month = /^\d+$/.test(monthText) ? Number(monthText) : monthNumber(monthText);
  const yearText = groups.y1 ?? groups.y2 ?? groups.y3 ?? groups.y4 ?? '';
  const year = yearText.length === 2 ? 1900 + Number(yearText) : Number(yearText);
  return day >= 1 && day <= 31 && month >= 1 && month <= 12 && year >= 1900 && year <= new Date().getFullYear();
}

function monthNumber(name: string): number {
  const index = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(name.slice(0, 3).toLowerCase());
  return index + 1;
}
