import { apiRoute } from '@/lib/api/api-route';
import { answerProjects, listProjectsOperation } from '@/lib/api/operations/projects';

export const dynamic = 'force-dynamic';

/** GET /api/v1/projects (lib/api/operations/projects.ts). */
export const GET = apiRoute(listProjectsOperation, answerProjects);
