import { apiRoute } from '@/lib/api/api-route';
import { answerProject, getProjectOperation } from '@/lib/api/operations/projects';

export const dynamic = 'force-dynamic';

/** GET /api/v1/projects/{id} (lib/api/operations/projects.ts). */
export const GET = apiRoute(getProjectOperation, answerProject);
