import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { canManageOrganisation, canSeeMemberEmails } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { joinRequests, users } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { displayName } from '@/lib/text/display-name';
import { forbidden, organisationOrNotFound, requireSignedIn } from './organisation-common';

/** A pending request to join, as an organisation's admins see it. */
export interface JoinRequestForReview {
  id: string;
  requester: {
    userId: string;
    name: string;
    /**
     * Present only for the organisation's own admins and site admins, who need it to decide: the
     * person chose to show it to them by asking to join.
     */
    email?: string;
  };
  message: string;
  createdAt: string;
}

/**
 * The pending requests to join an organisation, oldest first: for its organisation admins and site
 * admins only.
 */
export async function listJoinRequests(services: Services, viewer: Viewer, organisationSlug: unknown): Promise<JoinRequestForReview[]> {
  requireSignedIn(viewer);
  const organisation = await organisationOrNotFound(services.db, organisationSlug);
  if (!canManageOrganisation(viewer, organisation.id)) throw forbidden();
  const withEmails = canSeeMemberEmails(viewer, organisation.id);
  const rows = await services.db
    .select({ request: joinRequests, user: { id: users.id, name: users.name, email: users.email } })
    .from(joinRequests)
    .innerJoin(users, eq(users.id, joinRequests.userId))
    .where(and(eq(joinRequests.organisationId, organisation.id), eq(joinRequests.status, 'pending')))
    .orderBy(asc(joinRequests.createdAt), asc(joinRequests.id));
  return rows.map(({ request, user }) => ({
    id: request.id,
    requester: { userId: user.id, name: displayName(user.name), ...(withEmails ? { email: user.email } : {}) },
    message: request.message,
    createdAt: request.createdAt.toISOString(),
  }));
}
