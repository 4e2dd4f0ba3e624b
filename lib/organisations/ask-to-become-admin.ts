import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canAskToBecomeAdmin } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { adminRequests, users } from '@/lib/db/schema';
import { sendQuietly } from '@/lib/mail/mailer';
import type { Services } from '@/lib/services';
import { displayName, withoutEmailAddresses } from '@/lib/text/display-name';
import { organisationProblems } from './messages';
import { findOrganisationById } from './organisation-by-id';
import { hasOrganisationAdmin, siteAdminRecipients } from './organisation-admins';
import { forbidden, lockOrganisation, parseInput, refuse, requireSignedIn, summaryOf, type OrganisationSummary } from './organisation-common';

export const maxAdminRequestMessageLength = 1000;

const askSchema = z.object({
  message: z
    .string()
    .default('')
    .transform((text) => text.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(maxAdminRequestMessageLength, { error: `Your message must be ${maxAdminRequestMessageLength} characters or fewer` })),
});

/**
 * A member of an organisation that has no organisation admin asks to become its first one. A site
 * admin decides (decideAdminRequest), from the queue at /admin/requests; every site admin is emailed.
 * One pending request per person.
 */
export async function askToBecomeAdmin(services: Services, viewer: Viewer, input: unknown): Promise<{ id: string; organisation: OrganisationSummary }> {
  const user = requireSignedIn(viewer, 'Sign in to ask to become an organisation admin.');
  const organisationId = user.organisation?.id;
  if (!organisationId) throw forbidden('You do not belong to an organisation.');
  const organisation = await findOrganisationById(services.db, organisationId);
  if (!organisation) throw forbidden('You do not belong to an organisation.');
  const { message } = parseInput(askSchema, input);

  const created = await services.db.transaction(async (tx) => {
    await lockOrganisation(tx, organisationId);
    const hasAdmin = await hasOrganisationAdmin(tx, organisationId);
    if (!canAskToBecomeAdmin(viewer, { id: organisationId, hasAdmin })) {
      if (hasAdmin) throw refuse(organisationProblems.has_admin);
      throw forbidden('Only members of an organisation with no organisation admin can ask to become one.');
    }
    const [still] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, user.userId), eq(users.organisationId, organisationId)));
    if (!still) throw refuse(organisationProblems.not_a_member);
    const [pending] = await tx
      .select({ id: adminRequests.id })
      .from(adminRequests)
      .where(and(eq(adminRequests.userId, user.userId), eq(adminRequests.status, 'pending')));
    if (pending) throw refuse(organisationProblems.admin_request_pending);
    const [row] = await tx.insert(adminRequests).values({ userId: user.userId, organisationId, message }).returning();
    if (!row) throw new Error('insert returned no row');
    await recordAuditEvent(tx, viewer, {
      action: 'admin_request.created',
      subjectType: 'user',
      subjectId: user.userId,
      organisationId,
      before: null,
      after: { requester: displayName(user.name), status: 'pending', message: withoutEmailAddresses(message) },
    });
    return row;
  });

  const queue = services.mail ? new URL('/admin/requests', services.mail.hubUrl).toString() : '/admin/requests';
  await sendQuietly(
    services.mail,
    {
      to: await siteAdminRecipients(services.db),
      subject: `${organisation.name}: a member asks to become its organisation admin`,
      text: [
        `${displayName(user.name)} asks to become the first organisation admin of ${organisation.name}, which has none.`,
        '',
        message ? `Their message:\n${message}\n` : 'They left no message.\n',
        `Approve or refuse it, with the evidence beside it, on Discovery Commons: ${queue}`,
        '',
        'Discovery Commons',
        '',
      ].join('\n'),
    },
    'a request to become an organisation admin',
  );
  return { id: created.id, organisation: summaryOf(organisation) };
}
