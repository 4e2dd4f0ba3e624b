import 'server-only';
import { z } from 'zod';
import type { Viewer } from '@/lib/auth/viewer';
import type { Services } from '@/lib/services';
import { listOrganisations } from './list-organisations';
import type { OrganisationSummary } from './organisation-common';

const filterSchema = z.object({
  name: z.string().trim().max(200).catch(''),
  type: z.enum(['council', 'public-body']).optional().catch(undefined),
});

export type OrganisationFilter = z.output<typeof filterSchema>;

export interface FoundOrganisations {
  filter: OrganisationFilter;
  organisations: OrganisationSummary[];
  /** Every organisation, before the filter. */
  total: number;
}

/** Lower case, without accents and punctuation, so "St Helens" finds "St. Helens" and "Ynys Môn" finds "ynys mon". */
function folded(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The list of councils and public bodies at /organisations, filtered by words in the name (each word
 * must appear) and by type. Public knowledge: anyone may ask. The filter comes straight from the
 * query string, so anything odd in it is ignored rather than refused.
 */
export async function findOrganisations(services: Services, viewer: Viewer, input: { name?: unknown; type?: unknown }): Promise<FoundOrganisations> {
  const filter = filterSchema.parse({ name: typeof input.name === 'string' ? input.name : '', type: input.type });
  const all = await listOrganisations(services, viewer);
  const words = folded(filter.name).split(' ').filter(Boolean);
  const organisations = all.filter(
    (organisation) =>
      (!filter.type || organisation.type === filter.type) && words.every((word) => folded(organisation.name).includes(word)),
  );
  return { filter, organisations, total: all.length };
}
