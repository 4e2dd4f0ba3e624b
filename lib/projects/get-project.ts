import 'server-only';
import { asc, desc, eq, inArray } from 'drizzle-orm';
import {
  canAnswerProjectInvitation,
  canChangeProjectStatus,
  canDeleteProject,
  canEditProject,
  canInviteProjectPartner,
  canPostProjectUpdate,
  canSeeProjectContactEmail,
  canViewMaterial,
} from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { todayInLondon } from '@/lib/text/calendar-days';
import { materials, organisations, phases, projectPartners, projectUpdateMaterials, projectUpdates, topics, users, type ProjectLink } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import type { Services } from '@/lib/services';
import { displayName } from '@/lib/text/display-name';
import { projectFor } from './project-access';
import { phaseSpans, quietDays, type PhaseSpan } from './project-timeline';
import type { Collaboration, FundingSource, ProjectPhase, ProjectStatus } from './project-words';

export interface ProjectUpdateView {
  id: string;
  postedOn: string;
  council: string | null;
  body: string;
  links: ProjectLink[];
  phaseFrom: string | null;
  phaseTo: string | null;
  /** The attached materials the viewer may see; the rest are counted. */
  materials: { id: string; title: string }[];
  hiddenMaterialCount: number;
}

export interface ProjectView {
  id: string;
  name: string;
  summary: string;
  council: { id: string; slug: string; name: string };
  topics: { slug: string; label: string }[];
  lgslCodes: number[];
  phase: ProjectPhase;
  startOn: string;
  startEstimated: boolean;
  expectedEndOn: string | null;
  endEstimated: boolean;
  collaboration: Collaboration[];
  fundingSource: FundingSource | null;
  fundingDetail: string;
  links: ProjectLink[];
  /** Name and council for everyone who may see the project; the email only for signed-in council members. */
  contact: { name: string; council: string; email?: string } | null;
  /** The contact's id, for the edit form: only for those who may edit. */
  contactUserId: string | null;
  visibility: string;
  status: ProjectStatus;
  partners: { slug: string; name: string; accepted: boolean }[];
  /** The project's materials the viewer may see, grouped by their phase, in the hub's phase order. */
  materialsByPhase: { phase: string; label: string; items: { id: string; title: string }[] }[];
  hiddenMaterialCount: number;
  updates: ProjectUpdateView[];
  phaseSpans: PhaseSpan[];
  lastUpdatedOn: string;
  /** Days since the last update when that is 90 or more, else null. */
  quietForDays: number | null;
  can: { edit: boolean; delete: boolean; postUpdate: boolean; invite: boolean; answerInvitation: boolean; changeStatus: boolean };
}

