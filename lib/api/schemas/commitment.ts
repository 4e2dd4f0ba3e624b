import { z } from 'zod';
import { visibilities } from '@/lib/auth/viewer';
import { commitmentKinds, commitmentStatuses } from '@/lib/commitments/commitment-words';
import { councilRef, isoDate, isoDateTime, pageFields } from './common';
import { named } from './registry';

export const commitmentSummary = named(
  'CommitmentSummary',
  z.object({
    id: z.uuid(),
    council: councilRef,
    kind: z.enum(commitmentKinds),
    phaseLabel: z.string().nullable(),
    description: z.string(),
    dueOn: isoDate,
    status: z.enum(commitmentStatuses).describe('Worked out today (London): planned, in-progress, kept or overdue.'),
    url: z.string(),
    apiUrl: z.string(),
  }),
);

export const commitmentList = named(
  'CommitmentList',
  z.object({
    total: z.number().int().describe('How many match the filters.'),
    counts: z.object({ total: z.number().int(), kept: z.number().int() }).describe('Of those matching every filter but status: how many, and how many kept.'),
    results: z.array(commitmentSummary),
    ...pageFields,
  }),
);

const evidence = z.discriminatedUnion('kind', [
  z.object({ id: z.uuid(), kind: z.literal('material'), material: z.object({ id: z.uuid(), title: z.string(), apiUrl: z.string() }), addedAt: isoDateTime }),
  z.object({
    id: z.uuid(),
    kind: z.literal('project'),
    project: z.object({ id: z.uuid(), name: z.string(), council: z.string().describe('The name of the project’s council.'), url: z.string() }),
    addedAt: isoDateTime,
  }),
  z.object({ id: z.uuid(), kind: z.literal('link'), url: z.string(), title: z.string(), addedAt: isoDateTime }),
]);

export const commitment = named(
  'Commitment',
  z.object({
    id: z.uuid(),
    council: councilRef,
    kind: z.enum(commitmentKinds),
    phase: z.object({ slug: z.string(), label: z.string() }).nullable(),
    description: z.string(),
    dueOn: isoDate,
    evidenceExpected: z.string(),
    visibility: z.enum(visibilities),
    status: z.enum(commitmentStatuses),
    confirmedAt: isoDateTime.nullable(),
    contact: z.string().optional().describe('The contact’s name: only for the council’s members and site admins.'),
    evidence: z.array(evidence).describe('The evidence the viewer may see.'),
    hiddenEvidenceCount: z.number().int().describe('Evidence the viewer may not see (materials and projects not shared with them).'),
    history: z.array(
      z.object({
        action: z.enum(['recorded', 'updated', 'evidence_added', 'evidence_removed', 'confirmed']),
        at: isoDateTime,
        who: z.string().optional(),
        evidenceTitle: z.string().optional(),
      }),
    ),
    url: z.string(),
  }),
);
