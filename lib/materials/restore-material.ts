import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Viewer } from '@/lib/auth/viewer';
import { materials } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import type { Services } from '@/lib/services';
import { materialToChange } from './material-access';

export interface RestoredMaterial {
  id: string;
  status: 'published';
}

/**
 * Brings a withdrawn material back: published again, with the visibility it had, in search and lists
 * at once. Who: as for updateMaterial. Withdrawn materials are invisible to everyone else, so they get
 * 'not_found'. Restoring a published material changes nothing.
 */
export async function restoreMaterial(services: Services, viewer: Viewer, materialId: string): Promise<RestoredMaterial> {
  return services.db.transaction(async (tx) => {
    const row = await materialToChange(tx, viewer, materialId, true);
    if (row.status === 'published') return { id: row.id, status: 'published' };
    // A draft is published from its check page, never by "restore" (which would skip the check).
    if (row.status === 'draft') throw new AppError('conflict', 'This material is a draft: publish it from the check of its file.');
    await tx
      .update(materials)
      .set({ status: 'published', withdrawnReason: null, withdrawnAt: null, updatedAt: new Date() })
      .where(eq(materials.id, row.id));
    await recordAuditEvent(tx, viewer, {
      action: 'material.restored',
      subjectType: 'material',
      subjectId: row.id,
      organisationId: row.organisationId,
      before: { status: row.status, withdrawnReason: row.withdrawnReason, withdrawnAt: row.withdrawnAt?.toISOString() ?? null },
      after: { status: 'published' },
    });
    return { id: row.id, status: 'published' };
  });
}
