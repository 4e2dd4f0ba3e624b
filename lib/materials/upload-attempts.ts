import 'server-only';
import { eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Viewer } from '@/lib/auth/viewer';
import type { FieldError } from '@/lib/errors';
import { uploadAttempts } from '@/lib/db/schema';
import type { Services } from '@/lib/services';

/**
 * The answers of a refused upload, kept briefly so the form can be shown again with everything the
 * person typed and what to fix. The form posts to a route handler (so files stream), which redirects
 * back to the form with the attempt's id. The file itself is never kept: it must be chosen again.
 *
 * An attempt is bound to the person who made it, as the other forms' attempts are (form-attempts.ts):
 * anyone else given the link (another council's member, a site admin) sees an empty form, never the
 * answers, which may describe material their council keeps to itself.
 */

const keptValues = z.object({
  title: z.string().default(''),
  summary: z.string().default(''),
  phases: z.array(z.string()).default([]),
  artefactType: z.string().default(''),
  kind: z.string().default(''),
  topics: z.array(z.string()).default([]),
  tags: z.string().default(''),
  council: z.string().default(''),
  licence: z.string().default(''),
  visibility: z.string().default(''),
});

export type UploadFormValues = z.infer<typeof keptValues>;

const keptErrors = z.array(z.object({ field: z.string(), message: z.string() }));

const maxAge = 24 * 60 * 60 * 1000;

const asList = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);
const asText = (value: unknown) => (Array.isArray(value) ? String(value[0] ?? '') : value === undefined ? '' : String(value));

/** The form's answers, as the form will show them again. Anything unexpected is dropped. */
export function uploadFormValues(fields: Record<string, unknown>): UploadFormValues {
  return keptValues.parse({
    title: asText(fields.title).slice(0, 1000),
    summary: asText(fields.summary).slice(0, 10_000),
    phases: asList(fields.phases).slice(0, 20),
    artefactType: asText(fields.artefactType).slice(0, 100),
    kind: asText(fields.kind).slice(0, 100),
    topics: asList(fields.topics).slice(0, 50),
    tags: asText(fields.tags).slice(0, 2000),
    council: asText(fields.council).slice(0, 100),
    licence: asText(fields.licence).slice(0, 100),
    visibility: asText(fields.visibility).slice(0, 20),
  });
}

const ownerOf = (viewer: Viewer) => (viewer.kind === 'user' ? viewer.userId : 'anonymous');
const owner = z.object({ userId: z.string() });

export async function saveUploadAttempt(services: Services, viewer: Viewer, values: UploadFormValues, errors: FieldError[]): Promise<string> {
  await services.db.delete(uploadAttempts).where(lt(uploadAttempts.createdAt, new Date(Date.now() - maxAge)));
  const [row] = await services.db
    .insert(uploadAttempts)
    .values({ values: { ...values, userId: ownerOf(viewer) }, errors })
    .returning({ id: uploadAttempts.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** The attempt, if it is the viewer's own (and recent); otherwise undefined, as if there had been none. */
export async function loadUploadAttempt(
  services: Services,
  viewer: Viewer,
  id: string,
): Promise<{ values: UploadFormValues; errors: FieldError[] } | undefined> {
  if (!z.uuid().safeParse(id).success) return undefined;
  const [row] = await services.db.select().from(uploadAttempts).where(eq(uploadAttempts.id, id));
  if (!row || row.createdAt.getTime() < Date.now() - maxAge) return undefined;
  const madeBy = owner.safeParse(row.values);
  if (!madeBy.success || madeBy.data.userId !== ownerOf(viewer)) return undefined;
  const values = keptValues.safeParse(row.values);
  const errors = keptErrors.safeParse(row.errors);
  return values.success && errors.success ? { values: values.data, errors: errors.data } : undefined;
}
