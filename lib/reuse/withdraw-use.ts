import 'server-only';
import { and, eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canRecordUse } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { materialUses } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { materialToView } from '@/lib/materials/material-access';
import type { Services } from '@/lib/services';
import { cannotRecordUse } from './record-use';

/**
 * Removes the viewer's council's record that it used a material. Who: any member of that council
 * (the same rule as recording it). Withdrawing a record that is not there changes nothing.
 */
export async function withdrawUse(services: Services, viewer: Viewer, materialId: string): Promise<void> {
  if (viewer.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to change what your council used.');
  const organisation = viewer.organisation;
  await services.db.transaction(async (tx) => {
    const material = await materialToView(tx, viewer, materialId);
    if (!organisation || !canRecordUse(viewer, material)) throw cannotRecordUse();
    const removed = await tx
      .delete(materialUses)
      .where(and(eq(materialUses.materialId, material.id), eq(materialUses.organisationId, organisation.id)))
      .returning({ note: materialUses.note });
    if (removed.length === 0) return;
    await recordAuditEvent(tx, viewer, {
      action: 'material_use.withdrawn',
      subjectType: 'material',
      subjectId: material.id,
      organisationId: organisation.id,
      before: { note: removed[0]!.note },
    });
  });
}
