import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canRequestToJoin } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { joinRequests, organisations, users } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { displayName, withoutEmailAddresses } from '@/lib/text/display-name';
import type { OwnJoinRequest } from './get-own-join-request';
import { hasOrganisationAdmin, siteAdminRecipients } from './organisation-admins';
import { sendQuietly } from '@/lib/mail/mailer';
import { findOrganisation, forbidden, organisationSlug, parseInput, refuse, requireSignedIn, summaryOf } from './organisation-common';

export const maxJoinMessageLength = 1000;

const requestSchema = z.object({
  organisation: organisationSlug,
  message: z
    .string()
    .default('')
    .transform((text) => text.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(maxJoinMessageLength, { error: `Your message must be ${maxJoinMessageLength} characters or fewer` })),
});

export type RequestToJoinInput = z.input<typeof requestSchema>;

/**
 * A signed-in person who belongs to no organisation asks to join one, with an optional message to its
 * organisation admins. One pending request at a time: they cancel it to ask somewhere else.
 */
export async function requestToJoin(services: Services, viewer: Viewer, input: unknown): Promise<OwnJoinRequest> {
  const user = requireSignedIn(viewer, 'Sign in to ask to join an organisation.');
  if (!canRequestToJoin(viewer)) throw forbidden('You already belong to an organisation.');
  const { organisation: slug, message } = parseInput(requestSchema, input);
  const organisation = await findOrganisation(services.db, slug);
  if (!organisation) throw refuse('Select an organisation from the list', 'organisation');

  const created = await services.db.transaction(async (tx) => {
    // One at a time per person: lock their row, then look again at what they belong to and have asked.
    const [person] = await tx
      .select({ id: users.id, organisationId: users.organisationId })
      .from(users)
      .where(eq(users.id, user.userId))
      .for('update');
    if (!person) throw forbidden('Sign in to ask to join an organisation.');
    if (person.organisationId) throw forbidden('You already belong to an organisation.');
    const [pending] = await tx
      .select({ name: organisations.name })
      .from(joinRequests)
      .innerJoin(organisations, eq(organisations.id, joinRequests.organisationId))
      .where(and(eq(joinRequests.userId, user.userId), eq(joinRequests.status, 'pending')));
    if (pending) {
      throw refuse(`You have already asked to join ${pending.name}. Cancel that request before asking to join another organisation`);
    }
    const [created] = await tx
      .insert(joinRequests)
      .values({ userId: user.userId, organisationId: organisation.id, message })
      .returning();
    if (!created) throw new Error('insert returned no row');
    await recordAuditEvent(tx, viewer, {
      action: 'join_request.created',
      subjectType: 'join_request',
      subjectId: created.id,
      organisationId: organisation.id,
      before: null,
      after: { requester: displayName(user.name), status: 'pending', message: withoutEmailAddresses(message) },
    });
    return {
      id: created.id,
      organisation: summaryOf(organisation),
      message: created.message,
      status: 'pending',
      createdAt: created.createdAt.toISOString(),
      decidedAt: null,
      organisationHasAdmin: await hasOrganisationAdmin(tx, organisation.id),
    } satisfies OwnJoinRequest;
  });
  if (!created.organisationHasAdmin) await tellSiteAdmins(services, organisation.name, displayName(user.name));
  return created;
}

/**
 * An organisation with no admin has nobody to decide a request to join it: the site admins do, so
 * they are told by email (the request also waits in their queue at /admin/requests).
 */
async function tellSiteAdmins(services: Services, organisationName: string, requesterName: string): Promise<void> {
  const queue = services.mail ? new URL('/admin/requests', services.mail.hubUrl).toString() : '/admin/requests';
  await sendQuietly(
    services.mail,
    {
      to: await siteAdminRecipients(services.db),
      subject: `${organisationName}: a request to join is waiting for a site admin`,
      text: [
        `${requesterName} asks to join ${organisationName}, which has no organisation admin to decide it.`,
        '',
        `Decide it as a site admin, or make someone its organisation admin first: ${queue}`,
        '',
        'Discovery Commons',
        '',
      ].join('\n'),
    },
    'the news of a request to join an organisation with no admin',
  );
}
