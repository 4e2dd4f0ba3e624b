import 'server-only';
import { and, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canReportConcern } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { concernReports, materials } from '@/lib/db/schema';
import { AppError, ValidationError } from '@/lib/errors';
import { fieldErrorsOf, materialNotFound, parseMaterialId, single } from '@/lib/materials/material-access';
import { materialColumns } from '@/lib/materials/row-columns';
import type { Services } from '@/lib/services';
import { concernReasons, type ConcernReason } from './concern-words';

export const concernDetailsLimit = 2000;
/** Concerns one person may raise in an hour: enough for real worries, not for flooding a council. */
export const concernsPerHour = 5;

const schema = z
  .object({
    reason: z.preprocess(
      (v) => single(v) ?? '',
      z.string().refine((s): s is ConcernReason => s in concernReasons, 'Select what the concern is about'),
    ),
    details: z.preprocess(
      (v) => single(v) ?? '',
      z.string().transform((s) => s.trim()).pipe(z.string().max(concernDetailsLimit, `Details must be ${concernDetailsLimit} characters or fewer`)),
    ),
  })
  .superRefine((value, ctx) => {
    if (value.reason === 'other' && !value.details) ctx.addIssue({ code: 'custom', path: ['details'], message: 'Enter what the concern is' });
  });

/**
 * Raises a concern about a material: anyone signed in who can see it. The owning organisation's
 * admins and site admins decide it (decideConcern). Limited to a few an hour per person; the same
 * person's open concern about the same material is not raised twice. Recorded in the hub's audit log
 * (site admins), not the council's: the council's admins never learn who raised it.
 */
export async function raiseConcern(services: Services, viewer: Viewer, materialId: string, fields: Record<string, unknown>): Promise<{ id: string }> {
  if (viewer.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to report a concern.');
  const id = parseMaterialId(materialId);
  const [material] = id ? await services.db.select(materialColumns).from(materials).where(eq(materials.id, id)) : [];
  if (!material || !canReportConcern(viewer, material)) throw materialNotFound();
  const parsed = schema.safeParse(fields);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));

  return services.db.transaction(async (tx) => {
    const [open] = await tx
      .select({ id: concernReports.id })
      .from(concernReports)
      .where(and(eq(concernReports.materialId, material.id), eq(concernReports.reporterUserId, viewer.userId), eq(concernReports.status, 'open')));
    if (open) return { id: open.id };
    const [recent] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(concernReports)
      .where(and(eq(concernReports.reporterUserId, viewer.userId), gt(concernReports.createdAt, new Date(Date.now() - 60 * 60 * 1000))));
    if (Number(recent?.n ?? 0) >= concernsPerHour) {
      throw new ValidationError([{ field: 'reason', message: `You have reported ${concernsPerHour} concerns in the last hour. Try again later, or contact the site administrators` }]);
    }
    const [row] = await tx
      .insert(concernReports)
      .values({ materialId: material.id, organisationId: material.organisationId, reporterUserId: viewer.userId, reason: parsed.data.reason, details: parsed.data.details })
      .returning({ id: concernReports.id });
    if (!row) throw new Error('insert returned no row');
    await recordAuditEvent(tx, viewer, {
      action: 'concern.raised',
      subjectType: 'concern',
      subjectId: row.id,
      // The hub's log only: the owning council's admins must not learn who raised it.
      organisationId: null,
      after: { materialId: material.id, reason: parsed.data.reason },
    });
    return { id: row.id };
  });
}
