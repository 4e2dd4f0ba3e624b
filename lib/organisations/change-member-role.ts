import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canManageOrganisation } from '@/lib/auth/permissions';
import type { Role, Viewer } from '@/lib/auth/viewer';
import { users } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { displayName } from '@/lib/text/display-name';
import { keepOneAdmin } from './keep-one-admin';
import {
  forbidden,
  lockOrganisation,
  notFound,
  organisationOrNotFound,
  parseInput,
  requireSignedIn,
  roleSchema,
} from './organisation-common';

const changeSchema = z.object({ userId: z.uuid(), role: roleSchema });

export interface ChangedRole {
  userId: string;
  name: string;
  role: Role;
  changed: boolean;
}


/**
 * Makes a member an organisation admin, or an organisation admin a member. The organisation must keep
 * at least one organisation admin, unless a site admin does it. Takes effect on the person's next
 * request (their viewer is built live).
 */
export async function changeMemberRole(services: Services, viewer: Viewer, organisationSlug: unknown, input: unknown): Promise<ChangedRole> {
  requireSignedIn(viewer);
  const organisation = await organisationOrNotFound(services.db, organisationSlug);
  if (!canManageOrganisation(viewer, organisation.id)) throw forbidden();
  if (!z.object({ userId: z.uuid() }).safeParse(input).success) throw notFound('member');
  const { userId, role } = parseInput(changeSchema, input);

  return services.db.transaction(async (tx) => {
    await lockOrganisation(tx, organisation.id);
    const [member] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, userId), eq(users.organisationId, organisation.id)));
    if (!member) throw notFound('member');
    const name = displayName(member.name);
    if (member.role === role) return { userId, name, role, changed: false };

    await keepOneAdmin(tx, viewer, organisation.id, member);

    await tx.update(users).set({ role }).where(eq(users.id, userId));
    await recordAuditEvent(tx, viewer, {
      action: 'member.role_changed',
      subjectType: 'user',
      subjectId: userId,
      organisationId: organisation.id,
      before: { member: name, role: member.role },
      after: { member: name, role },
    });
    return { userId, name, role, changed: true };
  });
}
