import 'server-only';
import { eq } from 'drizzle-orm';
import { canViewCommitment, type CommitmentAccessFacts } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import type { Database } from '@/lib/db/client';
import { commitments } from '@/lib/db/schema';
import type { Transaction } from '@/lib/db/transaction';
import { AppError } from '@/lib/errors';
import { parseUuid } from '@/lib/text/uuid';

/**
 * The checks every verb on a commitment starts with, so they all answer alike (as for materials,
 * lib/materials/material-access.ts): cannot see it, or it is not there → 'not_found' (saying
 * "forbidden" would tell them it exists); may see it but not do this → 'forbidden'. The rules are
 * lib/auth/permissions.ts; this applies them to the live row, read (and locked) inside the change's
 * own transaction, so a membership revoked a moment ago already counts.
 */

export type CommitmentRow = typeof commitments.$inferSelect;

type Reader = Pick<Database, 'select'> | Transaction;

export function commitmentNotFound(): AppError {
  return new AppError('not_found', 'Page not found');
}

/** The commitment if the viewer may see it and `may` allows them; throws 'not_found' or `refused()` otherwise. */
export async function commitmentFor(
  db: Reader,
  viewer: Viewer,
  commitmentId: unknown,
  may: (viewer: Viewer, commitment: CommitmentAccessFacts) => boolean = () => true,
  refused: () => AppError = () => new AppError('forbidden', 'You cannot change this commitment'),
  lock = false,
): Promise<CommitmentRow> {
  const id = parseUuid(commitmentId);
  let row: CommitmentRow | undefined;
  if (id) {
    const query = (db as Pick<Database, 'select'>).select().from(commitments).where(eq(commitments.id, id));
    [row] = lock ? await query.for('update') : await query;
  }
  if (!row || !canViewCommitment(viewer, row)) throw commitmentNotFound();
  if (!may(viewer, row)) throw refused();
  return row;
}

/** Someone signed out is sent to sign in (lib/http/form-route.ts turns this into the sign-in page). */
export function requireSignedIn(viewer: Viewer, doing: string): Extract<Viewer, { kind: 'user' }> {
  if (viewer.kind !== 'user') throw new AppError('unauthenticated', `Sign in to ${doing}.`);
  return viewer;
}