/** A project as its page shows it, for anyone who may see it (canViewProject), or undefined. */
export async function getProject(services: Services, viewer: Viewer, projectId: unknown, options: { now?: Date } = {}): Promise<ProjectView | undefined> {
  let row;
  try {
    row = await projectFor(services.db, viewer, projectId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return undefined;
    throw error;
  }
  const db = services.db;
  const [[council], topicRows, partnerRows, contactRows, materialRows, phaseRows, updateRows] = await Promise.all([
    db.select({ id: organisations.id, slug: organisations.slug, name: organisations.name }).from(organisations).where(eq(organisations.id, row.organisationId)),
    row.topics.length ? db.select({ slug: topics.slug, label: topics.label }).from(topics).where(inArray(topics.slug, row.topics)).orderBy(asc(topics.position)) : Promise.resolve([]),
    db
      .select({ slug: organisations.slug, name: organisations.name, acceptedAt: projectPartners.acceptedAt })
      .from(projectPartners)
      .innerJoin(organisations, eq(organisations.id, projectPartners.organisationId))
      .where(eq(projectPartners.projectId, row.id))
      .orderBy(asc(organisations.name)),
    row.contactUserId ? db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, row.contactUserId)) : Promise.resolve([]),
    db
      .select({ id: materials.id, title: materials.title, phases: materials.phases, status: materials.status, visibility: materials.visibility, organisationId: materials.organisationId })
      .from(materials)
      .where(eq(materials.projectId, row.id))
      .orderBy(desc(materials.createdAt)),
    db.select({ slug: phases.slug, label: phases.label }).from(phases).orderBy(asc(phases.position)),
    db
      .select({
        id: projectUpdates.id,
        postedOn: projectUpdates.postedOn,
        council: organisations.name,
        body: projectUpdates.body,
        links: projectUpdates.links,
        phaseFrom: projectUpdates.phaseFrom,
        phaseTo: projectUpdates.phaseTo,
        createdAt: projectUpdates.createdAt,
      })
      .from(projectUpdates)
      .leftJoin(organisations, eq(organisations.id, projectUpdates.organisationId))
      .where(eq(projectUpdates.projectId, row.id))
      .orderBy(desc(projectUpdates.postedOn), desc(projectUpdates.createdAt)),
  ]);

  const attached = updateRows.length
    ? await db
        .select({ updateId: projectUpdateMaterials.updateId, id: materials.id, title: materials.title, status: materials.status, visibility: materials.visibility, organisationId: materials.organisationId })
        .from(projectUpdateMaterials)
        .innerJoin(materials, eq(materials.id, projectUpdateMaterials.materialId))
        .where(inArray(projectUpdateMaterials.updateId, updateRows.map((u) => u.id)))
        .orderBy(asc(materials.title))
    : [];

  const visibleMaterials = materialRows.filter((m) => canViewMaterial(viewer, m));
  const groups = new Map<string, { phase: string; label: string; items: { id: string; title: string }[] }>();
  const order = [...phaseRows.map((p) => p.slug), ''];
  for (const m of visibleMaterials) {
    const phase = order.find((slug) => slug && m.phases.includes(slug)) ?? '';
    const label = phaseRows.find((p) => p.slug === phase)?.label ?? 'No phase given';
    if (!groups.has(phase)) groups.set(phase, { phase, label, items: [] });
    groups.get(phase)!.items.push({ id: m.id, title: m.title });
  }

  const updates: ProjectUpdateView[] = updateRows.map((u) => {
    const mine = attached.filter((a) => a.updateId === u.id);
    const seen = mine.filter((a) => canViewMaterial(viewer, a));
    return {
      id: u.id,
      postedOn: u.postedOn,
      council: u.council,
      body: u.body,
      links: u.links,
      phaseFrom: u.phaseFrom,
      phaseTo: u.phaseTo,
      materials: seen.map((a) => ({ id: a.id, title: a.title })),
      hiddenMaterialCount: mine.length - seen.length,
    };
  });

  const registeredOn = todayInLondon(row.createdAt);
  const lastUpdatedOn = updates[0] && updates[0].postedOn > registeredOn ? updates[0].postedOn : registeredOn;
  const contact = contactRows[0];
  return {
    id: row.id,
    name: row.name,
    summary: row.summary,
    council: council!,
    topics: topicRows,
    lgslCodes: row.lgslCodes,
    phase: row.phase as ProjectPhase,
    startOn: row.startOn,
    startEstimated: row.startEstimated,
    expectedEndOn: row.expectedEndOn,
    endEstimated: row.endEstimated,
    collaboration: row.collaboration as Collaboration[],
    fundingSource: row.fundingSource as FundingSource | null,
    fundingDetail: row.fundingDetail,
    links: row.links,
    contact: contact ? { name: displayName(contact.name), council: council!.name, ...(canSeeProjectContactEmail(viewer) ? { email: contact.email } : {}) } : null,
    contactUserId: canEditProject(viewer, row) ? row.contactUserId : null,
    visibility: row.visibility,
    status: row.status as ProjectStatus,
    partners: partnerRows.map((p) => ({ slug: p.slug, name: p.name, accepted: p.acceptedAt !== null })),
    materialsByPhase: order.flatMap((slug) => (groups.has(slug) ? [groups.get(slug)!] : [])),
    hiddenMaterialCount: materialRows.length - visibleMaterials.length,
    updates,
    phaseSpans: phaseSpans(row, [...updateRows]),
    lastUpdatedOn,
    quietForDays: row.status === 'active' ? quietDays(lastUpdatedOn, options.now) : null,
    can: {
      edit: canEditProject(viewer, row),
      delete: canDeleteProject(viewer, row),
      postUpdate: canPostProjectUpdate(viewer, row),
      invite: canInviteProjectPartner(viewer, row),
      answerInvitation: canAnswerProjectInvitation(viewer, row),
      changeStatus: canChangeProjectStatus(viewer, row),
    },
  };
}
