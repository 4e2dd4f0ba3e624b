import 'server-only';
import { z } from 'zod';
import { addDays, dayFromParts, todayInLondon } from '@/lib/text/calendar-days';
import { ValidationError, type FieldError } from '@/lib/errors';
import { single } from '@/lib/materials/material-access';
import { tokenScopes, type TokenScope } from './token-scope';

export const tokenNameLimit = 100;
/** The longest a token may live: a year (the day a year from today is the last day allowed). */
export const longestTokenLifeDays = 365;
const dayInMs = 24 * 60 * 60 * 1000;

export interface TokenAnswers {
  name: string;
  scope: TokenScope;
  /** The last day the token works, 'YYYY-MM-DD' (London). */
  lastDay: string;
  /** When it stops working: the end of that day, never more than a year and a day from now. */
  expiresAt: Date;
}

const text = (value: unknown) => String(single(value) ?? '').trim();

const basics = z.object({
  name: z.string().min(1, 'Enter a name for the token').max(tokenNameLimit, `The name must be ${tokenNameLimit} characters or fewer`),
  scope: z.enum(tokenScopes, { error: 'Choose what the token may do' }),
});

/**
 * The answers of the "Create an API token" form, checked: a name, read only or read and write, and
 * the last day it works (a GOV.UK date input: today at the earliest, a year from today at the latest).
 * Every problem is reported at once, beside its field.
 */
export function readTokenAnswers(fields: Record<string, unknown>, now: Date = new Date()): TokenAnswers {
  const errors: FieldError[] = [];
  const parsed = basics.safeParse({ name: text(fields.name), scope: text(fields.scope) });
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      if (!seen.has(field)) errors.push({ field, message: issue.message });
      seen.add(field);
    }
  }
  const today = todayInLondon(now);
  const latest = addDays(today, longestTokenLifeDays);
  const chosen = dayFromParts(text(fields.expiresDay), text(fields.expiresMonth), text(fields.expiresYear), 'Enter the date the token stops working');
  let lastDay = '';
  if ('error' in chosen) errors.push({ field: 'expiresDay', message: chosen.error });
  else if (chosen.day < today) errors.push({ field: 'expiresDay', message: 'The date must be today or in the future' });
  else if (chosen.day > latest) errors.push({ field: 'expiresDay', message: `The date must be no more than a year from today (${latest.split('-').reverse().join('/')} at the latest)` });
  else lastDay = chosen.day;

  if (errors.length > 0 || !parsed.success) throw new ValidationError(errors.sort((a, b) => fieldOrder.indexOf(a.field) - fieldOrder.indexOf(b.field)));
  // The end of the last day (UTC midnight after it), capped so it is never more than 366 days away
  // (the database refuses more, and London's summer hour could otherwise push it just over).
  const endOfDay = new Date(`${addDays(lastDay, 1)}T00:00:00Z`);
  const expiresAt = new Date(Math.min(endOfDay.getTime(), now.getTime() + 366 * dayInMs - 1000));
  return { ...parsed.data, lastDay, expiresAt };
}

const fieldOrder = ['name', 'scope', 'expiresDay'];
