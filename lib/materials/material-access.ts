import 'server-only';
import { eq } from 'drizzle-orm';
import { type z } from 'zod';
import { canChangeMaterial, canDeleteMaterial, canViewMaterial } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import type { Database } from '@/lib/db/client';
import { materials } from '@/lib/db/schema';
import type { Transaction } from '@/lib/db/transaction';
import { AppError, type FieldError } from '@/lib/errors';
import { parseUuid } from '@/lib/text/uuid';
import { materialColumns } from './row-columns';

/**
 * The checks every verb that changes a material starts with, so they all answer alike:
 *
 *   cannot see it (missing, private to another council, withdrawn from them)  → 'not_found' (404):
 *       saying "forbidden" would tell them it exists.
 *   may see it but not change it (say, another council's public material)    → 'forbidden' (403):
 *       they already know it exists.
 *
 * The rules themselves are lib/auth/permissions.ts; this file only applies them to the live row, read
 * (and locked) inside the change's own transaction, so a membership revoked a moment ago already counts.
 */

/** A material's row without its search vector (see row-columns.ts). */
export type MaterialRow = Omit<typeof materials.$inferSelect, 'searchVector'>;

type Reader = Pick<Database, 'select'> | Transaction;

export function materialNotFound(): AppError {
  return new AppError('not_found', 'Page not found');
}

export function cannotChangeMaterial(): AppError {
  return new AppError('forbidden', 'You cannot change this material');
}

export function cannotDeleteMaterial(): AppError {
  return new AppError('forbidden', 'Only site administrators can delete a material');
}

/** A material id from outside (route parameter, form), or undefined when it cannot be one. */
export function parseMaterialId(id: unknown): string | undefined {
  return parseUuid(id);
}

async function readMaterial(db: Reader, id: string, lock: boolean): Promise<MaterialRow | undefined> {
  const query = (db as Pick<Database, 'select'>).select(materialColumns).from(materials).where(eq(materials.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/**
 * The material, if the viewer may change it; throws 'not_found' or 'forbidden' otherwise.
 * With `lock`, the row is locked until the transaction ends (use it inside the change's transaction).
 */
export async function materialToChange(db: Reader, viewer: Viewer, materialId: unknown, lock = false): Promise<MaterialRow> {
  const id = parseMaterialId(materialId);
  const row = id ? await readMaterial(db, id, lock) : undefined;
  if (!row || !canViewMaterial(viewer, row)) throw materialNotFound();
  if (!canChangeMaterial(viewer, row)) throw cannotChangeMaterial();
  return row;
}

/** The material, if the viewer may delete it; throws 'not_found' or 'forbidden' otherwise. */
export async function materialToDelete(db: Reader, viewer: Viewer, materialId: unknown, lock = false): Promise<MaterialRow> {
  const id = parseMaterialId(materialId);
  const row = id ? await readMaterial(db, id, lock) : undefined;
  if (!row || !canViewMaterial(viewer, row)) throw materialNotFound();
  if (!canDeleteMaterial(viewer)) throw cannotDeleteMaterial();
  return row;
}

/** The material, if the viewer may see it; throws 'not_found' otherwise. */
export async function materialToView(db: Reader, viewer: Viewer, materialId: unknown): Promise<MaterialRow> {
  const id = parseMaterialId(materialId);
  const row = id ? await readMaterial(db, id, false) : undefined;
  if (!row || !canViewMaterial(viewer, row)) throw materialNotFound();
  return row;
}

/** One message per form field (the first), named as the form posts it. */
export function fieldErrorsOf(error: z.ZodError, fieldNames: Record<string, string> = {}): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '');
    const field = fieldNames[key] ?? key;
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message: issue.message });
  }
  return errors;
}

/** A form value sent once: the first when sent several times, undefined when not sent. */
export function single(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}
