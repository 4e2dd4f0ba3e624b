import 'server-only';
import { eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Viewer } from '@/lib/auth/viewer';
import { uploadAttempts } from '@/lib/db/schema';
import type { FieldError } from '@/lib/errors';
import type { Services } from '@/lib/services';

/**
 * The answers of a refused change to a material (edit details, replace file, withdraw), kept briefly so
 * the form can be shown again with everything the person typed and what to fix. The forms post,
 * without JavaScript, to route handlers that redirect back with the attempt's id (as sharing does, see
 * upload-attempts.ts; the same table holds both).
 *
 * An attempt is bound to the form, the material and the person who made it: anyone else given the link
 * (or another material's form) sees the form as if there had been no attempt. Only the listed fields
 * are kept, each cut to a length; a file is never kept.
 */

export const formAttemptFields = {
  edit: ['title', 'summary', 'phases', 'artefactType', 'kind', 'topics', 'tags', 'licence', 'visibility'],
  replace: ['changeNote'],
  withdraw: ['reason'],
} as const;

export type FormName = keyof typeof formAttemptFields;
export type FormValues = Record<string, string | string[]>;

const maxAge = 24 * 60 * 60 * 1000;

const stored = z.object({
  form: z.enum(['edit', 'replace', 'withdraw']),
  materialId: z.string(),
  userId: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
});

const storedErrors = z.array(z.object({ field: z.string(), message: z.string() }));

function keep(form: FormName, fields: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const name of formAttemptFields[form]) {
    const value = fields[name];
    if (Array.isArray(value)) values[name] = value.slice(0, 50).map((v) => String(v).slice(0, 200));
    else if (value !== undefined && value !== null) values[name] = String(value).slice(0, 10_000);
  }
  return values;
}

const ownerOf = (viewer: Viewer) => (viewer.kind === 'user' ? viewer.userId : 'anonymous');

export async function saveFormAttempt(
  services: Services,
  viewer: Viewer,
  attempt: { form: FormName; materialId: string; fields: Record<string, unknown>; errors: FieldError[] },
): Promise<string> {
  await services.db.delete(uploadAttempts).where(lt(uploadAttempts.createdAt, new Date(Date.now() - maxAge)));
  const values = { form: attempt.form, materialId: attempt.materialId, userId: ownerOf(viewer), values: keep(attempt.form, attempt.fields) };
  const errors = attempt.errors.slice(0, 20).map((e) => ({ field: e.field.slice(0, 50), message: e.message.slice(0, 500) }));
  const [row] = await services.db.insert(uploadAttempts).values({ values, errors }).returning({ id: uploadAttempts.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export async function loadFormAttempt(
  services: Services,
  viewer: Viewer,
  form: FormName,
  materialId: string,
  attemptId: unknown,
): Promise<{ values: FormValues; errors: FieldError[] } | undefined> {
  if (!z.uuid().safeParse(attemptId).success) return undefined;
  const [row] = await services.db.select().from(uploadAttempts).where(eq(uploadAttempts.id, attemptId as string));
  if (!row || row.createdAt.getTime() < Date.now() - maxAge) return undefined;
  const values = stored.safeParse(row.values);
  const errors = storedErrors.safeParse(row.errors);
  if (!values.success || !errors.success) return undefined;
  const v = values.data;
  if (v.form !== form || v.materialId !== materialId || v.userId !== ownerOf(viewer)) return undefined;
  return { values: v.values, errors: errors.data };
}

/** A kept answer as text ('' when none). */
export function textValue(values: FormValues | undefined, name: string): string | undefined {
  const value = values?.[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? (value[0] ?? '') : value;
}

/** A kept answer as a list. */
export function listValue(values: FormValues | undefined, name: string): string[] | undefined {
  const value = values?.[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}
