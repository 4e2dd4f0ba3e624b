import 'server-only';
import { eq } from 'drizzle-orm';
import { toRole } from '@/lib/auth/load-viewer';
import type { Role, Viewer } from '@/lib/auth/viewer';
import { accounts, organisations, users } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { givenName } from '@/lib/text/display-name';

/** What "Your account" shows a person about themselves (their own address included). */
export interface AccountDetails {
  name: string | null;
  email: string;
  organisation: { slug: string; name: string } | null;
  role: Role;
  isSiteAdmin: boolean;
  signInWithMicrosoft: boolean;
}

/** The viewer's own account; undefined for anyone not signed in (or a user deleted a moment ago). */
export async function getAccount(services: Services, viewer: Viewer): Promise<AccountDetails | undefined> {
  if (viewer.kind !== 'user') return undefined;
  const [row] = await services.db
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
    .where(eq(users.id, viewer.userId));
  if (!row) return undefined;
  const linked = await services.db.select({ provider: accounts.provider }).from(accounts).where(eq(accounts.userId, viewer.userId));
  return {
    name: givenName(row.name),
    email: row.email,
    organisation: row.organisationSlug && row.organisationName ? { slug: row.organisationSlug, name: row.organisationName } : null,
    role: toRole(row.role),
    isSiteAdmin: row.isSiteAdmin,
    signInWithMicrosoft: linked.some((a) => a.provider === 'azure-ad'),
  };
}
