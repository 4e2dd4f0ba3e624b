import { z } from 'zod';
import { visibilities } from '@/lib/auth/viewer';
import { isoDateTime } from './common';
import { named } from './registry';

const labelled = z.object({ slug: z.string(), label: z.string() });

export const materialVersion = named(
  'MaterialVersion',
  z.object({
    versionNumber: z.number().int().min(1),
    fileName: z.string(),
    format: z.string(),
    formatLabel: z.string(),
    sizeBytes: z.number().int(),
    uploadedAt: isoDateTime,
    uploadedBy: z.string().nullable().describe('“Sam Jones, Bristol City Council”, or null when not known.'),
    changeNote: z.string().nullable(),
    isCurrent: z.boolean(),
    downloadUrl: z.string().describe('This version’s file, through the API (the same permission check as the page).'),
  }),
);

export const material = named(
  'Material',
  z.object({
    id: z.uuid(),
    title: z.string(),
    summary: z.string(),
    phases: z.array(labelled),
    artefactType: labelled,
    kind: labelled,
    topics: z.array(labelled),
    tags: z.array(z.string()),
    licence: z.object({ spdx: z.string(), label: z.string(), url: z.string() }),
    council: z
      .object({ slug: z.string(), name: z.string(), homepageUrl: z.string().nullable(), gssCode: z.string().nullable().describe('The ONS code (E06000023).') })
      .nullable(),
    sourceUrl: z.string().nullable(),
    attribution: z.string().nullable(),
    sharedBy: z.string().nullable(),
    askBeforeReuse: z.boolean().describe('The licence says to ask the publishing council before reuse.'),
    visibility: z.enum(visibilities).describe('public: anyone; councils: people in any council; organisation: its own council only.'),
    status: z.string().describe('published, draft (its council only) or withdrawn (those who may restore it).'),
    withdrawn: z.object({ reason: z.string(), at: isoDateTime }).nullable(),
    permissions: z.object({ canChange: z.boolean(), canDelete: z.boolean() }).describe('What the viewer may do with it.'),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    lastUpdatedAt: isoDateTime.nullable(),
    file: z.object({
      fileName: z.string(),
      format: z.string(),
      formatLabel: z.string(),
      sizeBytes: z.number().int(),
      sha256: z.string(),
      versionNumber: z.number().int(),
      uploadedAt: isoDateTime,
      downloadUrl: z.string(),
    }),
    versions: z.array(materialVersion).describe('Every file version the viewer may see, newest first.'),
    url: z.string().describe('The material’s page on this hub.'),
  }),
);
