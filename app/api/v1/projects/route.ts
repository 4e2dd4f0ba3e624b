import { apiRoute } from '@/lib/api/api-route';
import { otherMethods } from '@/lib/api/other-methods';
import { answerProjects, listProjectsOperation } from '@/lib/api/operations/projects';

export const dynamic = 'force-dynamic';

/** GET /api/v1/projects (lib/api/operations/projects.ts). */
export const GET = apiRoute(listProjectsOperation, answerProjects);

/** Any other method: 405 with Allow, as problem details. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
