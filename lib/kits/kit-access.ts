import 'server-only';
import { eq } from 'drizzle-orm';
import { canViewKit, type KitAccessFacts } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import type { Database } from '@/lib/db/client';
import { kits } from '@/lib/db/schema';
import type { Transaction } from '@/lib/db/transaction';
import { AppError } from '@/lib/errors';
import { parseUuid } from '@/lib/text/uuid';

/**
 * The checks every verb on a kit starts with, so they all answer alike (as for materials and
 * commitments): cannot see it, or it is not there → 'not_found' (saying "forbidden" would tell them it
 * exists); may see it but not do this → 'forbidden'. The rules are lib/auth/permissions/kits.ts; this
 * applies them to the live row, read (and locked) inside the change's own transaction.
 */

export type KitRow = typeof kits.$inferSelect;

type Reader = Pick<Database, 'select'> | Transaction;

export function kitNotFound(): AppError {
  return new AppError('not_found', 'Page not found');
}

export function cannotChangeKit(): AppError {
  return new AppError('forbidden', 'Only members of the council that made this kit can change it.');
}

/** The kit if the viewer may see it and `may` allows them; throws 'not_found' or 'forbidden' otherwise. */
export async function kitFor(
  db: Reader,
  viewer: Viewer,
  kitId: unknown,
  may: (viewer: Viewer, kit: KitAccessFacts) => boolean = () => true,
  lock = false,
): Promise<KitRow> {
  const id = parseUuid(kitId);
  let row: KitRow | undefined;
  if (id) {
    const query = (db as Pick<Database, 'select'>).select().from(kits).where(eq(kits.id, id));
    [row] = lock ? await query.for('update') : await query;
  }
  if (!row || !canViewKit(viewer, row)) throw kitNotFound();
  if (!may(viewer, row)) throw cannotChangeKit();
  return row;
}

/** Someone signed out is sent to sign in (lib/http/form-route.ts turns this into the sign-in page). */
export function requireSignedIn(viewer: Viewer, doing: string): Extract<Viewer, { kind: 'user' }> {
  if (viewer.kind !== 'user') throw new AppError('unauthenticated', `Sign in to ${doing}.`);
  return viewer;
}

/** What the audit log keeps of a kit's own answers. */
export function kitAuditView(kit: { title: string; description: string; visibility: string }) {
  return { title: kit.title, description: kit.description, visibility: kit.visibility };
}
