import { z } from 'zod';
import { visibilities } from '@/lib/auth/viewer';
import { collaborationChoices, fundingSources, projectPhases, projectStatuses } from '@/lib/projects/project-words';
import { councilRef, isoDate, pageFields, slug } from './common';
import { named } from './registry';

/** Councils' projects (lib/projects), as /projects and a project's page show them. */

const link = z.object({ title: z.string(), url: z.string().describe('An http or https address.') });
const materialRef = z.object({ id: z.uuid(), title: z.string(), apiUrl: z.string() });

export const projectSummary = named(
  'ProjectSummary',
  z.object({
    id: z.uuid(),
    name: z.string(),
    summary: z.string(),
    council: councilRef,
    phase: z.enum(projectPhases),
    status: z.enum(projectStatuses),
    collaboration: z.array(z.enum(collaborationChoices)).describe('What the council is open to: sharing, conversation, partners, co-funding.'),
    lastUpdatedOn: isoDate.describe('The day of its latest update, or of its registration.'),
    url: z.string().describe('Its page on this hub.'),
    apiUrl: z.string(),
  }),
);

export const projectList = named(
  'ProjectList',
  z.object({
    total: z.number().int().describe('How many projects the viewer may see match the filters.'),
    results: z.array(projectSummary).describe('Most recently updated first, as /projects lists them.'),
    ...pageFields,
  }),
);

export const projectUpdate = named(
  'ProjectUpdate',
  z.object({
    id: z.uuid(),
    postedOn: isoDate,
    council: z.string().nullable().describe('The council that posted it (the project’s own, or a partner).'),
    body: z.string(),
    links: z.array(link),
    phaseFrom: z.enum(projectPhases).nullable().describe('When the update moved the project: the phase it left.'),
    phaseTo: z.enum(projectPhases).nullable().describe('When the update moved the project: the phase it entered.'),
    materials: z.array(materialRef).describe('Attached materials the viewer may see.'),
    hiddenMaterialCount: z.number().int().describe('Attached materials the viewer may not see.'),
  }),
);

export const project = named(
  'Project',
  z.object({
    id: z.uuid(),
    name: z.string(),
    summary: z.string(),
    council: councilRef,
    serviceAreas: z.array(z.object({ slug, label: z.string() })).describe('The service areas (topics) it touches.'),
    lgslCodes: z.array(z.number().int()).describe('Local Government Service List codes.'),
    phase: z.enum(projectPhases),
    status: z.enum(projectStatuses),
    startOn: isoDate,
    startEstimated: z.boolean(),
    expectedEndOn: isoDate.nullable(),
    endEstimated: z.boolean(),
    collaboration: z.array(z.enum(collaborationChoices)),
    fundingSource: z.enum(fundingSources).nullable(),
    fundingDetail: z.string(),
    links: z.array(link),
    visibility: z.enum(visibilities),
    contact: z
      .object({ name: z.string(), council: z.string(), email: z.string().optional().describe('Only for people signed in from a council, and site admins.') })
      .nullable(),
    partners: z.array(z.object({ slug, name: z.string(), accepted: z.boolean().describe('False while the council is invited and has not answered.') })),
    materials: z.array(materialRef.extend({ phase: z.string().describe('The phase it is shown under (its first in the hub’s order; empty when it has none).') })).describe('The project’s materials the viewer may see.'),
    hiddenMaterialCount: z.number().int().describe('The project’s materials the viewer may not see.'),
    updates: z.array(projectUpdate).describe('Newest first.'),
    phases: z
      .array(z.object({ phase: z.enum(projectPhases), from: isoDate, until: isoDate.nullable().describe('Null for the phase it is in now.') }))
      .describe('The phases it has been through, oldest first.'),
    lastUpdatedOn: isoDate,
    quietForDays: z.number().int().nullable().describe('Days since the last update, when 90 or more and the project is active; otherwise null.'),
    url: z.string(),
    feedUrl: z.string().nullable().describe('The Atom feed of its updates: public projects only.'),
  }),
);
