import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Actor } from '@/lib/auth/viewer';
import { users } from '@/lib/db/schema';
import type { Transaction } from '@/lib/db/transaction';
import { givenName } from '@/lib/text/display-name';
import { organisationForEmail } from './organisation-for-email';

type UserRow = typeof users.$inferSelect;

/**
 * Joining a council by email domain: someone whose address has just been proved (by an email link)
 * and who belongs to no organisation joins the one organisation whose email domains hold exactly
 * their address's domain, as a member ('member.joined_by_email_domain' in the audit log). Called by
 * sign-in (lib/sign-in/drizzle-adapter.ts) inside the transaction that records the verified address.
 * Addresses from Microsoft are not proved, so they never reach here (see the adapter).
 */
export async function joinByEmailDomain(tx: Transaction, row: UserRow): Promise<void> {
  if (row.organisationId) return;
  const organisation = await organisationForEmail(tx, row.email);
  if (!organisation) return;
  const joined = await tx
    .update(users)
    .set({ organisationId: organisation.id, role: 'member' })
    .where(and(eq(users.id, row.id), isNull(users.organisationId)))
    .returning({ id: users.id });
  if (joined.length === 0) return;
  await recordAuditEvent(tx, userAsActor({ ...row, role: 'member' }, organisation), {
    action: 'member.joined_by_email_domain',
    subjectType: 'user',
    subjectId: row.id,
    organisationId: organisation.id,
    before: { organisationId: null },
    after: { organisationId: organisation.id, role: 'member' },
  });
}

/** A user's row as the actor of a change they made by signing in, for the audit log. */
export function userAsActor(row: UserRow, organisation: { id: string; slug: string; name: string } | null): Actor {
  return {
    kind: 'user',
    userId: row.id,
    name: givenName(row.name),
    organisation,
    role: row.role === 'org_admin' ? 'org_admin' : 'member',
    isSiteAdmin: row.isSiteAdmin,
  };
}
