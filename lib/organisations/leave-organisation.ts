import 'server-only';
import { and, eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canLeaveOrganisation } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { adminRequests, users } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { displayName } from '@/lib/text/display-name';
import { keepOneAdmin } from './keep-one-admin';
import { organisationProblems } from './messages';
import { forbidden, lockOrganisation, refuse, requireSignedIn, summaryOf, type OrganisationSummary } from './organisation-common';
import { findOrganisationById } from './organisation-by-id';

/**
 * A member leaves their organisation: they stay a user with no organisation, and may then ask to join
 * another. The last organisation admin may not leave while others still belong to it (keepOneAdmin);
 * a sole member may. Any request of theirs to become its admin is cancelled. Takes effect on their
 * very next request (the viewer is read live).
 */
export async function leaveOrganisation(services: Services, viewer: Viewer): Promise<{ organisation: OrganisationSummary }> {
  const user = requireSignedIn(viewer, 'Sign in to leave your organisation.');
  const organisationId = user.organisation?.id;
  if (!organisationId || !canLeaveOrganisation(viewer, organisationId)) throw forbidden('You do not belong to an organisation.');
  const organisation = await findOrganisationById(services.db, organisationId);
  if (!organisation) throw forbidden('You do not belong to an organisation.');

  return services.db.transaction(async (tx) => {
    await lockOrganisation(tx, organisationId);
    const [member] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, user.userId), eq(users.organisationId, organisationId)))
      .for('update');
    if (!member) throw refuse(organisationProblems.not_a_member);
    await keepOneAdmin(tx, viewer, organisationId, member, { leaving: true });

    await tx.update(users).set({ organisationId: null, role: 'member' }).where(eq(users.id, member.id));
    await tx
      .update(adminRequests)
      .set({ status: 'cancelled', decidedAt: new Date() })
      .where(and(eq(adminRequests.userId, member.id), eq(adminRequests.status, 'pending')));
    const name = displayName(member.name);
    await recordAuditEvent(tx, viewer, {
      action: 'member.left',
      subjectType: 'user',
      subjectId: member.id,
      organisationId,
      before: { member: name, organisation: organisation.name, role: member.role },
      after: { member: name, organisation: null, role: null },
    });
    return { organisation: summaryOf(organisation) };
  });
}
