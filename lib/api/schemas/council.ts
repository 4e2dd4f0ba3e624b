import { z } from 'zod';
import { pageFields, slug } from './common';
import { named } from './registry';

export const councilSummary = named(
  'CouncilSummary',
  z.object({
    slug,
    name: z.string(),
    type: z.enum(['council', 'public-body']),
    url: z.string().describe('Its page on this hub.'),
    apiUrl: z.string(),
  }),
);

export const councilList = named(
  'CouncilList',
  z.object({ total: z.number().int().describe('How many match the filters.'), results: z.array(councilSummary), ...pageFields }),
);

export const council = named(
  'Council',
  councilSummary.extend({
    homepageUrl: z.string().nullable(),
    tier: z.string().nullable().describe('county, district or unitary, for councils.'),
    country: z.string().nullable(),
    publicMaterialCount: z.number().int().describe('Published materials anyone may see.'),
    materialsUrl: z.string().describe('Its materials, through the search API.'),
  }),
);
