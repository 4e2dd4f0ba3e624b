import { z } from 'zod';
import { named } from './registry';

/** Shared pieces of the API's answers. */

export const isoDateTime = z.iso.datetime({ offset: true }).describe('A date and time (ISO 8601, UTC).');
export const isoDate = z.iso.date().describe('A date (ISO 8601).');
export const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

export const councilRef = named(
  'CouncilRef',
  z.object({ slug, name: z.string() }).describe('A council or other public body, by its slug and name.'),
);

/** How many to return in a page. */
export function limitParam(defaultLimit: number, maxLimit: number) {
  const message = `Give limit as a whole number from 1 to ${maxLimit}.`;
  return z.coerce
    .number({ error: message })
    .int({ error: message })
    .min(1, { error: message })
    .max(maxLimit, { error: message })
    .optional()
    .describe(`How many to return in one page (default ${defaultLimit}, at most ${maxLimit}).`);
}

/** The next page, when there is one. */
export const pageFields = {
  next: z.string().nullable().describe('The cursor for the next page (pass it as `cursor`), or null on the last page.'),
  nextUrl: z.string().nullable().describe('The next page as a path on this hub, or null on the last page.'),
};
