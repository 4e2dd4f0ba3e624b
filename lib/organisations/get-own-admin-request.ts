import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/viewer';
import { adminRequests, organisations } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import type { JoinRequestStatus } from './get-own-join-request';
import { summaryOf, type OrganisationSummary } from './organisation-common';

/** A person's own request to become an organisation admin, as they see it on "Your account". */
export interface OwnAdminRequest {
  id: string;
  organisation: OrganisationSummary;
  status: JoinRequestStatus;
  createdAt: string;
  decidedAt: string | null;
}

/** The viewer's pending request to become an admin, or else their latest one. Nobody else's. */
export async function getOwnAdminRequest(services: Services, viewer: Viewer): Promise<OwnAdminRequest | undefined> {
  if (viewer.kind !== 'user') return undefined;
  const [row] = await services.db
    .select({ request: adminRequests, organisation: organisations })
    .from(adminRequests)
    .innerJoin(organisations, eq(organisations.id, adminRequests.organisationId))
    .where(eq(adminRequests.userId, viewer.userId))
    .orderBy(sql`(${adminRequests.status} = 'pending') desc`, desc(adminRequests.createdAt))
    .limit(1);
  if (!row) return undefined;
  return {
    id: row.request.id,
    organisation: summaryOf(row.organisation),
    status: row.request.status as JoinRequestStatus,
    createdAt: row.request.createdAt.toISOString(),
    decidedAt: row.request.decidedAt?.toISOString() ?? null,
  };
}
