import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/viewer';
import { joinRequests, organisations } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { hasOrganisationAdmin } from './organisation-admins';
import { summaryOf, type OrganisationSummary } from './organisation-common';

export type JoinRequestStatus = 'pending' | 'approved' | 'refused' | 'cancelled';

/** A person's own request to join, as they see it. */
export interface OwnJoinRequest {
  id: string;
  organisation: OrganisationSummary;
  message: string;
  status: JoinRequestStatus;
  createdAt: string;
  decidedAt: string | null;
  /** Whether the organisation has an admin to decide it; if not, a site admin decides. */
  organisationHasAdmin: boolean;
}

/**
 * The viewer's pending request to join an organisation, or else their latest one, so the join
 * page can show it. Nobody else's: there is no id to ask about. Anonymous viewers have none.
 */
export async function getOwnJoinRequest(services: Services, viewer: Viewer): Promise<OwnJoinRequest | undefined> {
  if (viewer.kind !== 'user') return undefined;
  const [row] = await services.db
    .select({ request: joinRequests, organisation: organisations })
    .from(joinRequests)
    .innerJoin(organisations, eq(organisations.id, joinRequests.organisationId))
    .where(eq(joinRequests.userId, viewer.userId))
    .orderBy(sql`(${joinRequests.status} = 'pending') desc`, desc(joinRequests.createdAt))
    .limit(1);
  if (!row) return undefined;
  return {
    id: row.request.id,
    organisation: summaryOf(row.organisation),
    message: row.request.message,
    status: row.request.status as JoinRequestStatus,
    createdAt: row.request.createdAt.toISOString(),
    decidedAt: row.request.decidedAt?.toISOString() ?? null,
    organisationHasAdmin: await hasOrganisationAdmin(services.db, row.organisation.id),
  };
}
