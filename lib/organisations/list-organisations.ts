import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Viewer } from '@/lib/auth/viewer';
import { organisations } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { summaryOf, type OrganisationSummary } from './organisation-common';

const optionsSchema = z.object({ type: z.enum(['council', 'public-body']).optional() }).default({});

/**
 * Every organisation (or every one of a type), by name: for pickers and lists. Public knowledge, so
 * anyone may ask; the viewer is taken for the same shape as every other verb.
 */
export async function listOrganisations(
  services: Services,
  _viewer: Viewer,
  options: { type?: 'council' | 'public-body' } = {},
): Promise<OrganisationSummary[]> {
  const parsed = optionsSchema.safeParse(options);
  const type = parsed.success ? parsed.data.type : undefined;
  const rows = await services.db
    .select({ slug: organisations.slug, name: organisations.name, type: organisations.type })
    .from(organisations)
    .where(type ? eq(organisations.type, type) : undefined)
    .orderBy(asc(organisations.name), asc(organisations.slug));
  return rows.map(summaryOf);
}
