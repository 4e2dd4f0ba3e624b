import 'server-only';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { canReviewSiteRequests } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { adminRequests, joinRequests, organisations, users } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { displayName } from '@/lib/text/display-name';
import { parseEmailAddress } from '@/lib/text/email-address';
import { forbidden, requireSignedIn, summaryOf, type OrganisationSummary } from './organisation-common';

/** How many other members a site admin sees named beside a request (the count is always whole). */
const namedMembers = 10;

export interface AdminRequestForReview {
  id: string;
  organisation: OrganisationSummary & { emailDomains: string[]; hasAdmin: boolean };
  requester: {
    name: string;
    email: string;
    /** Their address was proved by an emailed link (not only claimed by a sign-in provider). */
    emailVerified: boolean;
    /** Their address is on one of the organisation's own email domains. */
    onOrganisationDomain: boolean;
  };
  /** Everyone else who belongs to the organisation: how many, and the first few by name. */
  otherMembers: { count: number; names: string[] };
  message: string;
  createdAt: string;
}

export interface JoinRequestWaitingForSiteAdmin {
  id: string;
  organisation: OrganisationSummary;
  requesterName: string;
  createdAt: string;
}

export interface SiteRequests {
  adminRequests: AdminRequestForReview[];
  /** Requests to join organisations that have no admin to decide them: a site admin decides instead. */
  joinRequests: JoinRequestWaitingForSiteAdmin[];
}

/** The site admins' queue (/admin/requests): what is waiting for them, oldest first, with its evidence. */
export async function listSiteRequests(services: Services, viewer: Viewer): Promise<SiteRequests> {
  requireSignedIn(viewer);
  if (!canReviewSiteRequests(viewer)) throw forbidden();
  const db = services.db;
  const noAdmin = sql`NOT EXISTS (SELECT 1 FROM users a WHERE a.organisation_id = ${organisations.id} AND a.role = 'org_admin')`;

  const pending = await db
    .select({ request: adminRequests, user: users, organisation: organisations })
    .from(adminRequests)
    .innerJoin(users, eq(users.id, adminRequests.userId))
    .innerJoin(organisations, eq(organisations.id, adminRequests.organisationId))
    .where(eq(adminRequests.status, 'pending'))
    .orderBy(asc(adminRequests.createdAt))
    .limit(200);

  const organisationIds = [...new Set(pending.map((p) => p.organisation.id))];
  const members = organisationIds.length
    ? await db
        .select({ id: users.id, name: users.name, organisationId: users.organisationId, role: users.role })
        .from(users)
        .where(inArray(users.organisationId, organisationIds))
        .orderBy(sql`lower(coalesce(${users.name}, ''))`, asc(users.id))
    : [];

  const waitingJoins = await db
    .select({ request: joinRequests, user: users, organisation: organisations })
    .from(joinRequests)
    .innerJoin(users, eq(users.id, joinRequests.userId))
    .innerJoin(organisations, eq(organisations.id, joinRequests.organisationId))
    .where(and(eq(joinRequests.status, 'pending'), noAdmin))
    .orderBy(asc(joinRequests.createdAt), desc(joinRequests.id))
    .limit(200);

  return {
    adminRequests: pending.map(({ request, user, organisation }) => {
      const others = members.filter((m) => m.organisationId === organisation.id && m.id !== user.id);
      const parsed = parseEmailAddress(user.email);
      const domains = organisation.emailDomains.map((d) => d.trim().toLowerCase().replace(/\.$/, ''));
      return {
        id: request.id,
        organisation: {
          ...summaryOf(organisation),
          emailDomains: organisation.emailDomains,
          hasAdmin: members.some((m) => m.organisationId === organisation.id && m.role === 'org_admin'),
        },
        requester: {
          name: displayName(user.name),
          email: user.email,
          emailVerified: user.emailVerified !== null,
          onOrganisationDomain: parsed.ok && domains.includes(parsed.domain),
        },
        otherMembers: { count: others.length, names: others.slice(0, namedMembers).map((m) => displayName(m.name)) },
        message: request.message,
        createdAt: request.createdAt.toISOString(),
      };
    }),
    joinRequests: waitingJoins.map(({ request, user, organisation }) => ({
      id: request.id,
      organisation: summaryOf(organisation),
      requesterName: displayName(user.name),
      createdAt: request.createdAt.toISOString(),
    })),
  };
}
