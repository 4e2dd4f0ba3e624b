import 'server-only';
import { eq, like, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canAdministerSite } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { organisations } from '@/lib/db/schema';
import { ValidationError, type FieldError } from '@/lib/errors';
import type { Services } from '@/lib/services';
import { checkEmailDomains } from './email-domains';
import { forbidden, parseInput, refuse, requireSignedIn, summaryOf, type OrganisationSummary } from './organisation-common';
import { refuseDomainsOfOthers } from './update-email-domains';

const optionalText = (max: number, message: string) =>
  z
    .string()
    .default('')
    .transform((text) => text.trim())
    .pipe(z.string().max(max, { error: message }));

const publicBodySchema = z.object({
  name: z
    .string({ error: 'Enter the name of the organisation' })
    .transform((text) => text.replace(/\s+/g, ' ').trim())
    .pipe(
      z
        .string()
        .min(2, { error: 'Enter the name of the organisation' })
        .max(200, { error: 'The name must be 200 characters or fewer' }),
    ),
  homepageUrl: optionalText(500, 'The homepage address must be 500 characters or fewer').refine(
    (text) => text === '' || isWebAddress(text),
    { error: 'Enter the homepage as a full web address, like https://www.local.gov.uk' },
  ),
  emailDomains: z.union([z.string().max(20_000), z.array(z.string().max(300)).max(200)]).default(''),
});

export type AddPublicBodyInput = z.input<typeof publicBodySchema>;

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.') && !url.username && !url.password;
  } catch {
    return false;
  }
}

/**
 * A site admin adds an organisation that is not a council (the LGA, a government department, a
 * combined authority). Its slug is made from its name, unique among all organisations.
 */
export async function addPublicBody(services: Services, viewer: Viewer, input: unknown): Promise<OrganisationSummary> {
  requireSignedIn(viewer);
  if (!canAdministerSite(viewer)) throw forbidden();
  // Every problem at once, as GOV.UK forms do: the fields, then the email domains.
  let fields: z.infer<typeof publicBodySchema> | undefined;
  const errors: FieldError[] = [];
  try {
    fields = parseInput(publicBodySchema, input);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    errors.push(...error.fieldErrors);
  }
  const rawDomains = fields?.emailDomains ?? (input as { emailDomains?: unknown } | null)?.emailDomains ?? '';
  const checked = typeof rawDomains === 'string' || Array.isArray(rawDomains) ? checkEmailDomains(rawDomains) : undefined;
  if (checked && !checked.ok && !errors.some((e) => e.field === 'emailDomains')) {
    errors.push({ field: 'emailDomains', message: checked.message });
  }
  if (errors.length || !fields || !checked?.ok) throw new ValidationError(errors);
  const { name, homepageUrl } = fields;

  return services.db.transaction(async (tx) => {
    const [sameName] = await tx
      .select({ slug: organisations.slug })
      .from(organisations)
      .where(sql`lower(${organisations.name}) = lower(${name})`)
      .limit(1);
    if (sameName) throw refuse(`There is already an organisation called ${name}`, 'name');
    await refuseDomainsOfOthers(tx, checked.domains, null);

    const base = slugFrom(name);
    const taken = await tx
      .select({ slug: organisations.slug })
      .from(organisations)
      .where(or(eq(organisations.slug, base), like(organisations.slug, `${base}-%`)));
    const takenSlugs = new Set(taken.map((row) => row.slug));
    let slug = base;
    for (let n = 2; takenSlugs.has(slug); n++) slug = `${base}-${n}`;

    const [created] = await tx
      .insert(organisations)
      .values({ slug, name, type: 'public-body', homepageUrl: homepageUrl || null, emailDomains: checked.domains })
      .returning();
    if (!created) throw new Error('insert returned no row');
    await recordAuditEvent(tx, viewer, {
      action: 'organisation.created',
      subjectType: 'organisation',
      subjectId: created.id,
      organisationId: created.id,
      before: null,
      after: { name, type: 'public-body', homepageUrl: created.homepageUrl, emailDomains: checked.domains },
    });
    return summaryOf(created);
  });
}

/** "Department for Levelling Up, Housing & Communities" → "department-for-levelling-up-housing-and-communities". */
export function slugFrom(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'organisation';
}
