import 'server-only';
import { and, asc, desc, eq, exists, isNotNull, or } from 'drizzle-orm';
import { canAddCommitmentEvidence, canChangeCommitment, canRecordCommitment } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { materials, organisations, phases, projectPartners, projects } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { memberChoices } from '@/lib/organisations/member-choices';
import type { Choice } from '@/lib/forms/choice';
import { commitmentFor } from './commitment-access';

/**
 * What the commitment forms offer: the phases, the members of the council who may be the contact,
 * and the council's published materials and projects that can be attached as evidence. Only for those who may use
 * the forms; anyone else gets empty lists.
 */

export async function phaseChoices(services: Services): Promise<Choice[]> {
  const rows = await services.db.select({ slug: phases.slug, label: phases.label }).from(phases).orderBy(asc(phases.position));
  return rows.map((row) => ({ value: row.slug, label: row.label }));
}

/** Who may be the contact of a new commitment: the members of the viewer's own council. */
export async function newCommitmentContactChoices(services: Services, viewer: Viewer): Promise<Choice[]> {
  if (viewer.kind !== 'user' || !viewer.organisation || !canRecordCommitment(viewer)) return [];
  return memberChoices(services, viewer.organisation.id);
}

/** Who may be the contact of this commitment: its council's members, for those who may change it. */
export async function commitmentContactChoices(services: Services, viewer: Viewer, commitmentId: unknown): Promise<Choice[]> {
  const commitment = await commitmentFor(services.db, viewer, commitmentId);
  return canChangeCommitment(viewer, commitment) ? memberChoices(services, commitment.organisationId) : [];
}

/** The council's published materials the viewer may see, newest first: what a member may attach. */
export async function evidenceMaterialChoices(services: Services, viewer: Viewer, commitmentId: unknown): Promise<Choice[]> {
  const commitment = await commitmentFor(services.db, viewer, commitmentId);
  if (!canAddCommitmentEvidence(viewer, commitment)) return [];
  // Members see every published material of their own council, whatever its visibility.
  const rows = await services.db
    .select({ id: materials.id, title: materials.title })
    .from(materials)
    .where(and(eq(materials.organisationId, commitment.organisationId), eq(materials.status, 'published')))
    .orderBy(desc(materials.createdAt))
    .limit(200);
  return rows.map((row) => ({ value: row.id, label: row.title }));
}

/**
 * The projects a member may cite as evidence (canCiteProjectAsEvidence): the council's own, then those
 * it is an accepted partner in (named with their council), most recently registered first. Members of
 * the council see all of these, whatever their visibility: their own, or their partners'.
 */
export async function evidenceProjectChoices(services: Services, viewer: Viewer, commitmentId: unknown): Promise<Choice[]> {
  const commitment = await commitmentFor(services.db, viewer, commitmentId);
  if (!canAddCommitmentEvidence(viewer, commitment)) return [];
  const partnered = services.db
    .select({ one: projectPartners.projectId })
    .from(projectPartners)
    .where(and(eq(projectPartners.projectId, projects.id), eq(projectPartners.organisationId, commitment.organisationId), isNotNull(projectPartners.acceptedAt)));
  const rows = await services.db
    .select({ id: projects.id, name: projects.name, organisationId: projects.organisationId, council: organisations.name })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(or(eq(projects.organisationId, commitment.organisationId), exists(partnered)))
    .orderBy(desc(projects.createdAt))
    .limit(200);
  const own = rows.filter((row) => row.organisationId === commitment.organisationId);
  const partners = rows.filter((row) => row.organisationId !== commitment.organisationId);
  return [
    ...own.map((row) => ({ value: row.id, label: row.name })),
    ...partners.map((row) => ({ value: row.id, label: `${row.name} (${row.council}, as partners)` })),
  ];
}
