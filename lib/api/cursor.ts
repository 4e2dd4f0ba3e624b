import 'server-only';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ApiProblem } from './problem';

/**
 * Opaque page cursors. A cursor holds where the next page starts and a fingerprint of the request it
 * belongs to (every parameter but the cursor), so it cannot be carried over to another search or list
 * where it would mean something else. Not secret and not signed: a program that takes one apart and
 * changes it gets another page of what it may already see, never more.
 */
const cursorBody = z.strictObject({ v: z.literal(1), at: z.number().int().min(0).max(1_000_000), for: z.string().length(16) });

export const cursorParam = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,200}$/)
  .describe('Where the next page starts: the `next` cursor of the page before, with every other parameter unchanged.');

/** A fingerprint of a request's parameters, leaving out the cursor itself. */
export function requestFingerprint(params: URLSearchParams): string {
  const pairs = [...params.entries()].filter(([key]) => key !== 'cursor').sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
  return createHash('sha256').update(JSON.stringify(pairs)).digest('base64url').slice(0, 16);
}

export function encodeCursor(at: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ v: 1, at, for: fingerprint })).toString('base64url');
}

const badCursor = 'The cursor is not one this API gave for these parameters. Start again from the first page, without a cursor.';

/** Where the page starts (0 without a cursor); a cursor that is broken, made up or from another request: 400. */
export function decodeCursor(cursor: string | undefined, fingerprint: string): number {
  if (cursor === undefined) return 0;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new ApiProblem('bad-request', badCursor, [{ parameter: 'cursor', message: badCursor }]);
  }
  const parsed = cursorBody.safeParse(body);
  if (!parsed.success || parsed.data.for !== fingerprint) throw new ApiProblem('bad-request', badCursor, [{ parameter: 'cursor', message: badCursor }]);
  return parsed.data.at;
}

/**
 * One list request's cursor, as every list operation reads it: where its page starts, and how to name
 * the next page (`at`: where it starts, or null when there is none; `path`: the list's API address).
 */
export function readListCursor(url: URL, cursor: string | undefined) {
  const fingerprint = requestFingerprint(url.searchParams);
  return {
    offset: decodeCursor(cursor, fingerprint),
    nextPage(at: number | null, path: string): { next: string | null; nextUrl: string | null } {
      if (at === null) return { next: null, nextUrl: null };
      const next = encodeCursor(at, fingerprint);
      const params = new URLSearchParams(url.searchParams);
      params.set('cursor', next);
      return { next, nextUrl: `${path}?${params}` };
    },
  };
}

/**
 * For lists the pages number (search, projects, commitments): the page number a cursor's offset is.
 * An offset off a page boundary (a limit changed between pages) or past `lastPage`: 400.
 */
export function pageNumberAt(offset: number, limit: number, lastPage = Number.POSITIVE_INFINITY, offBoundary = 'The cursor does not fit these parameters.'): number {
  const page = offset / limit + 1;
  if (!Number.isInteger(page) || page > lastPage) throw new ApiProblem('bad-request', badCursor, [{ parameter: 'cursor', message: offBoundary }]);
  return page;
}
