import 'server-only';
import { eq } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { organisations, users } from '@/lib/db/schema';
import { givenName } from '@/lib/text/display-name';
import { isUuid } from '@/lib/text/uuid';
import { anonymous, type Role, type Viewer } from './viewer';

/**
 * The viewer for a signed-in user id, read from the database now: their organisation, role and
 * site-admin flag as they are at this moment. A user who no longer exists is anonymous. Sign-in
 * (lib/sign-in/current-viewer.ts) calls this on every request, so a change of role or a removal takes
 * effect on the very next one.
 */
export async function loadViewer(db: Database, userId: string): Promise<Viewer> {
  if (!isUuid(userId)) return anonymous;
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      role: users.role,
      isSiteAdmin: users.isSiteAdmin,
      organisationId: organisations.id,
      organisationSlug: organisations.slug,
      organisationName: organisations.name,
    })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, userId));
  if (!row) return anonymous;
  const organisation =
    row.organisationId && row.organisationSlug && row.organisationName
      ? { id: row.organisationId, slug: row.organisationSlug, name: row.organisationName }
      : null;
  return {
    kind: 'user',
    userId: row.id,
    name: givenName(row.name),
    organisation,
    role: organisation ? toRole(row.role) : 'member',
    isSiteAdmin: row.isSiteAdmin,
  };
}

export function toRole(role: string): Role {
  return role === 'org_admin' ? 'org_admin' : 'member';
}
