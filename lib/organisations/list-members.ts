import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { canListMembers, canSeeMemberEmails } from '@/lib/auth/permissions';
import type { Role, Viewer } from '@/lib/auth/viewer';
import { users } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { displayName } from '@/lib/text/display-name';
import { forbidden, organisationOrNotFound, requireSignedIn } from './organisation-common';

export interface Member {
  userId: string;
  name: string;
  role: Role;
  /** Only for the organisation's own admins and site admins. */
  email?: string;
  /** The viewer themself. */
  isYou: boolean;
}

/**
 * Who belongs to an organisation: organisation admins first, then by name. Its members see names
 * and roles; its organisation admins and site admins also see email addresses.
 */
export async function listMembers(services: Services, viewer: Viewer, organisationSlug: unknown): Promise<Member[]> {
  const user = requireSignedIn(viewer);
  const organisation = await organisationOrNotFound(services.db, organisationSlug);
  if (!canListMembers(viewer, organisation.id)) throw forbidden();
  const withEmails = canSeeMemberEmails(viewer, organisation.id);
  const rows = await services.db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(eq(users.organisationId, organisation.id))
    .orderBy(sql`(${users.role} = 'org_admin') desc`, sql`lower(coalesce(${users.name}, ''))`, asc(users.id));
  return rows.map((row) => ({
    userId: row.id,
    name: displayName(row.name),
    role: row.role === 'org_admin' ? 'org_admin' : 'member',
    ...(withEmails ? { email: row.email } : {}),
    isYou: row.id === user.userId,
  }));
}
