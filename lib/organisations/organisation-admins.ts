import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { canSeeOrganisationAdminNames } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import type { Database } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { givenName, noNameGiven } from '@/lib/text/display-name';
import { organisationOrNotFound } from './organisation-common';

/**
 * Who an organisation's admins are, by name only (never their addresses): shown on its page, on the
 * manage page to members who are not admins, and used to decide whether it has an admin at all.
 */
export interface OrganisationAdmins {
  /** Display names, sorted; "Name not given" for an admin who gave none. */
  names: string[];
  hasAdmin: boolean;
}

/** The ids and addresses of an organisation's admins, for the domain's own emails. Never for pages. */
export async function adminRecipients(db: Pick<Database, 'select'>, organisationId: string): Promise<{ id: string; email: string }[]> {
  return db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.role, 'org_admin')))
    .orderBy(asc(users.id));
}

/** The addresses of every site admin, for the domain's own emails (requests waiting for them). */
export async function siteAdminRecipients(db: Pick<Database, 'select'>): Promise<string[]> {
  const rows = await db.select({ email: users.email }).from(users).where(eq(users.isSiteAdmin, true)).orderBy(asc(users.email));
  return rows.map((r) => r.email);
}

export async function hasOrganisationAdmin(db: Pick<Database, 'select'>, organisationId: string): Promise<boolean> {
  return (await adminRecipients(db, organisationId)).length > 0;
}

export async function listOrganisationAdmins(services: Services, viewer: Viewer, slug: unknown): Promise<OrganisationAdmins> {
  const organisation = await organisationOrNotFound(services.db, slug);
  if (!canSeeOrganisationAdminNames(viewer)) return { names: [], hasAdmin: false };
  const rows = await services.db
    .select({ name: users.name })
    .from(users)
    .where(and(eq(users.organisationId, organisation.id), eq(users.role, 'org_admin')))
    .orderBy(sql`lower(coalesce(${users.name}, ''))`, asc(users.id));
  return { names: rows.map((r) => givenName(r.name) ?? noNameGiven), hasAdmin: rows.length > 0 };
}
