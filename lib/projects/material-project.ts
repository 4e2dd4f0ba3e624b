import 'server-only';
import { and, eq, isNotNull, or, exists } from 'drizzle-orm';
import type { Actor } from '@/lib/auth/viewer';
import type { Database } from '@/lib/db/client';
import { projectPartners, projects } from '@/lib/db/schema';
import type { Transaction } from '@/lib/db/transaction';
import type { FieldError } from '@/lib/errors';
import { single } from '@/lib/materials/material-access';
import { isUuid } from '@/lib/text/uuid';

type Reader = Pick<Database, 'select'> | Transaction;

export const materialProjectField = 'project';
const notOneOfYours = 'Choose one of your council’s projects from the list';

/**
 * The project a material is being put in (the "Project" choice on the share and edit forms, or a bulk
 * import's `project` column), checked: one of the material's council's projects, or one that council
 * is an accepted partner of. A person may only choose for their own council's materials (the caller
 * has already checked they may share or change the material). A project that does not exist, or that
 * the council has nothing to do with, gets the same message.
 *
 * Returns undefined when the field was not sent (leave as it is), null when it was sent empty (no
 * project), or the project's id. Problems are pushed onto `errors`.
 */
export async function readMaterialProject(
  db: Reader,
  actor: Actor,
  organisationId: string | null,
  fields: Record<string, unknown>,
  errors: FieldError[],
): Promise<string | null | undefined> {
  if (!(materialProjectField in fields)) return undefined;
  const chosen = String(single(fields[materialProjectField]) ?? '').trim();
  if (!chosen) return null;
  if (!isUuid(chosen) || !organisationId || (actor.kind === 'anonymous')) {
    errors.push({ field: materialProjectField, message: notOneOfYours });
    return undefined;
  }
  const partnered = (db as Pick<Database, 'select'>)
    .select({ one: projectPartners.projectId })
    .from(projectPartners)
    .where(and(eq(projectPartners.projectId, projects.id), eq(projectPartners.organisationId, organisationId), isNotNull(projectPartners.acceptedAt)));
  const [row] = await (db as Pick<Database, 'select'>)
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.id, chosen), or(eq(projects.organisationId, organisationId), exists(partnered))));
  if (!row) {
    errors.push({ field: materialProjectField, message: notOneOfYours });
    return undefined;
  }
  return row.id;
}
