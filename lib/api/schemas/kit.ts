import { z } from 'zod';
import { visibilities } from '@/lib/auth/viewer';
import { councilRef, isoDateTime, pageFields } from './common';
import { named } from './registry';

/** Discovery kits (lib/kits), as /kits and a kit's page show them. */

export const kitSummary = named(
  'KitSummary',
  z.object({
    id: z.uuid(),
    title: z.string(),
    description: z.string(),
    council: councilRef.nullable().describe('The council that made it; null for the hub’s own starter kits.'),
    itemCount: z.number().int().describe('How many of its materials the viewer may see (never how many it holds in all).'),
    updatedAt: isoDateTime,
    url: z.string(),
    apiUrl: z.string(),
  }),
);

export const kitList = named(
  'KitList',
  z.object({
    results: z.array(kitSummary).describe('The hub’s starter kits first, then the most recently changed, as /kits lists them.'),
    ...pageFields,
  }),
);

export const kit = named(
  'Kit',
  z.object({
    id: z.uuid(),
    title: z.string(),
    description: z.string(),
    visibility: z.enum(visibilities),
    council: councilRef.nullable().describe('The council that made it; null for the hub’s own starter kits.'),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    items: z
      .array(
        z.object({
          material: z.object({ id: z.uuid(), title: z.string(), summary: z.string(), apiUrl: z.string() }),
          note: z.string().describe('What the kit’s makers say about it; may be empty.'),
          council: councilRef.nullable(),
          licence: z.string(),
          fileName: z.string().nullable(),
          sizeBytes: z.number().int().nullable(),
        }),
      )
      .describe('In the kit’s order: only the materials the viewer may see. Nothing says whether others were left out.'),
    fileCount: z.number().int().describe('Files in the zip for this viewer.'),
    totalBytes: z.number().int().describe('Their total size before zipping.'),
    url: z.string(),
    downloadUrl: z.string().describe('The whole kit as one zip, for this viewer (the API’s own, so a token is honoured).'),
  }),
);
