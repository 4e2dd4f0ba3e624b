import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import { canLeaveOrganisationWithoutAdmin } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { users } from '@/lib/db/schema';
import type { Transaction } from '@/lib/db/transaction';
import { organisationProblems } from './messages';
import { refuse } from './organisation-common';

/**
 * The one rule about organisation admins: an organisation keeps at least one, so someone is always
 * there to approve requests to join and manage members. Before a member stops being an admin (demoted,
 * removed, or leaving), this refuses if they are the last one, unless a site admin does it
 * (lib/auth/permissions.ts, canLeaveOrganisationWithoutAdmin). Call it inside the change's transaction,
 * after locking the organisation (lockOrganisation), so two admins cannot demote each other at once.
 * A sole member leaving (`leaving`, nobody else in the organisation) may go: there is nobody to manage.
 */
export async function keepOneAdmin(
  tx: Transaction,
  viewer: Viewer,
  organisationId: string,
  member: { id: string; role: string },
  options: { leaving?: boolean } = {},
): Promise<void> {
  if (member.role !== 'org_admin' || canLeaveOrganisationWithoutAdmin(viewer)) return;
  if (options.leaving) {
    // Someone leaving an organisation nobody else belongs to leaves no one without an admin.
    const others = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.organisationId, organisationId), ne(users.id, member.id)))
      .limit(1);
    if (others.length === 0) return;
  }
  const otherAdmins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.role, 'org_admin'), ne(users.id, member.id)))
    .limit(1);
  if (otherAdmins.length === 0) throw refuse(options.leaving ? organisationProblems.last_admin_leaving : organisationProblems.last_admin);
}
