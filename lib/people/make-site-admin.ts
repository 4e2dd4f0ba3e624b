import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Database } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { emailAddressProblemMessage, parseEmailAddress } from '@/lib/text/email-address';

export type MakeSiteAdminResult =
  | { outcome: 'created'; userId: string; email: string }
  | { outcome: 'promoted'; userId: string; email: string }
  | { outcome: 'already'; userId: string; email: string; renamed: boolean }
  | { outcome: 'invalid'; message: string };

/**
 * Makes the person with this address a site admin, creating their user if they have never signed in
 * (they sign in later with an email link to the same address, which also verifies it and joins them to
 * their council by domain). Recorded in the audit log as the command line's doing.
 */
export async function makeSiteAdmin(db: Database, input: { email: string; name?: string }, actorLabel: string): Promise<MakeSiteAdminResult> {
  const parsed = parseEmailAddress(input.email);
  if (!parsed.ok) return { outcome: 'invalid', message: emailAddressProblemMessage(parsed.problem) };
  const name = input.name?.trim() || undefined;
  const email = parsed.address;
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(users).where(eq(users.email, email)).for('update');
    const [row] = existing
      ? await tx
          .update(users)
          .set({ isSiteAdmin: true, ...(name ? { name } : {}) })
          .where(eq(users.id, existing.id))
          .returning()
      : await tx.insert(users).values({ email, name: name ?? null, isSiteAdmin: true }).returning();
    if (!existing?.isSiteAdmin) {
      await recordAuditEvent(tx, { kind: 'system', label: actorLabel }, {
        action: 'user.made_site_admin',
        subjectType: 'user',
        subjectId: row!.id,
        organisationId: row!.organisationId,
        before: existing ? { isSiteAdmin: false } : null,
        after: { isSiteAdmin: true },
      });
    }
    if (!existing) return { outcome: 'created', userId: row!.id, email };
    if (!existing.isSiteAdmin) return { outcome: 'promoted', userId: row!.id, email };
    return { outcome: 'already', userId: row!.id, email, renamed: Boolean(name && name !== existing.name) };
  });
}
