import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canDecideConcern } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { concernReports, materials, users } from '@/lib/db/schema';
import { AppError, ValidationError } from '@/lib/errors';
import { fieldErrorsOf, single } from '@/lib/materials/material-access';
import type { Services } from '@/lib/services';
import { parseUuid } from '@/lib/text/uuid';
import { concernDecisions, concernReasons, concernStatuses, type ConcernDecision, type ConcernStatus } from './concern-words';
import { logger } from '@/lib/logging';

export const concernNoteLimit = 1000;

const schema = z
  .object({
    decision: z.preprocess((v) => single(v) ?? '', z.string().refine((s): s is ConcernDecision => s in concernDecisions, 'Select what to do')),
    note: z.preprocess(
      (v) => single(v) ?? '',
      z.string().transform((s) => s.trim()).pipe(z.string().max(concernNoteLimit, `Your note must be ${concernNoteLimit} characters or fewer`)),
    ),
  })
  .superRefine((value, ctx) => {
    if (value.decision !== 'hide' && !value.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: value.decision === 'dismiss' ? 'Enter why you are dismissing the concern' : 'Enter what needs fixing' });
    }
  });

const statusFor: Record<ConcernDecision, ConcernStatus> = { hide: 'hidden', fix: 'fix-requested', dismiss: 'dismissed' };

/**
 * Decides an open concern, as the owning organisation's admin or a site admin:
 *   hide     withdraws the material at once (it leaves search and lists; the council can fix the file
 *            and publish it again, or restore it);
 *   fix      asks the council to fix it (its uploader is emailed what needs fixing);
 *   dismiss  with a reason.
 * The reporter is told the outcome by email (when the hub sends mail) and on their account page; the
 * note they see is the admin's, never anyone's name. Everything is in the owning council's audit log,
 * without the reporter's identity. Someone who may not decide it: 'not_found'.
 */
export async function decideConcern(services: Services, viewer: Viewer, concernId: string, fields: Record<string, unknown>): Promise<{ id: string; status: ConcernStatus }> {
  const id = parseUuid(concernId);
  const parsed = schema.safeParse(fields);
  const decided = await services.db.transaction(async (tx) => {
    const [concern] = id ? await tx.select().from(concernReports).where(eq(concernReports.id, id)).for('update') : [];
    if (!concern || !canDecideConcern(viewer, concern.organisationId)) throw new AppError('not_found', 'Page not found');
    if (concern.status !== 'open') throw new ValidationError([{ field: 'decision', message: 'This concern has already been decided' }]);
    if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
    const { decision, note } = parsed.data;
    const status = statusFor[decision];
    const now = new Date();
    const [material] = await tx.select({ id: materials.id, title: materials.title, status: materials.status, createdBy: materials.createdBy }).from(materials).where(eq(materials.id, concern.materialId));
    if (decision === 'hide' && material && material.status !== 'withdrawn') {
      const reason = `Hidden after a concern (${concernReasons[concern.reason as keyof typeof concernReasons] ?? concern.reason})${note ? `: ${note}` : ''}`.slice(0, 500);
      await tx.update(materials).set({ status: 'withdrawn', withdrawnReason: reason, withdrawnAt: now, updatedAt: now }).where(eq(materials.id, material.id));
      await recordAuditEvent(tx, viewer, {
        action: 'material.withdrawn',
        subjectType: 'material',
        subjectId: material.id,
        organisationId: concern.organisationId,
        before: { status: material.status },
        after: { status: 'withdrawn', withdrawnReason: reason, concernId: concern.id },
      });
    }
    await tx.update(concernReports).set({ status, outcomeNote: note || null, decidedBy: viewer.kind === 'user' ? viewer.userId : null, decidedAt: now }).where(eq(concernReports.id, concern.id));
    await recordAuditEvent(tx, viewer, {
      action: `concern.${status}`,
      subjectType: 'concern',
      subjectId: concern.id,
      organisationId: concern.organisationId,
      before: { status: 'open', materialId: concern.materialId, reason: concern.reason },
      after: { status, note: note || null },
    });
    const [reporter] = concern.reporterUserId ? await tx.select({ email: users.email }).from(users).where(eq(users.id, concern.reporterUserId)) : [];
    const [uploader] = decision === 'fix' && material?.createdBy ? await tx.select({ email: users.email }).from(users).where(eq(users.id, material.createdBy)) : [];
    return { id: concern.id, status, note, title: material?.title ?? 'a material', materialId: concern.materialId, reporter: reporter?.email, uploader: uploader?.email };
  });
  await tell(services, decided);
  return { id: decided.id, status: decided.status };
}

/** Emails after the decision has committed; a mail failure never undoes the decision (it is on the account page). */
async function tell(services: Services, d: { status: ConcernStatus; note: string; title: string; materialId: string; reporter?: string; uploader?: string }) {
  if (!services.mail) return;
  const outcome = concernStatuses[d.status];
  try {
    if (d.reporter) {
      await services.mail.send({
        to: [d.reporter],
        subject: `Your concern about ‘${d.title}’: ${outcome.toLowerCase()}`,
        text: [`You raised a concern about ‘${d.title}’ on Discovery Commons.`, '', `Outcome: ${outcome}.`, ...(d.note ? ['', d.note] : []), '', 'You can see your concerns on your account page.', '', 'Discovery Commons', ''].join('\n'),
      });
    }
    if (d.uploader) {
      await services.mail.send({
        to: [d.uploader],
        subject: `Please fix ‘${d.title}’ on Discovery Commons`,
        text: [`An administrator asks you to fix ‘${d.title}’, which you shared on Discovery Commons.`, '', d.note, '', 'Replace its file from the material’s page: the new file is checked before you publish it.', '', 'Discovery Commons', ''].join('\n'),
      });
    }
  } catch (error) {
    logger('concerns').error({ err: error }, 'could not email the outcome (it is on the account page)');
  }
}
