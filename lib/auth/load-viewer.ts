import 'server-only';
import { eq, inArray } from 'drizzle-orm';
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
  return (await loadViewers(db, [userId])).get(userId) ?? anonymous;
}

/**
 * The same for many people at once (digests are built for thousands): one query. People who no
 * longer exist are left out of the map.
 */
export async function loadViewers(db: Database, userIds: string[]): Promise<Map<string, Viewer>> {
  const ids = [...new Set(userIds.filter(isUuid))];
  const viewers = new Map<string, Viewer>();
  if (ids.length === 0) return viewers;
  const rows = await db
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
    .where(inArray(users.id, ids));
  for (const row of rows) {
    const organisation =
      row.organisationId && row.organisationSlug && row.organisationName
        ? { id: row.organisationId, slug: row.organisationSlug, name: row.organisationName }
        : null;
    viewers.set(row.id, {
      kind: 'user',
      userId: row.id,
      name: givenName(row.name),
      organisation,
      role: organisation ? toRole(row.role) : 'member',
      isSiteAdmin: row.isSiteAdmin,
    });
  }
  return viewers;
}

export function toRole(role: string): Role {
  return role === 'org_admin' ? 'org_admin' : 'member';
}
