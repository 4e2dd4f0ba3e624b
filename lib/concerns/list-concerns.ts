import 'server-only';
import { desc, eq, inArray, type SQL } from 'drizzle-orm';
import { canDecideConcern, canSeeReporter, isSiteAdmin } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { concernReports, materials, organisations, users } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { personAndOrganisation } from '@/lib/text/display-name';
import { parseUuid } from '@/lib/text/uuid';
import type { ConcernStatus } from './concern-words';

/** One concern as the queue shows it. `reporter` only for site admins (canSeeReporter). */
export interface ConcernSummary {
  id: string;
  material: { id: string; title: string; status: string };
  councilName: string | null;
  reason: string;
  details: string;
  status: ConcernStatus;
  outcomeNote: string | null;
  createdAt: string;
  decidedAt: string | null;
  reporter: string | null;
}

const reporterUsers = users;

/**
 * The concerns the viewer may decide: their own organisation's (organisation admins), or every one
 * (site admins); open ones first, then the latest decided. Nobody else has a queue: [].
 */
export async function listConcernQueue(services: Services, viewer: Viewer): Promise<ConcernSummary[]> {
  let where: SQL | undefined;
  if (isSiteAdmin(viewer)) where = undefined;
  else if (viewer.kind === 'user' && viewer.organisation && canDecideConcern(viewer, viewer.organisation.id)) where = eq(concernReports.organisationId, viewer.organisation.id);
  else return [];
  const rows = await select(services, where);
  return rows.sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open')).slice(0, 200).map((row) => summary(viewer, row));
}

/** One concern the viewer may decide, or undefined. */
export async function getConcern(services: Services, viewer: Viewer, concernId: string): Promise<ConcernSummary | undefined> {
  const id = parseUuid(concernId);
  if (!id) return undefined;
  const [row] = await select(services, eq(concernReports.id, id));
  if (!row || !canDecideConcern(viewer, row.organisationId)) return undefined;
  return summary(viewer, row);
}

/** The concerns the viewer raised, with their outcomes, for their account page. */
export async function listMyConcerns(services: Services, viewer: Viewer): Promise<ConcernSummary[]> {
  if (viewer.kind !== 'user') return [];
  const rows = await select(services, eq(concernReports.reporterUserId, viewer.userId));
  return rows.map((row) => ({ ...summary(viewer, row), reporter: null }));
}

async function select(services: Services, where: SQL | undefined) {
  const rows = await services.db
    .select({
      id: concernReports.id,
      organisationId: concernReports.organisationId,
      materialId: materials.id,
      title: materials.title,
      materialStatus: materials.status,
      councilName: organisations.name,
      reason: concernReports.reason,
      details: concernReports.details,
      status: concernReports.status,
      outcomeNote: concernReports.outcomeNote,
      createdAt: concernReports.createdAt,
      decidedAt: concernReports.decidedAt,
      reporterUserId: concernReports.reporterUserId,
    })
    .from(concernReports)
    .innerJoin(materials, eq(materials.id, concernReports.materialId))
    .leftJoin(organisations, eq(organisations.id, concernReports.organisationId))
    .where(where)
    .orderBy(desc(concernReports.createdAt))
    .limit(500);
  const reporterIds = [...new Set(rows.map((r) => r.reporterUserId).filter((x): x is string => x !== null))];
  const reporters = reporterIds.length
    ? await services.db
        .select({ id: reporterUsers.id, name: reporterUsers.name, organisation: organisations.name })
        .from(reporterUsers)
        .leftJoin(organisations, eq(organisations.id, reporterUsers.organisationId))
        .where(inArray(reporterUsers.id, reporterIds))
    : [];
  const names = new Map(reporters.map((r) => [r.id, personAndOrganisation(r.name, r.organisation)]));
  return rows.map((row) => ({ ...row, reporterName: row.reporterUserId ? (names.get(row.reporterUserId) ?? null) : null }));
}

function summary(viewer: Viewer, row: Awaited<ReturnType<typeof select>>[number]): ConcernSummary {
  return {
    id: row.id,
    material: { id: row.materialId, title: row.title, status: row.materialStatus },
    councilName: row.councilName,
    reason: row.reason,
    details: row.details,
    status: row.status as ConcernStatus,
    outcomeNote: row.outcomeNote,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    reporter: canSeeReporter(viewer) ? (row.reporterName ?? 'someone whose account was removed') : null,
  };
}
