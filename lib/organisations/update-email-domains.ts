import 'server-only';
import { and, arrayOverlaps, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canManageOrganisation } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { organisations } from '@/lib/db/schema';
import type { Transaction } from '@/lib/db/transaction';
import type { Services } from '@/lib/services';
import { checkEmailDomains } from './email-domains';
import { forbidden, organisationOrNotFound, parseInput, refuse, requireSignedIn } from './organisation-common';

const domainsSchema = z.object({
  emailDomains: z.union([z.string().max(20_000, { error: 'Enter fewer domains' }), z.array(z.string().max(300)).max(200)], {
    error: 'Enter the email domains, one on each line',
  }),
});

/**
 * Sets the email domains of an organisation: people who verify an address on one of them join it when
 * they sign in. For the organisation's own admins and site admins. Each domain is checked (an ASCII
 * hostname, no public email service), lower-cased and deduplicated; one already used by another
 * organisation is refused, so nobody can draw another council's staff into their own.
 */
export async function updateEmailDomains(services: Services, viewer: Viewer, organisationSlug: unknown, input: unknown): Promise<{ emailDomains: string[]; changed: boolean }> {
  requireSignedIn(viewer);
  const organisation = await organisationOrNotFound(services.db, organisationSlug);
  if (!canManageOrganisation(viewer, organisation.id)) throw forbidden();
  const { emailDomains: raw } = parseInput(domainsSchema, input);
  const checked = checkEmailDomains(raw);
  if (!checked.ok) throw refuse(checked.message, 'emailDomains');
  const emailDomains = checked.domains;

  return services.db.transaction(async (tx) => {
    const [current] = await tx
      .select({ emailDomains: organisations.emailDomains })
      .from(organisations)
      .where(eq(organisations.id, organisation.id))
      .for('update');
    const before = current?.emailDomains ?? [];
    const added = emailDomains.filter((d) => !before.includes(d));
    await refuseDomainsOfOthers(tx, added, organisation.id);
    if (sameList(before, emailDomains)) return { emailDomains, changed: false };

    await tx.update(organisations).set({ emailDomains }).where(eq(organisations.id, organisation.id));
    await recordAuditEvent(tx, viewer, {
      action: 'organisation.email_domains_changed',
      subjectType: 'organisation',
      subjectId: organisation.id,
      organisationId: organisation.id,
      before: { emailDomains: before },
      after: { emailDomains },
    });
    return { emailDomains, changed: true };
  });
}

/** Refuses domains another organisation already uses (new ones only: a few councils share one). */
export async function refuseDomainsOfOthers(tx: Pick<Transaction, 'select'>, domains: string[], organisationId: string | null): Promise<void> {
  if (domains.length === 0) return;
  const others = await tx
    .select({ name: organisations.name, emailDomains: organisations.emailDomains })
    .from(organisations)
    .where(
      organisationId
        ? and(arrayOverlaps(organisations.emailDomains, domains), ne(organisations.id, organisationId))
        : arrayOverlaps(organisations.emailDomains, domains),
    )
    .limit(1);
  const other = others[0];
  if (!other) return;
  const domain = domains.find((d) => other.emailDomains.includes(d))!;
  throw refuse(`${domain} is already used by ${other.name}. Each domain can belong to one organisation`, 'emailDomains');
}

function sameList(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
