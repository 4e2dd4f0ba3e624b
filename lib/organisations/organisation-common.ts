import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Viewer } from '@/lib/auth/viewer';
import type { Database } from '@/lib/db/client';
import { organisations } from '@/lib/db/schema';
import type { Transaction } from '@/lib/db/transaction';
import { AppError, ValidationError, type FieldError } from '@/lib/errors';

/**
 * What the organisation verbs share: input shapes, looking an organisation up, the errors they raise,
 * and the DTOs they return. The verbs themselves are one to a file beside this one.
 *
 * Who gets which answer:
 *   - an organisation named by its slug is public knowledge: unknown slug → not_found; known but not
 *     the viewer's to act on → forbidden;
 *   - a member or join request named by its id is not: anything the viewer may not act on → not_found,
 *     so ids cannot be probed;
 *   - anonymous viewers are refused (forbidden) before anything is looked up.
 */

export type SignedInViewer = Extract<Viewer, { kind: 'user' }>;

export type OrganisationType = 'council' | 'public-body';

export interface OrganisationSummary {
  slug: string;
  name: string;
  type: OrganisationType;
}

export type OrganisationRow = typeof organisations.$inferSelect;

export const organisationSlug = z
  .string({ error: 'Select an organisation' })
  .trim()
  .min(1, { error: 'Select an organisation' })
  .max(100, { error: 'Select an organisation from the list' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'Select an organisation from the list' });

export const roleSchema = z.enum(['member', 'org_admin'], { error: 'Choose member or organisation admin' });

export const notFound = (what = 'page') => new AppError('not_found', `The ${what} could not be found.`);

export const forbidden = (message = 'You do not have permission to do that.') => new AppError('forbidden', message);

/** The viewer, if signed in; otherwise refused. */
export function requireSignedIn(viewer: Viewer, message = 'Sign in to do that.'): SignedInViewer {
  if (viewer.kind !== 'user') throw forbidden(message);
  return viewer;
}

/**
 * Parses input with a zod schema; a refusal becomes a ValidationError with one message per field,
 * each named after the form field (the schema's key), so forms can link the message to the field.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message: issue.message });
  }
  throw new ValidationError(errors);
}

/** A refusal about the request as a whole rather than one field (shown in the error summary). */
export function refuse(message: string, field = 'form'): ValidationError {
  return new ValidationError([{ field, message }]);
}

export async function findOrganisation(db: Pick<Database, 'select'>, slug: string): Promise<OrganisationRow | undefined> {
  const [row] = await db.select().from(organisations).where(eq(organisations.slug, slug));
  return row;
}

/** The organisation with this slug, or not_found. A malformed slug is not found either. */
export async function organisationOrNotFound(db: Pick<Database, 'select'>, slug: unknown): Promise<OrganisationRow> {
  const parsed = organisationSlug.safeParse(slug);
  const row = parsed.success ? await findOrganisation(db, parsed.data) : undefined;
  if (!row) throw notFound('organisation');
  return row;
}

/**
 * Locks the organisation's row until the transaction ends, so that changes to its membership happen
 * one at a time (two admins demoting each other at once cannot leave it with none).
 */
export async function lockOrganisation(tx: Transaction, organisationId: string): Promise<void> {
  await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId)).for('update');
}

export function summaryOf(row: Pick<OrganisationRow, 'slug' | 'name' | 'type'>): OrganisationSummary {
  return { slug: row.slug, name: row.name, type: row.type === 'public-body' ? 'public-body' : 'council' };
}

export const roleLabels: Record<string, string> = { member: 'Member', org_admin: 'Organisation admin' };

export const organisationTypeLabels: Record<OrganisationType, string> = { council: 'Council', 'public-body': 'Public body' };
