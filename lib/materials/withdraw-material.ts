import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Viewer } from '@/lib/auth/viewer';
import { materials } from '@/lib/db/schema';
import { ValidationError } from '@/lib/errors';
import type { Services } from '@/lib/services';
import { fieldErrorsOf, materialToChange, single } from './material-access';

export const withdrawReasonLimit = 500;

export function withdrawSchema() {
  return z.object({
    reason: z.preprocess(
      (value) => single(value) ?? '',
      z
        .string({ message: 'Enter why you are withdrawing this material' })
        .transform((s) => s.trim())
        .pipe(
          z
            .string()
            .min(1, 'Enter why you are withdrawing this material')
            .max(withdrawReasonLimit, `Reason must be ${withdrawReasonLimit} characters or fewer`),
        ),
    ),
  });
}

export interface WithdrawnMaterial {
  id: string;
  status: 'withdrawn';
  reason: string;
  withdrawnAt: string;
}

/**
 * Withdraws a material, with a reason: it leaves search and lists at once (they show published
 * materials only) and its page and files are then open only to the owning organisation's members and
 * site admins, who may restore it (restoreMaterial). Nothing is deleted.
 * Who: as for updateMaterial ('not_found' / 'forbidden'). Withdrawing a withdrawn material changes nothing.
 */
export async function withdrawMaterial(
  services: Services,
  viewer: Viewer,
  materialId: string,
  fields: Record<string, unknown>,
): Promise<WithdrawnMaterial> {
  return services.db.transaction(async (tx) => {
    const row = await materialToChange(tx, viewer, materialId, true);
    const parsed = withdrawSchema().safeParse(fields);
    if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));

    if (row.status === 'withdrawn') {
      // Already withdrawn (say, the form was sent twice): keep the first reason and date.
      return { id: row.id, status: 'withdrawn', reason: row.withdrawnReason ?? '', withdrawnAt: (row.withdrawnAt ?? row.updatedAt).toISOString() };
    }
    const withdrawnAt = new Date();
    const { reason } = parsed.data;
    await tx
      .update(materials)
      .set({ status: 'withdrawn', withdrawnReason: reason, withdrawnAt, updatedAt: withdrawnAt })
      .where(eq(materials.id, row.id));
    await recordAuditEvent(tx, viewer, {
      action: 'material.withdrawn',
      subjectType: 'material',
      subjectId: row.id,
      organisationId: row.organisationId,
      before: { status: row.status },
      after: { status: 'withdrawn', withdrawnReason: reason, withdrawnAt: withdrawnAt.toISOString() },
    });
    return { id: row.id, status: 'withdrawn', reason, withdrawnAt: withdrawnAt.toISOString() };
  });
}
