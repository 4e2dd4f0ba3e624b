import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canChangeProjectStatus } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { requireSignedIn } from '@/lib/commitments/commitment-access';
import { projects } from '@/lib/db/schema';
import { AppError, ValidationError } from '@/lib/errors';
import { single } from '@/lib/materials/material-access';
import type { Services } from '@/lib/services';
import { projectFor } from './project-access';
import { projectStatuses } from './project-words';

/**
 * Marks a project paused, finished, or active again: the council's admins only
 * (canChangeProjectStatus), typically when it has gone quiet. Audited as 'project.status_changed'.
 */
export async function setProjectStatus(services: Services, viewer: Viewer, projectId: unknown, fields: Record<string, unknown>): Promise<void> {
  await services.db.transaction(async (tx) => {
    const row = await projectFor(tx, viewer, projectId, canChangeProjectStatus, () => new AppError('forbidden', 'Only your council’s admins can mark a project paused or finished'), true);
    const user = requireSignedIn(viewer, 'change a project');
    const parsed = z.enum(projectStatuses).safeParse(String(single(fields.status) ?? ''));
    if (!parsed.success) throw new ValidationError([{ field: 'status', message: 'Choose active, paused or finished' }]);
    if (parsed.data === row.status) return;
    await tx.update(projects).set({ status: parsed.data, updatedAt: new Date() }).where(eq(projects.id, row.id));
    await recordAuditEvent(tx, user, {
      action: 'project.status_changed',
      subjectType: 'project',
      subjectId: row.id,
      organisationId: row.organisationId,
      before: { status: row.status },
      after: { status: parsed.data },
    });
  });
}
