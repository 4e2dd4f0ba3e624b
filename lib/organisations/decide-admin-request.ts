import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canReviewSiteRequests } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { adminRequests, organisations, users } from '@/lib/db/schema';
import { sendQuietly } from '@/lib/mail/mailer';
import type { Services } from '@/lib/services';
import { displayName } from '@/lib/text/display-name';
import { organisationProblems } from './messages';
import { forbidden, lockOrganisation, notFound, parseInput, refuse, requireSignedIn } from './organisation-common';

const decisionSchema = z.object({
  requestId: z.uuid({ error: 'The request could not be found' }),
  decision: z.enum(['approve', 'refuse'], { error: 'Choose whether to approve or refuse the request' }),
});

export interface DecidedAdminRequest {
  id: string;
  status: 'approved' | 'refused';
  requesterName: string;
  organisationName: string;
}

/**
 * A site admin approves or refuses a request to become an organisation's admin. Approving makes the
 * person an organisation admin, if they still belong to it. The person is emailed the decision.
 * Anyone who is not a site admin is refused before the request is looked up.
 */
export async function decideAdminRequest(services: Services, viewer: Viewer, input: unknown): Promise<DecidedAdminRequest> {
  requireSignedIn(viewer);
  if (!canReviewSiteRequests(viewer)) throw forbidden('Only site admins decide these requests.');
  if (!z.object({ requestId: z.uuid() }).safeParse(input).success) throw notFound('request');
  const { requestId, decision } = parseInput(decisionSchema, input);

  const decided = await services.db.transaction(async (tx) => {
    const [request] = await tx.select().from(adminRequests).where(eq(adminRequests.id, requestId)).for('update');
    if (!request) throw notFound('request');
    await lockOrganisation(tx, request.organisationId);
    if (request.status !== 'pending') throw refuse(organisationProblems.already_decided);
    const [person] = await tx.select().from(users).where(eq(users.id, request.userId)).for('update');
    const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, request.organisationId));
    if (!person || !organisation) throw notFound('request');
    const requesterName = displayName(person.name);
    if (decision === 'approve' && person.organisationId !== organisation.id) throw refuse(organisationProblems.no_longer_member);

    const status = decision === 'approve' ? 'approved' : 'refused';
    await tx
      .update(adminRequests)
      .set({ status, decidedBy: viewer.kind === 'user' ? viewer.userId : null, decidedAt: new Date() })
      .where(eq(adminRequests.id, requestId));
    await recordAuditEvent(tx, viewer, {
      action: `admin_request.${status}`,
      subjectType: 'user',
      subjectId: person.id,
      organisationId: organisation.id,
      before: { requester: requesterName, status: 'pending' },
      after: { requester: requesterName, status },
    });
    if (decision === 'approve' && person.role !== 'org_admin') {
      await tx.update(users).set({ role: 'org_admin' }).where(eq(users.id, person.id));
      await recordAuditEvent(tx, viewer, {
        action: 'member.role_changed',
        subjectType: 'user',
        subjectId: person.id,
        organisationId: organisation.id,
        before: { member: requesterName, role: person.role },
        after: { member: requesterName, role: 'org_admin' },
      });
    }
    return { id: requestId, status, requesterName, organisationName: organisation.name, organisationSlug: organisation.slug, to: person.email } as const;
  });

  const manage = services.mail ? new URL(`/organisations/${decided.organisationSlug}/manage`, services.mail.hubUrl).toString() : '';
  await sendQuietly(
    services.mail,
    {
      to: [decided.to],
      subject:
        decided.status === 'approved'
          ? `You are now an organisation admin of ${decided.organisationName}`
          : `Your request to become an organisation admin of ${decided.organisationName}`,
      text: (decided.status === 'approved'
        ? [
            `A site admin of Discovery Commons has made you an organisation admin of ${decided.organisationName}.`,
            '',
            `You can now approve requests to join, manage members and change its email domains: ${manage}`,
          ]
        : [`A site admin of Discovery Commons has refused your request to become an organisation admin of ${decided.organisationName}.`]
      )
        .concat(['', 'Discovery Commons', ''])
        .join('\n'),
    },
    'the decision on a request to become an organisation admin',
  );
  return { id: decided.id, status: decided.status, requesterName: decided.requesterName, organisationName: decided.organisationName };
}
