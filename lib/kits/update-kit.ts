import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canChangeKit } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { kits } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { kitAuditView, kitFor } from './kit-access';
import { readKitAnswers } from './kit-input';

/** Changes a kit's title, description and who can see it (canChangeKit). Audited as 'kit.updated', before and after. */
export async function updateKit(services: Services, viewer: Viewer, kitId: unknown, fields: Record<string, unknown>): Promise<void> {
  await services.db.transaction(async (tx) => {
    const kit = await kitFor(tx, viewer, kitId, canChangeKit, true);
    const answers = readKitAnswers(fields);
    await tx.update(kits).set({ ...answers, updatedAt: new Date() }).where(eq(kits.id, kit.id));
    await recordAuditEvent(tx, viewer, {
      action: 'kit.updated',
      subjectType: 'kit',
      subjectId: kit.id,
      organisationId: kit.organisationId,
      before: kitAuditView(kit),
      after: kitAuditView(answers),
    });
  });
}
