import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canManageOrganisation } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { users } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { displayName } from '@/lib/text/display-name';
import { keepOneAdmin } from './keep-one-admin';
import {
  forbidden,
  lockOrganisation,
  notFound,
  organisationOrNotFound,
  requireSignedIn,
} from './organisation-common';

const removeSchema = z.object({ userId: z.uuid() });

/**
 * Takes someone out of an organisation: they stay a user, with no organisation. Their very next
 * request sees that, because the viewer is read live from the database (lib/sign-in/current-viewer.ts):
 * their next page view, download and search no longer include the organisation's private materials.
 * The organisation must keep at least one organisation admin, unless a site admin does it.
 */
export async function removeMember(services: Services, viewer: Viewer, organisationSlug: unknown, input: unknown): Promise<{ name: string }> {
  requireSignedIn(viewer);
  const organisation = await organisationOrNotFound(services.db, organisationSlug);
  if (!canManageOrganisation(viewer, organisation.id)) throw forbidden();
  const parsed = removeSchema.safeParse(input);
  if (!parsed.success) throw notFound('member');
  const { userId } = parsed.data;

  return services.db.transaction(async (tx) => {
    await lockOrganisation(tx, organisation.id);
    const [member] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, userId), eq(users.organisationId, organisation.id)));
    if (!member) throw notFound('member');
    const name = displayName(member.name);

    await keepOneAdmin(tx, viewer, organisation.id, member);

    await tx.update(users).set({ organisationId: null, role: 'member' }).where(eq(users.id, userId));
    await recordAuditEvent(tx, viewer, {
      action: 'member.removed',
      subjectType: 'user',
      subjectId: userId,
      organisationId: organisation.id,
      before: { member: name, organisation: organisation.name, role: member.role },
      after: { member: name, organisation: null, role: null },
    });
    return { name };
  });
}
