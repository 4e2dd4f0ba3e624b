import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canManageOrganisation } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { organisations } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { forbidden, organisationOrNotFound, requireSignedIn } from './organisation-common';

/**
 * Whether everyone sharing for this organisation must tick "I have read the check" before publishing,
 * even when the check found nothing (lib/file-checks/publish-material.ts). Its admins and site admins.
 */
export async function setCheckAcknowledgement(services: Services, viewer: Viewer, slug: unknown, fields: Record<string, unknown>): Promise<void> {
  requireSignedIn(viewer);
  const organisation = await organisationOrNotFound(services.db, slug);
  if (!canManageOrganisation(viewer, organisation.id)) throw forbidden();
  const required = fields.requireCheckAcknowledgement === 'yes';
  await services.db.transaction(async (tx) => {
    await tx.update(organisations).set({ requireCheckAcknowledgement: required }).where(eq(organisations.id, organisation.id));
    await recordAuditEvent(tx, viewer, {
      action: 'organisation.check_acknowledgement_changed',
      subjectType: 'organisation',
      subjectId: organisation.id,
      organisationId: organisation.id,
      before: { requireCheckAcknowledgement: organisation.requireCheckAcknowledgement },
      after: { requireCheckAcknowledgement: required },
    });
  });
}
