import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canPublishMaterial } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import type { CheckReport } from '@/lib/checks';
import { materials, materialVersions, organisations } from '@/lib/db/schema';
import { AppError, ValidationError, type FieldError } from '@/lib/errors';
import { cannotChangeMaterial, materialToChange, single } from '@/lib/materials/material-access';
import type { Services } from '@/lib/services';
import type { CheckStatus } from './check-version';
import { findingsNeedingAReason, publishNeeds } from './publish-rules';
import { currentVersionCheck } from './version-check';

export const publishReasonLimit = 500;

const publishSchema = z.object({
  reason: z.preprocess((v) => single(v) ?? '', z.string().transform((s) => s.trim())),
  acknowledged: z.preprocess((v) => single(v) ?? '', z.string()),
});

export interface PublishedMaterial {
  id: string;
  status: 'published';
}

/**
 * Publishes a draft, once its uploader has seen the check of its file:
 *   - never while the check is still running, and never a file that is not the format it claims;
 *   - with a reason when the check found likely or possible personal data or hidden content, or could
 *     not finish (the reason, and how many findings of each kind, go in the audit log; never the
 *     findings' text);
 *   - with the acknowledgement ticked when the organisation asks for it (its manage page).
 * The current file version is marked published (older never-published versions stay the council's).
 * Who: whoever may change the material ('not_found' / 'forbidden').
 */
export async function publishMaterial(services: Services, viewer: Viewer, materialId: string, fields: Record<string, unknown>): Promise<PublishedMaterial> {
  return services.db.transaction(async (tx) => {
    const row = await materialToChange(tx, viewer, materialId, true);
    if (!canPublishMaterial(viewer, row)) throw cannotChangeMaterial();
    if (row.status === 'published') return { id: row.id, status: 'published' };
    if (row.status !== 'draft') throw new AppError('conflict', 'This material is withdrawn: restore it instead.');
    const version = await currentVersionCheck(tx, row.id);
    if (!version) throw new AppError('not_found', 'Page not found');
    const needs = publishNeeds({ checkStatus: version.checkStatus as CheckStatus, report: version.checkReport as CheckReport | null, formatProblem: version.formatProblem });
    if (needs.kind === 'wait') throw new ValidationError([{ field: 'reason', message: 'Wait for the check to finish before you publish' }]);
    if (needs.kind === 'blocked') throw new ValidationError([{ field: 'reason', message: 'This file cannot be published: replace it with a file that opens' }]);

    const { reason, acknowledged } = publishSchema.parse(fields);
    const errors: FieldError[] = [];
    const [organisation] = row.organisationId
      ? await tx.select({ required: organisations.requireCheckAcknowledgement }).from(organisations).where(eq(organisations.id, row.organisationId))
      : [];
    if (organisation?.required && acknowledged !== 'yes') {
      errors.push({ field: 'acknowledged', message: 'Confirm you have read the check of this file' });
    }
    if (needs.kind === 'reason' && !reason) errors.push({ field: 'reason', message: 'Enter why it is right to publish this file as it is' });
    if (reason.length > publishReasonLimit) errors.push({ field: 'reason', message: `Reason must be ${publishReasonLimit} characters or fewer` });
    if (errors.length) throw new ValidationError(errors);

    const now = new Date();
    // Not a change to its details or file, so not "last updated" (updatedAt): the page would otherwise
    // call a material just shared and published "updated".
    await tx.update(materials).set({ status: 'published', withdrawnReason: null, withdrawnAt: null }).where(eq(materials.id, row.id));
    await tx
      .update(materialVersions)
      .set({ publishedAt: now })
      .where(and(eq(materialVersions.id, version.id), isNull(materialVersions.publishedAt)));
    const counted: Record<string, number> = {};
    for (const finding of findingsNeedingAReason(version.checkReport as CheckReport | null)) counted[finding.kind] = (counted[finding.kind] ?? 0) + 1;
    await recordAuditEvent(tx, viewer, {
      action: needs.kind === 'reason' ? 'material.published_with_findings' : 'material.published',
      subjectType: 'material',
      subjectId: row.id,
      organisationId: row.organisationId,
      before: { status: row.status },
      after: {
        status: 'published',
        versionNumber: version.versionNumber,
        check: version.checkStatus,
        ...(needs.kind === 'reason' ? { reason, findings: counted } : {}),
        ...(organisation?.required ? { acknowledged: true } : {}),
      },
    });
    return { id: row.id, status: 'published' };
  });
}
