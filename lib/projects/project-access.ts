import 'server-only';
import { eq } from 'drizzle-orm';
import { canViewProject, type ProjectAccessFacts } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import type { Database } from '@/lib/db/client';
import { projectPartners, projects } from '@/lib/db/schema';
import type { Transaction } from '@/lib/db/transaction';
import { AppError } from '@/lib/errors';
import { parseUuid } from '@/lib/text/uuid';

/**
 * The checks every verb on a project starts with, as for commitments (lib/commitments/commitment-access.ts):
 * cannot see it, or it is not there → 'not_found'; may see it but not do this → 'forbidden'. The row
 * and its partners are read live (and the row locked) inside the change's own transaction.
 */

export type ProjectRow = typeof projects.$inferSelect;
export type ProjectWithFacts = ProjectRow & ProjectAccessFacts;

type Reader = Pick<Database, 'select'> | Transaction;

export function projectNotFound(): AppError {
  return new AppError('not_found', 'Page not found');
}

/** The project if the viewer may see it and `may` allows them; throws 'not_found' or `refused()` otherwise. */
export async function projectFor(
  db: Reader,
  viewer: Viewer,
  projectId: unknown,
  may: (viewer: Viewer, project: ProjectAccessFacts) => boolean = () => true,
  refused: () => AppError = () => new AppError('forbidden', 'You cannot change this project'),
  lock = false,
): Promise<ProjectWithFacts> {
  const id = parseUuid(projectId);
  const reader = db as Pick<Database, 'select'>;
  let row: ProjectRow | undefined;
  if (id) {
    const query = reader.select().from(projects).where(eq(projects.id, id));
    [row] = lock ? await query.for('update') : await query;
  }
  if (!row) throw projectNotFound();
  const partners = await reader
    .select({ organisationId: projectPartners.organisationId, acceptedAt: projectPartners.acceptedAt })
    .from(projectPartners)
    .where(eq(projectPartners.projectId, row.id));
  const project: ProjectWithFacts = {
    ...row,
    invitedOrganisationIds: partners.map((p) => p.organisationId),
    partnerOrganisationIds: partners.filter((p) => p.acceptedAt !== null).map((p) => p.organisationId),
  };
  if (!canViewProject(viewer, project)) throw projectNotFound();
  if (!may(viewer, project)) throw refused();
  return project;
}
