import 'server-only';
import { z } from 'zod';
import type { Visibility } from '@/lib/auth/viewer';
import { getProject } from '@/lib/projects/get-project';
import { listProjects } from '@/lib/projects/list-projects';
import { collaborationChoices, projectPhases, projectStatuses, type ProjectPhase } from '@/lib/projects/project-words';
import { defineOperation, type ApiContext } from '../api-operation';
import { cursorParam, pageNumberAt, readListCursor } from '../cursor';
import { ApiProblem } from '../problem';
import { limitParam, slug } from '../schemas/common';
import { project, projectList } from '../schemas/project';

/**
 * Councils' projects (lib/projects): the same lists and rules as /projects and a project's page,
 * through the same domain functions (listProjects, getProject), so who sees what is decided there.
 */

// What the project's page says when there is none, or the viewer may not see it.
const notFound = 'Page not found';
const defaultLimit = 20;
const maxLimit = 100;

const listQuery = {
  phase: z.enum(projectPhases, { error: `Give phase as ${projectPhases.join(', ')}.` }).optional(),
  topic: slug.max(100, { error: 'Use a service area from /api/v1/vocabularies/topics for topic.' }).optional().describe('A service area (topic slug), as /projects filters by.'),
  council: slug.max(100, { error: 'Use a council from /api/v1/councils for council.' }).optional().describe('A council’s slug.'),
  collaboration: z.enum(collaborationChoices, { error: `Give collaboration as ${collaborationChoices.join(', ')}.` }).optional().describe('What the council is open to.'),
  status: z.enum(projectStatuses, { error: `Give status as ${projectStatuses.join(', ')}.` }).optional(),
  limit: limitParam(defaultLimit, maxLimit),
  cursor: cursorParam.optional(),
};

export const listProjectsOperation = defineOperation({
  operationId: 'listProjects',
  path: '/projects',
  tag: 'Projects',
  summary: 'Councils’ projects',
  description: 'Every project the viewer may see, most recently updated first, with the filters of /projects.',
  params: {},
  query: listQuery,
  response: projectList,
  problems: [],
});

export async function answerProjects({ services, viewer, url, query }: ApiContext<Record<string, never>, typeof listQuery>) {
  const limit = query.limit ?? defaultLimit;
  const cursor = readListCursor(url, query.cursor);
  const page = pageNumberAt(cursor.offset, limit);
  const { limit: _limit, cursor: _cursor, ...filters } = query;
  const list = await listProjects(services, viewer, { ...filters, page }, { pageSize: limit });
  const { next, nextUrl } = cursor.nextPage(list.page === page && page < list.pageCount ? page * limit : null, '/api/v1/projects');
  return {
    body: {
      total: list.total,
      // listProjects brings a page past the end back to the last one; the API gives it empty instead.
      results: (list.page === page ? list.items : []).map((item) => ({ ...item, url: `/projects/${item.id}`, apiUrl: `/api/v1/projects/${item.id}` })),
      next,
      nextUrl,
    },
  };
}

const idParams = { id: z.uuid().describe('The project’s id.') };

export const getProjectOperation = defineOperation({
  operationId: 'getProject',
  path: '/projects/{id}',
  tag: 'Projects',
  summary: 'One project, with its partners, materials and updates',
  description: 'What the project’s page shows the viewer: partner councils, the materials the viewer may see, and the timeline of updates. Anyone who may not see it gets 404.',
  params: idParams,
  query: {},
  response: project,
  notFound,
  problems: ['not-found'],
});

const materialRef = (m: { id: string; title: string }) => ({ id: m.id, title: m.title, apiUrl: `/api/v1/materials/${m.id}` });

export async function answerProject({ services, viewer, params }: ApiContext<typeof idParams, Record<string, never>>) {
  const view = await getProject(services, viewer, params.id);
  if (!view) throw new ApiProblem('not-found', notFound);
  return {
    body: {
      id: view.id,
      name: view.name,
      summary: view.summary,
      council: { slug: view.council.slug, name: view.council.name },
      serviceAreas: view.topics,
      lgslCodes: view.lgslCodes,
      phase: view.phase,
      status: view.status,
      startOn: view.startOn,
      startEstimated: view.startEstimated,
      expectedEndOn: view.expectedEndOn,
      endEstimated: view.endEstimated,
      collaboration: view.collaboration,
      fundingSource: view.fundingSource,
      fundingDetail: view.fundingDetail,
      links: view.links,
      // The stored column is text; the response schema checks it is one of the three.
      visibility: view.visibility as Visibility,
      contact: view.contact,
      partners: view.partners,
      materials: view.materialsByPhase.flatMap((group) => group.items.map((m) => ({ ...materialRef(m), phase: group.phase }))),
      hiddenMaterialCount: view.hiddenMaterialCount,
      updates: view.updates.map((u) => ({
        ...u,
        phaseFrom: u.phaseFrom as ProjectPhase | null,
        phaseTo: u.phaseTo as ProjectPhase | null,
        materials: u.materials.map(materialRef),
      })),
      phases: view.phaseSpans.map((span) => ({ ...span, phase: span.phase as ProjectPhase })),
      lastUpdatedOn: view.lastUpdatedOn,
      quietForDays: view.quietForDays,
      url: `/projects/${view.id}`,
      feedUrl: view.visibility === 'public' ? `/projects/${view.id}/feed` : null,
    },
  };
}
