import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { organisations } from '@/lib/db/schema';
import { parseEmailAddress } from '@/lib/text/email-address';

export interface EmailDomainOrganisation {
  id: string;
  slug: string;
  name: string;
}

/**
 * The organisation whose email domains contain exactly this address's domain, or null.
 *
 * Exact match only: `council.gov.uk` does not match `team.council.gov.uk` nor
 * `council.gov.uk.evil.com`. A council whose staff use another domain or a subdomain has it added to
 * its list by an admin. Domains in the list are compared lower-cased and without a trailing dot.
 * A domain that more than one organisation lists (joint councils such as adur-worthing.gov.uk) is
 * ambiguous and joins nobody: those people ask to join the council they work for.
 */
export async function organisationForEmail(
  db: Pick<Database, 'select'>,
  email: string,
): Promise<EmailDomainOrganisation | null> {
  const parsed = parseEmailAddress(email);
  if (!parsed.ok) return null;
  const rows = await db
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
    .from(organisations)
    .where(
      sql`EXISTS (SELECT 1 FROM unnest(${organisations.emailDomains}) AS d(domain) WHERE lower(rtrim(btrim(d.domain), '.')) = ${parsed.domain})`,
    )
    .limit(2);
  return rows.length === 1 ? rows[0]! : null;
}
