import { z } from 'zod';

/**
 * The one check for ids from outside (route parameters, form fields, job data, session user ids):
 * anything that is not a UUID is refused before it reaches a query. Safe to import anywhere.
 */
const uuid = z.uuid();

export function isUuid(value: unknown): value is string {
  return uuid.safeParse(value).success;
}

/** The id if it is a UUID, otherwise undefined. */
export function parseUuid(value: unknown): string | undefined {
  return isUuid(value) ? value : undefined;
}
