import 'server-only';
import { and, asc, eq, ne, or, sql } from 'drizzle-orm';
import { canEditProject, canPostProjectUpdate, canRegisterProject, visibleMaterialsSql } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import { organisations, projectPartners, projects, topics } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { memberChoices } from '@/lib/organisations/member-choices';
import type { Choice } from '@/lib/forms/choice';
import { projectFor } from './project-access';

/**
 * What the project forms offer: service areas, the council's members as contacts, materials to
 * attach to an update, councils to invite, and (for the share and edit forms of a material) the
 * projects a material may belong to. Only for those who may use the forms; anyone else gets empty lists.
 */

export async function topicChoices(services: Services): Promise<Choice[]> {
  const rows = await services.db.select({ slug: topics.slug, label: topics.label }).from(topics).orderBy(asc(topics.position));
  return rows.map((row) => ({ value: row.slug, label: row.label }));
}

/** Who may be the contact of a new project: the viewer's own council's members. */
export async function newProjectContactChoices(services: Services, viewer: Viewer): Promise<Choice[]> {
  if (viewer.kind !== 'user' || !viewer.organisation || !canRegisterProject(viewer)) return [];
  return memberChoices(services, viewer.organisation.id);
}

/** Who may be the contact of this project: its council's members, for those who may edit it. */
export async function projectContactChoices(services: Services, viewer: Viewer, projectId: unknown): Promise<Choice[]> {
  const project = await projectFor(services.db, viewer, projectId);
  return canEditProject(viewer, project) ? memberChoices(services, project.organisationId) : [];
}

/**
 * Materials the poster may attach to an update: published materials they may see from the project's
 * council, its partners and their own council, newest first.
 */
export async function updateMaterialChoices(services: Services, viewer: Viewer, projectId: unknown): Promise<Choice[]> {
  const project = await projectFor(services.db, viewer, projectId);
  if (!canPostProjectUpdate(viewer, project) || viewer.kind !== 'user') return [];
  const councils = [project.organisationId, ...project.partnerOrganisationIds, ...(viewer.organisation ? [viewer.organisation.id] : [])];
  const rows = await queryRows<{ id: string; title: string }>(
    services.db,
    sql`SELECT m.id, m.title FROM materials m
        WHERE m.organisation_id IN (${sql.join(councils.map((id) => sql`${id}`), sql`, `)}) AND ${visibleMaterialsSql(viewer)}
        ORDER BY m.created_at DESC LIMIT 200`,
  );
  return rows.map((row) => ({ value: row.id, label: row.title }));
}

/** Councils that may be invited: every organisation but the project's own, by name. */
export async function inviteCouncilChoices(services: Services, projectOrganisationId: string): Promise<Choice[]> {
  const rows = await services.db
    .select({ slug: organisations.slug, name: organisations.name })
    .from(organisations)
    .where(ne(organisations.id, projectOrganisationId))
    .orderBy(asc(organisations.name));
  return rows.map((row) => ({ value: row.slug, label: row.name }));
}

/**
 * The projects a material of this council may belong to (the "Project" choice on the share and edit
 * forms): the council's own projects and those it is an accepted partner of. Only offered to people
 * who may share or change the council's materials (the pages check that first).
 */
export async function materialProjectChoices(services: Services, councilSlug: string | null | undefined): Promise<Choice[]> {
  if (!councilSlug) return [];
  const [council] = await services.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, councilSlug));
  if (!council) return [];
  const organisationId = council.id;
  const rows = await services.db
    .selectDistinct({ id: projects.id, name: projects.name })
    .from(projects)
    .leftJoin(projectPartners, and(eq(projectPartners.projectId, projects.id), eq(projectPartners.organisationId, organisationId), sql`${projectPartners.acceptedAt} IS NOT NULL`))
    .where(or(eq(projects.organisationId, organisationId), sql`${projectPartners.projectId} IS NOT NULL`))
    .orderBy(asc(projects.name));
  return rows.map((row) => ({ value: row.id, label: row.name }));
}
