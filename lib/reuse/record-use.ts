import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canRecordUse } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { materialUses } from '@/lib/db/schema';
import { AppError, ValidationError } from '@/lib/errors';
import { fieldErrorsOf, materialToView, single } from '@/lib/materials/material-access';
import type { Services } from '@/lib/services';

export const useNoteLimit = 500;

const schema = z.object({
  note: z.preprocess(
    (v) => single(v) ?? '',
    z
      .string()
      .transform((s) => s.trim())
      .pipe(z.string().max(useNoteLimit, `How you used it must be ${useNoteLimit} characters or fewer`)),
  ),
});

/**
 * Records that the viewer's council used a material, with an optional short note on how: a member
 * of a council other than the owning one, for a published material they may see (canRecordUse).
 * One record per council per material: recording again replaces the note. Anyone who may see the
 * material sees which councils used it (listMaterialUses).
 */
export async function recordUse(services: Services, viewer: Viewer, materialId: string, fields: Record<string, unknown>): Promise<void> {
  if (viewer.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to say your council used this.');
  const organisation = viewer.organisation;
  await services.db.transaction(async (tx) => {
    const material = await materialToView(tx, viewer, materialId);
    if (!organisation || !canRecordUse(viewer, material)) throw cannotRecordUse();
    const parsed = schema.safeParse(fields);
    if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
    const { note } = parsed.data;

    const [before] = await tx
      .select({ note: materialUses.note })
      .from(materialUses)
      .where(and(eq(materialUses.materialId, material.id), eq(materialUses.organisationId, organisation.id)));
    const recordedAt = new Date();
    await tx
      .insert(materialUses)
      .values({ materialId: material.id, organisationId: organisation.id, recordedBy: viewer.userId, note, recordedAt })
      .onConflictDoUpdate({ target: [materialUses.materialId, materialUses.organisationId], set: { note, recordedBy: viewer.userId, recordedAt } });
    await recordAuditEvent(tx, viewer, {
      action: before ? 'material_use.updated' : 'material_use.recorded',
      subjectType: 'material',
      subjectId: material.id,
      organisationId: organisation.id,
      before: before ? { note: before.note } : null,
      after: { note },
    });
  });
}

export function cannotRecordUse(): AppError {
  return new AppError('forbidden', 'Only members of another council can say their council used this material.');
}
