import 'server-only';
import { eq } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { accounts, organisations, users } from '@/lib/db/schema';
import { anonymous, type Role, type Viewer } from './viewer';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The viewer for a signed-in user id, read from the database now: their organisation, role and
 * site-admin flag as they are at this moment. A user who no longer exists is anonymous.
 */
export async function loadViewer(db: Database, userId: string): Promise<Viewer> {
  if (!UUID.test(userId)) return anonymous;
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
    name: displayName(row.name),
    organisation,
    role: organisation ? toRole(row.role) : 'member',
    isSiteAdmin: row.isSiteAdmin,
  };
}

/** What "Your account" shows a user about themselves (their own address included). */
export interface AccountDetails {
  name: string | null;
  email: string;
  organisation: { slug: string; name: string } | null;
  role: Role;
  isSiteAdmin: boolean;
  signInWithMicrosoft: boolean;
}

export async function loadAccountDetails(db: Database, userId: string): Promise<AccountDetails | null> {
  if (!UUID.test(userId)) return null;
  const [row] = await db
    .select({
      name: users.name,
      email: users.email,
      role: users.role,
      isSiteAdmin: users.isSiteAdmin,
      organisationSlug: organisations.slug,
      organisationName: organisations.name,
    })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, userId));
  if (!row) return null;
  const linked = await db.select({ provider: accounts.provider }).from(accounts).where(eq(accounts.userId, userId));
  return {
    name: row.name?.trim() || null,
    email: row.email,
    organisation: row.organisationSlug && row.organisationName ? { slug: row.organisationSlug, name: row.organisationName } : null,
    role: toRole(row.role),
    isSiteAdmin: row.isSiteAdmin,
    signInWithMicrosoft: linked.some((a) => a.provider === 'azure-ad'),
  };
}

function toRole(role: string): Role {
  return role === 'org_admin' ? 'org_admin' : 'member';
}

/** How a user without a name appears to others (audit log, "shared by"): never their address. */
export function displayName(name: string | null): string {
  return name?.trim() || 'Unnamed user';
}
