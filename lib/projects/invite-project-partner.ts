import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canInviteProjectPartner } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { requireSignedIn } from '@/lib/commitments/commitment-access';
import { organisations, projectPartners } from '@/lib/db/schema';
import { ValidationError } from '@/lib/errors';
import { single } from '@/lib/materials/material-access';
import type { Services } from '@/lib/services';
import { projectFor } from './project-access';

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Invites another council (by its slug, from the form's list) to be a partner
 * (canInviteProjectPartner). A council that does not exist, the project's own council, or one already
 * invited gets a message beside the field and nothing changes.
 */
export async function inviteProjectPartner(services: Services, viewer: Viewer, projectId: unknown, fields: Record<string, unknown>): Promise<void> {
  await services.db.transaction(async (tx) => {
    const row = await projectFor(tx, viewer, projectId, canInviteProjectPartner, undefined, true);
    const user = requireSignedIn(viewer, 'invite a partner council');
    const slug = String(single(fields.council) ?? '').trim();
    const [council] = slug && slug.length <= 100 && slugPattern.test(slug)
      ? await tx.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.slug, slug))
      : [];
    if (!council) throw new ValidationError([{ field: 'council', message: slug ? 'There is no council with that name on the hub' : 'Choose the council to invite' }]);
    if (council.id === row.organisationId) throw new ValidationError([{ field: 'council', message: 'Your council already runs this project: choose another council' }]);
    if (row.invitedOrganisationIds.includes(council.id)) throw new ValidationError([{ field: 'council', message: `${council.name} has already been invited` }]);
    await tx.insert(projectPartners).values({ projectId: row.id, organisationId: council.id, invitedBy: user.userId });
    await recordAuditEvent(tx, user, {
      action: 'project.partner_invited',
      subjectType: 'project',
      subjectId: row.id,
      organisationId: row.organisationId,
      after: { organisationId: council.id, name: council.name },
    });
  });
}
