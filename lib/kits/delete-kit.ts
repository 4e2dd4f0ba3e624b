import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canChangeKit } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { kits } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { kitAuditView, kitFor } from './kit-access';

/**
 * Deletes a kit and its list (canChangeKit). The materials in it are not touched: a kit only points
 * at them. Audited as 'kit.deleted' with what it said.
 */
export async function deleteKit(services: Services, viewer: Viewer, kitId: unknown): Promise<void> {
  await services.db.transaction(async (tx) => {
    const kit = await kitFor(tx, viewer, kitId, canChangeKit, true);
    await tx.delete(kits).where(eq(kits.id, kit.id));
    await recordAuditEvent(tx, viewer, { action: 'kit.deleted', subjectType: 'kit', subjectId: kit.id, organisationId: kit.organisationId, before: kitAuditView(kit) });
  });
}
